import { dynamoFromEnv, keyStoreFromEnv, sealingEventStoreFromEnv } from '../lib/aws-clients.ts';
import { createObservability, flushMetrics, httpKeys, logContext } from '../lib/observability.ts';
import { createCommandHandler } from './commands.ts';
import { requireEnv } from '../lib/env.ts';
import { tableEnv } from '../lib/table-env.ts';

const { logger, metrics } = createObservability();
const dynamo = dynamoFromEnv();
const keys = keyStoreFromEnv(dynamo);

export const handler = createCommandHandler({
  store: sealingEventStoreFromEnv(dynamo, keys),
  keys,
  accessRecords: { client: dynamo, tableName: requireEnv(tableEnv.accessRecords) },
  clock: () => new Date(),
  logger,
  metrics,
})
  .use(logContext(logger, httpKeys))
  .use(flushMetrics(metrics));
