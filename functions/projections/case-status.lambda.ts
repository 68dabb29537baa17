import middy from '@middy/core';
import { tableEnv } from '../lib/table-env.ts';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability, flushMetrics, logContext, projectedEventKeys, recordProjectionLag } from '../lib/observability.ts';
import { createCaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { createCaseStatusProjection, type ProjectionOutcome } from './case-status.ts';

const { logger, metrics } = createObservability();
const dynamo = dynamoFromEnv();

export const handler = middy<unknown, ProjectionOutcome>(
  createCaseStatusProjection({
    store: eventStoreFromEnv(dynamo),
    caseStatus: createCaseStatusTable({ client: dynamo, tableName: requireEnv(tableEnv.readModels) }),
    logger,
  }),
)
  .use(logContext(logger, projectedEventKeys))
  .use(flushMetrics(metrics))
  // Runs before flushMetrics' `after` (middy runs `after` in reverse order): the lag is in this flush.
  .use({ after: (request) => recordProjectionLag(metrics, request.event, request.response) });
