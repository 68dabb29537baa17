import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createEventStore } from './event-store/event-store.ts';
import { requireEnv } from './env.ts';
import { tableEnv } from './table-env.ts';

// Built once per cold start, at module scope of each Lambda entry, and reused by every invocation.
export const dynamoFromEnv = () => new DynamoDBClient({});

export const eventStoreFromEnv = (client: DynamoDBClient) => createEventStore({ client, tableName: requireEnv(tableEnv.events) });
