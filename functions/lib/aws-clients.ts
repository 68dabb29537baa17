import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { catalogue } from '../../events/catalogue/index.ts';
import { createEventStore } from './event-store/event-store.ts';
import { requireEnv } from './env.ts';
import { createKeyStore, type KeyStore } from './privacy/key-store.ts';
import { kmsKeyWrapper } from './privacy/key-wrappers.ts';
import { createPersonalSealer } from './privacy/sealer.ts';
import { tableEnv } from './table-env.ts';
import { traced } from './tracing.ts';

// Built once per cold start, at module scope of each Lambda entry, and reused by every invocation;
// each one's calls traced in X-Ray (tracing.ts).
export const dynamoFromEnv = () => traced(new DynamoDBClient({}));

/** The stack's KMS key that wraps every record's data key (the stack sets it on the functions that seal or open). */
export const DATA_KEY_ARN_ENV = 'DATA_KEY_ARN';

export const eventStoreFromEnv = (client: DynamoDBClient) => createEventStore({ client, tableName: requireEnv(tableEnv.events) });

export const keyStoreFromEnv = (client: DynamoDBClient): KeyStore =>
  createKeyStore({
    client,
    tableName: requireEnv(tableEnv.keys),
    wrapper: kmsKeyWrapper(traced(new KMSClient({})), requireEnv(DATA_KEY_ARN_ENV)),
  });

/** The store the command function appends with: personal fields sealed under each record's key. */
export const sealingEventStoreFromEnv = (client: DynamoDBClient, keys: KeyStore) =>
  createEventStore({ client, tableName: requireEnv(tableEnv.events), sealer: createPersonalSealer({ keys, catalogue }) });
