import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../lib/env.ts';
import { createObservability, flushMetrics, logContext, recordPublisherFailedEntries, streamBatchKeys } from '../lib/observability.ts';
import { createPublisher, type PublisherDeps } from './publisher.ts';

const { logger, metrics } = createObservability();

// `onFailedEntries` is the hook proposed for PublisherDeps (issue 7: the publisher calls it once per
// invocation with the number of events it could not put on the bus). Until publisher.ts declares and
// calls it, it is ignored and PublisherFailedEntries stays empty (its alarm treats that as OK).
const deps: PublisherDeps & { onFailedEntries: (count: number) => void } = {
  bus: new EventBridgeClient({}),
  busName: requireEnv('EVENT_BUS_NAME'),
  deadLetter: new SQSClient({}),
  deadLetterUrl: requireEnv('DEAD_LETTER_QUEUE_URL'),
  logger,
  onFailedEntries: (count) => recordPublisherFailedEntries(metrics, count),
};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>(createPublisher(deps))
  .use(logContext(logger, streamBatchKeys))
  .use(flushMetrics(metrics));
