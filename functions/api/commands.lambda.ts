import { dynamoFromEnv, keyStoreFromEnv, sealingEventStoreFromEnv } from '../lib/aws-clients.ts';
import { createObservability, flushMetrics, httpKeys, logContext } from '../lib/observability.ts';
import { createCommandHandler } from './commands.ts';

const { logger, metrics } = createObservability();
const dynamo = dynamoFromEnv();
const keys = keyStoreFromEnv(dynamo);

export const handler = createCommandHandler({
  store: sealingEventStoreFromEnv(dynamo, keys),
  keys,
  clock: () => new Date(),
  logger,
  metrics,
})
  .use(logContext(logger, httpKeys))
  .use(flushMetrics(metrics));
