import { initialCaseState, type CaseState } from '../../../domain/case/state.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { Admitted } from '../auth/admitted.ts';
import { withRegisteredFirm } from '../auth/registered-firm.ts';
import type { EventStore } from '../event-store/event-store.ts';
import { HttpError } from '../http/http-error.ts';
import type { CaseStatusRecord, CaseStatusTable } from '../read-models/case-status-table.ts';
import { assertCanRead } from './access.ts';
import { foldCase } from './fold.ts';

// Whether a caller may read a case, for every route that answers about a case from the event store
// (its history, past states, diff, verification, export) and for the read audit's `record=` question:
// 404 for an unknown case, 403 for one out of the caller's case scope (case-scope.ts).

/** What the store holds of a case, for the access check: whether any item exists, and the readable prefix. */
export type Stored = { exists: boolean; readable: readonly EventEnvelope[] };
export const stored = (envelopes: readonly EventEnvelope[]): Stored => ({ exists: envelopes.length > 0, readable: envelopes });

export const caseNotFound = (caseId: string) => new HttpError(404, 'CASE_NOT_FOUND', `no case ${caseId}`);

/** The state for the access check when no read model is there: the readable prefix, folded. */
const lenientState = (envelopes: readonly EventEnvelope[]): CaseState => {
  for (let n = envelopes.length; n > 0; n--) {
    try {
      return foldCase(envelopes.slice(0, n));
    } catch {
      // an event this code cannot read: try the prefix before it
    }
  }
  // Nothing readable: whose case it is cannot be told, so it is nobody's to read.
  return initialCaseState();
};

export type CaseReadCheck = (
  principal: Admitted,
  caseId: string,
  source: { record?: CaseStatusRecord | null; load: () => Promise<Stored> },
) => Promise<void>;

/**
 * 404 for an unknown case, 403 for a caller who may not read it. Who may is judged on the case's
 * current state: the read model's, or the store's when that lags behind.
 */
export const createCaseReadCheck =
  ({ store, caseStatus }: { store: Pick<EventStore, 'readStream'>; caseStatus: Pick<CaseStatusTable, 'get'> }): CaseReadCheck =>
  async (principal, caseId, { record, load }) => {
    const [current, caller] = await Promise.all([
      record !== undefined ? record : caseStatus.get(caseId),
      withRegisteredFirm(store, principal),
    ]);
    if (current) {
      assertCanRead(caller, current.state);
      return;
    }
    const held = await load();
    if (!held.exists) throw caseNotFound(caseId);
    assertCanRead(caller, lenientState(held.readable));
  };
