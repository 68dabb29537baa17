import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTables, localTableName } from '../../infra/local/create-tables.ts';
import { localDynamoClient } from '../../infra/local/dynamodb-local.ts';
import { accessRecordsTable, eventsTable, keysTable, readModelsTable, tables } from '../../infra/definitions/tables.ts';

/** Fresh tables under a prefix of their own, on the run's one DynamoDB Local. */
export const testTables = async (label: string) => {
  const endpoint = inject('dynamoEndpoint');
  const prefix = `${label}-${randomBytes(4).toString('hex')}-`;
  const client = localDynamoClient(endpoint);
  await ensureTables(client, prefix, tables);
  return {
    endpoint,
    prefix,
    client,
    eventsTableName: localTableName(prefix, eventsTable),
    readModelsTableName: localTableName(prefix, readModelsTable),
    keysTableName: localTableName(prefix, keysTable),
    accessRecordsTableName: localTableName(prefix, accessRecordsTable),
  };
};
