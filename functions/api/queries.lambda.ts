import { Logger } from '@aws-lambda-powertools/logger';
import { tableEnv } from '../../infra/definitions/tables.ts';
import { dynamoFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createCaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { createQueryHandler } from './queries.ts';

const dynamo = dynamoFromEnv();
export const handler = createQueryHandler({
  caseStatus: createCaseStatusTable({ client: dynamo, tableName: requireEnv(tableEnv.readModels) }),
  logger: new Logger({ serviceName: 'api-queries' }),
});
