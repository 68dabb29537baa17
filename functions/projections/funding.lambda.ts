import middy from '@middy/core';
import { tableEnv } from '../../infra/definitions/tables.ts';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability, flushMetrics, logContext, projectedEventKeys, recordProjectionLag } from '../lib/observability.ts';
import { createReadModelTable } from '../lib/read-models/read-model-table.ts';
import { createFundingProjection } from './funding.ts';
import type { ProjectionOutcome } from './stream-projection.ts';

const { logger, metrics } = createObservability();
const dynamo = dynamoFromEnv();

export const handler = middy<unknown, ProjectionOutcome>(
  createFundingProjection({
    store: eventStoreFromEnv(dynamo),
    readModels: createReadModelTable({ client: dynamo, tableName: requireEnv(tableEnv.readModels) }),
    logger,
  }),
)
  .use(logContext(logger, projectedEventKeys))
  .use(flushMetrics(metrics))
  // Runs before flushMetrics' `after` (middy runs `after` in reverse order): the lag is in this flush.
  .use({ after: (request) => recordProjectionLag(metrics, request.event, request.response) });
