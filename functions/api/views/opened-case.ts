import type { EventEnvelope } from '../../../events/envelope.ts';
import { foldCase } from '../../lib/audit/fold.ts';
import { caseAnswer } from './case-view.ts';

/**
 * The case a command has just opened, as `GET /cases/{id}` answers it at that version: an opening's
 * events are the whole stream, folded with the decider the projection folds with. Its deadlines are
 * judged as of when the events were recorded, so a retry gets the same answer as the first copy.
 * Null when the events do not start the stream (nothing to fold from).
 */
export const openedCase = (events: readonly EventEnvelope[]) => {
  const last = events.at(-1);
  if (!last || events[0]!.version !== 1) return null;
  return caseAnswer(foldCase(events), last.version, last.recordedAt, last.recordedAt);
};
