import { Logger } from '@aws-lambda-powertools/logger';
import { tableEnv } from '../../infra/definitions/tables.ts';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createCaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { createCaseStatusProjection } from './case-status.ts';

const dynamo = dynamoFromEnv();
export const handler = createCaseStatusProjection({
  store: eventStoreFromEnv(dynamo),
  caseStatus: createCaseStatusTable({ client: dynamo, tableName: requireEnv(tableEnv.readModels) }),
  logger: new Logger({ serviceName: 'projection-case-status' }),
});
