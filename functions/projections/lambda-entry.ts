import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ProjectionName } from '../../events/routing.ts';
import { tableEnv } from '../lib/table-env.ts';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability, flushMetrics, logContext, recordProjectionLag, sqsBatchKeys } from '../lib/observability.ts';
import { createBusEventApplier } from './apply-bus-event.ts';
import { createSqsBatchHandler } from './sqs-batch.ts';

/**
 * The Lambda entry of a projection of the registry: clients from the environment, the SQS batch
 * handler, logs, and metrics (the lag of every record applied, flushed once per invocation).
 */
export const projectionLambda = (name: ProjectionName) => {
  const { logger, metrics } = createObservability();
  const dynamo = dynamoFromEnv();
  const apply = createBusEventApplier(name, {
    store: eventStoreFromEnv(dynamo),
    readModels: { client: dynamo, tableName: requireEnv(tableEnv.readModels) },
    logger,
  });
  return middy<SQSEvent, SQSBatchResponse>(
    createSqsBatchHandler(apply, { logger, onApplied: ({ event, outcome }) => recordProjectionLag(metrics, event, outcome) }),
  )
    .use(logContext(logger, sqsBatchKeys))
    .use(flushMetrics(metrics));
};
