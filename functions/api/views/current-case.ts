import type { CaseState } from '../../../domain/case/state.ts';
import { UnreadableEventError } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { assertCaseReadable } from '../../lib/auth/case-scope.ts';
import { withRegisteredFirm } from '../../lib/auth/registered-firm.ts';
import { headVersionOf } from '../../lib/audit/head-version.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import { streamOfCase } from '../../lib/audit/verify-store.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import { CorruptEventError } from '../../lib/event-store/errors.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { caseIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';
import type { CaseStatusRecord, CaseStatusTable } from '../../lib/read-models/case-status-table.ts';
import { caseStatusTarget } from '../../projections/case-status.ts';
import { caseAnswer } from './case-view.ts';
import { readSource } from './read-source.ts';

// `GET /cases/{id}` without asOf or version: the case as it stands now. The read model answers when
// it holds the stream's last event; while it is behind (a projection lags, or has not seen a new case
// yet), the stream is folded with the projection's own code (caseStatusTarget), so the answer is the
// one the read model will give once it catches up: the caller reads its own write, never a 404 for
// the case its POST has just opened and never the state from before its command. Either way the
// answer goes through the same gate: opened and masked for the caller (present.ts) and its read put
// on record (reads-of-records.ts), as both find the same sealed values and the same record id.

export type CurrentCaseDeps = { caseStatus: CaseStatusTable; events: EventsTableRef; clock: () => Date };

/** The stream folded as far as it can be read; the event it stopped at, if any. */
const foldReadable = (target: ReturnType<typeof caseStatusTarget>, stream: string, envelopes: readonly EventEnvelope[]) => {
  let state: CaseState = target.initial(stream);
  for (const envelope of envelopes) {
    try {
      state = target.evolve(state, envelope);
    } catch (error) {
      if (error instanceof UnreadableEventError) return { state, unreadable: error };
      throw error;
    }
  }
  return { state, unreadable: null };
};

export const currentCase = ({ caseStatus, events, clock }: CurrentCaseDeps): RouteHandler<Admitted> => {
  const store = createEventStore(events);
  const target = caseStatusTarget(caseStatus);
  return async (event, _context, principal) => {
    const caseId = caseIdOf(event);
    const stream = streamOfCase(caseId);
    const [record, head, caller] = await Promise.all([
      caseStatus.get(caseId),
      headVersionOf(events, stream),
      withRegisteredFirm(store, principal),
    ]);
    const now = clock().toISOString();
    const fromReadModel = (row: CaseStatusRecord) =>
      json(200, caseAnswer(row.state, row.version, row.updatedAt, now), { etag: `"${row.version}"`, ...readSource('read-model') });
    if (record && record.version >= head) {
      assertCaseReadable(caller, record.state);
      return fromReadModel(record);
    }
    let envelopes: EventEnvelope[];
    try {
      envelopes = await store.readStream(stream);
    } catch (error) {
      // A stored item that is no event at all never reached the projection either: the case shows
      // what it was before it (its verification names the item), as it did before this fallback.
      if (!(error instanceof CorruptEventError) || !record) throw error;
      assertCaseReadable(caller, record.state);
      return fromReadModel(record);
    }
    const last = envelopes.at(-1);
    if (!last) throw new HttpError(404, 'CASE_NOT_FOUND', `no case ${caseId}`);
    const { state, unreadable } = foldReadable(target, stream, envelopes);
    // Whose case it is is judged on what can be read; nothing readable is nobody's to read.
    if (state.status === 'none')
      throw new HttpError(403, 'OUT_OF_SCOPE', 'whose case this is cannot be told: its first event cannot be read');
    assertCaseReadable(caller, state);
    // An event this code cannot read (the projection is stuck at it too): a 500 naming its stream and
    // version, as commands on the case answer, once the caller is known to be in scope.
    if (unreadable) throw unreadable;
    return json(200, caseAnswer(state, last.version, last.recordedAt, now), { etag: `"${last.version}"`, ...readSource('event-store') });
  };
};
