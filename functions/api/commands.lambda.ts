import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { createCommandHandler } from './commands.ts';

const dynamo = dynamoFromEnv();
export const handler = createCommandHandler({ store: eventStoreFromEnv(dynamo), clock: () => new Date(), logger: new Logger({ serviceName: 'api-commands' }) });
