import { caseDecider } from '../../../domain/case/decider.ts';
import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';

// Point-in-time state: the same decider the command path and the projections use, folded over a
// prefix of the stream. Nothing here knows the state's fields, so the case domain can grow freely.

type Evolver<E, S> = { evolve: (state: S, event: E) => S; initialState: () => S };

export const foldWith = <E, S>(
  decider: Evolver<E, S>,
  definitions: ReadonlyMap<string, EventDefinition>,
  envelopes: readonly EventEnvelope[],
): S => envelopes.reduce((state, e) => decider.evolve(state, readEventData(definitions, e) as E), decider.initialState());

export const foldCase = (envelopes: readonly EventEnvelope[]) => foldWith(caseDecider, catalogue, envelopes);
export type FoldedCase = ReturnType<typeof foldCase>;

/** Which moment to fold to: a version, or a time on the `recordedAt` axis (when the store wrote it). */
export type Moment = { version: number } | { asOf: string };

/**
 * The prefix of a stream (in version order) that a moment selects. For `asOf`, the events recorded
 * at or before it, up to the first one recorded later: a state is always one the case really
 * passed through, even if clocks of two writers disagreed by a little.
 */
export const prefixAt = (envelopes: readonly EventEnvelope[], moment: Moment): EventEnvelope[] => {
  const prefix: EventEnvelope[] = [];
  const asOfMs = 'asOf' in moment ? Date.parse(moment.asOf) : Number.NaN;
  for (const e of envelopes) {
    const inside = 'version' in moment ? e.version <= moment.version : Date.parse(e.recordedAt) <= asOfMs;
    if (!inside) break;
    prefix.push(e);
  }
  return prefix;
};
