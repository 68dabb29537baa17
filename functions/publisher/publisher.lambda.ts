import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../lib/env.ts';
import { traced } from '../lib/tracing.ts';
import { createObservability, flushMetrics, logContext, recordPublisherFailedEntries, streamBatchKeys } from '../lib/observability.ts';
import { createPublisher, type PublisherDeps } from './publisher.ts';

const { logger, metrics } = createObservability();

// The publisher reports once per invocation how many events it could not put on the bus; they are
// counted as PublisherFailedEntries, which its alarm watches.
const deps: PublisherDeps = {
  bus: traced(new EventBridgeClient({})),
  busName: requireEnv('EVENT_BUS_NAME'),
  deadLetter: traced(new SQSClient({})),
  deadLetterUrl: requireEnv('DEAD_LETTER_QUEUE_URL'),
  logger,
  onFailedEntries: (count) => recordPublisherFailedEntries(metrics, count),
};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>(createPublisher(deps))
  .use(logContext(logger, streamBatchKeys))
  .use(flushMetrics(metrics));
