import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { createObservability, flushMetrics, httpKeys, logContext } from '../lib/observability.ts';
import { createCommandHandler } from './commands.ts';

const { logger, metrics } = createObservability();
const dynamo = dynamoFromEnv();

export const handler = createCommandHandler({ store: eventStoreFromEnv(dynamo), clock: () => new Date(), logger, metrics })
  .use(logContext(logger, httpKeys))
  .use(flushMetrics(metrics));
