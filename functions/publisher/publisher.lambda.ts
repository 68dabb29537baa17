import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../lib/env.ts';
import { createPublisher } from './publisher.ts';

export const handler = createPublisher({
  bus: new EventBridgeClient({}),
  busName: requireEnv('EVENT_BUS_NAME'),
  deadLetter: new SQSClient({}),
  deadLetterUrl: requireEnv('DEAD_LETTER_QUEUE_URL'),
  logger: new Logger({ serviceName: 'stream-publisher' }),
});
