import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { tableEnv } from '../lib/table-env.ts';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import type { EventStore } from '../lib/event-store/event-store.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability, flushMetrics, logContext, projectedEventKeys, recordProjectionLag } from '../lib/observability.ts';
import { createReadModelTable } from '../lib/read-models/read-model-table.ts';
import type { ProjectionOutcome } from './stream-projection.ts';

type ReadModelProjection = (deps: { store: EventStore; readModels: ReturnType<typeof createReadModelTable>; logger: Logger }) => (event: unknown) => Promise<ProjectionOutcome>;

/** The Lambda entry of a read-model projection: clients from the environment, logs, metrics and lag. */
export const projectionHandler = (create: ReadModelProjection) => {
  const { logger, metrics } = createObservability();
  const dynamo = dynamoFromEnv();
  return middy<unknown, ProjectionOutcome>(
    create({ store: eventStoreFromEnv(dynamo), readModels: createReadModelTable({ client: dynamo, tableName: requireEnv(tableEnv.readModels) }), logger }),
  )
    .use(logContext(logger, projectedEventKeys))
    .use(flushMetrics(metrics))
    // Runs before flushMetrics' `after` (middy runs `after` in reverse order): the lag is in this flush.
    .use({ after: (request) => recordProjectionLag(metrics, request.event, request.response) });
};
