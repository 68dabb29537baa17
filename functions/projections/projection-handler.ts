import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventEnvelope } from '../../events/envelope.ts';
import { projectedEventSchema } from './projected-event.ts';
import { createStateCache, type ProjectionOutcome, type StateCache } from './stream-projection.ts';

/**
 * A projection as the bus invokes it: EventBridge's event parsed, its envelope applied with this
 * instance's cache of last states, the outcome logged. One per Lambda instance or local stack.
 */
export const createProjectionHandler = <D extends { logger: Logger }>(
  name: string,
  apply: (deps: D, envelope: EventEnvelope, cache: StateCache) => Promise<ProjectionOutcome>,
  deps: D,
) => {
  const cache = createStateCache();
  return async (event: unknown): Promise<ProjectionOutcome> => {
    const parsed = projectedEventSchema.parse(event);
    const outcome = await apply(deps, parsed.detail, cache);
    deps.logger.debug(name, { stream: parsed.detail.stream, version: parsed.detail.version, outcome, replay: parsed['replay-name'] ?? null });
    return outcome;
  };
};
