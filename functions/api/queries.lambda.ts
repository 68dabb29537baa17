import { tableEnv } from '../lib/table-env.ts';
import { dynamoFromEnv, keyStoreFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability, flushMetrics, httpKeys, logContext } from '../lib/observability.ts';
import { createCaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { createQueryHandler } from './queries.ts';

const { logger, metrics } = createObservability();
const dynamo = dynamoFromEnv();

export const handler = createQueryHandler({
  caseStatus: createCaseStatusTable({ client: dynamo, tableName: requireEnv(tableEnv.readModels) }),
  eventsTable: { client: dynamo, tableName: requireEnv(tableEnv.events) },
  readModels: { client: dynamo, tableName: requireEnv(tableEnv.readModels) },
  keys: keyStoreFromEnv(dynamo),
  accessRecords: { client: dynamo, tableName: requireEnv(tableEnv.accessRecords) },
  clock: () => new Date(),
  logger,
  metrics,
})
  .use(logContext(logger, httpKeys))
  .use(flushMetrics(metrics));
