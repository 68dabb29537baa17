import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseState } from '../../domain/case/state.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData, UnreadableEventError } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { CorruptEventError } from '../lib/event-store/errors.ts';
import type { CaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { applyStreamEvent, type ProjectionOutcome, type StateCache, type StreamReader, type StreamTarget } from './stream-projection.ts';

export type { ProjectionOutcome } from './stream-projection.ts';

export type CaseStatusProjectionDeps = { store: StreamReader; caseStatus: CaseStatusTable };

const caseIdOf = (stream: string) => stream.slice('case#'.length);

export const caseStatusTarget = (caseStatus: CaseStatusTable): StreamTarget<CaseState> => ({
  read: async (stream) => caseStatus.get(caseIdOf(stream), { consistent: true }),
  initial: () => caseDecider.initialState(),
  evolve: (s, e) => caseDecider.evolve(s, readEventData(catalogue, e) as CaseEvent),
  write: (stream, state, last) => caseStatus.put({ caseId: caseIdOf(stream), version: last.version, state, updatedAt: last.recordedAt }),
});

/**
 * Applies one case event to the case's status record. Delivery is at least once and in any order:
 * an event at or below the record's version is a duplicate; one beyond the next version means
 * events are missing, and they are read from the store, so the record never skips a version.
 */
export const applyToCaseStatus = async (
  { store, caseStatus }: CaseStatusProjectionDeps,
  envelope: EventEnvelope,
  cache?: StateCache,
): Promise<ProjectionOutcome> => {
  try {
    return await applyStreamEvent(caseStatusTarget(caseStatus), store, envelope, cache);
  } catch (error) {
    // An event of this case the code cannot read: the case is marked as stuck at it (reads of the
    // case say which event it is), and the delivery fails, so the event waits in the dead-letter queue.
    if ((error instanceof UnreadableEventError || error instanceof CorruptEventError) && error.stream === envelope.stream) {
      await caseStatus.markUnreadable(caseIdOf(envelope.stream), {
        stream: error.stream,
        version: error.version,
        code: error.code,
        reason: error.message,
      });
    }
    throw error;
  }
};
