import type { CaseState } from '../../../domain/case/state.ts';
import { UnreadableEventError } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { assertCaseInScope } from '../../lib/auth/case-scope.ts';
import { withRegisteredFirm } from '../../lib/auth/registered-firm.ts';
import { headVersionOf } from '../../lib/audit/head-version.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import { streamOfCase } from '../../lib/audit/verify-store.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { caseIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';
import type { CaseStatusTable } from '../../lib/read-models/case-status-table.ts';
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
    const [record, head, stuck, caller] = await Promise.all([
      caseStatus.get(caseId),
      headVersionOf(events, stream),
      caseStatus.unreadableOf(caseId),
      withRegisteredFirm(store, principal),
    ]);
    const now = clock().toISOString();
    // The case has an event this code cannot read beyond what the read model shows: folding the store
    // would stop at the same event, so say which, as commands on it do.
    const stuckBeyond = (version: number) => {
      if (stuck && stuck.version > version)
        throw new HttpError(500, stuck.code, stuck.reason, { details: { stream: stuck.stream, version: stuck.version } });
    };
    if (record && record.version >= head) {
      assertCaseInScope(caller, record.state);
      stuckBeyond(record.version);
      return json(200, caseAnswer(record.state, record.version, record.updatedAt, now), {
        etag: `"${record.version}"`,
        ...readSource('read-model'),
      });
    }
    const envelopes = await store.readStream(stream);
    const last = envelopes.at(-1);
    if (!last) throw new HttpError(404, 'CASE_NOT_FOUND', `no case ${caseId}`);
    const { state, unreadable } = foldReadable(target, stream, envelopes);
    // Whose case it is is judged on what can be read; nothing readable is nobody's to read.
    if (state.status === 'none')
      throw new HttpError(403, 'OUT_OF_SCOPE', 'whose case this is cannot be told: its first event cannot be read');
    assertCaseInScope(caller, state);
    if (unreadable) throw unreadable;
    return json(200, caseAnswer(state, last.version, last.recordedAt, now), { etag: `"${last.version}"`, ...readSource('event-store') });
  };
};
