import type { Logger } from '@aws-lambda-powertools/logger';
import type { ProjectionName } from '../../events/routing.ts';
import type { ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';
import { projectedEventSchema, type ProjectedEvent } from './projected-event.ts';
import { projectionModules } from './registry.ts';
import { createStateCache, type ProjectionOutcome, type StreamReader } from './stream-projection.ts';

export type ProjectionDeps = { store: StreamReader; readModels: ReadModelsTableRef; logger: Logger };

/**
 * One projection of the registry applied to one EventBridge event: the event parsed, its envelope
 * applied with this instance's cache of last states, the outcome logged. One per Lambda instance or
 * local stack; the SQS batch handler (sqs-batch.ts) calls it once per record.
 */
export const createBusEventApplier = (name: ProjectionName, deps: ProjectionDeps) => {
  const cache = createStateCache();
  const { apply } = projectionModules[name];
  return async (event: unknown): Promise<{ event: ProjectedEvent; outcome: ProjectionOutcome }> => {
    const parsed = projectedEventSchema.parse(event);
    const outcome = await apply(deps, parsed.detail, cache);
    deps.logger.debug(name, {
      stream: parsed.detail.stream,
      version: parsed.detail.version,
      outcome,
      replay: parsed['replay-name'] ?? null,
    });
    return { event: parsed, outcome };
  };
};

export type BusEventApplier = ReturnType<typeof createBusEventApplier>;
