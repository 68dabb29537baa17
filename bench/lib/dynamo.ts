// Fresh tables for each scenario (a unique prefix on the bench's one DynamoDB Local), Castore's own
// table, fast seeding (the event store's real items, written with BatchWriteItem) and clean-up.
import { randomBytes } from 'node:crypto';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  waitUntilTableExists,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createEventStore, type StreamHead } from '../../functions/lib/event-store/event-store.ts';
import { eventsTable, readModelsTable, type TableDefinition } from '../../infra/definitions/tables.ts';
import { dropTable, ensureTables, localTableName } from '../../infra/local/create-tables.ts';
import { metaFor, newEvent, streamOf } from './fixtures.ts';
import { chunk, runPool } from './pool.ts';

export type Item = Record<string, AttributeValue>;

export const freshPrefix = (label: string) => `bench-${label}-${randomBytes(3).toString('hex')}-`;

const created: { client: DynamoDBClient; name: string }[] = [];

const ensure = async (client: DynamoDBClient, prefix: string, def: TableDefinition) => {
  await ensureTables(client, prefix, [def]);
  const name = localTableName(prefix, def);
  created.push({ client, name });
  return name;
};

/** The project's events table (stream NEW_IMAGE, as deployed); `stream: false` for the same table without one. */
export const createEventsTable = (client: DynamoDBClient, prefix: string, { stream = true } = {}) =>
  ensure(client, prefix, stream ? eventsTable : { ...eventsTable, logicalName: 'events-nostream', stream: null });

export const createReadModelsTable = (client: DynamoDBClient, prefix: string) => ensure(client, prefix, readModelsTable);

/**
 * The table Castore's DynamoDBSingleTableEventStorageAdapter expects (its README): aggregateId (S) /
 * version (N) keys and the `initialEvents` GSI (eventStoreId / timestamp, KEYS_ONLY). Given the
 * same stream setting as ours, so the comparison is of the adapters, not of the tables.
 */
export const createCastoreTable = async (client: DynamoDBClient, prefix: string, { stream = true } = {}) => {
  const name = `${prefix}castore-events`;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'aggregateId', AttributeType: 'S' },
        { AttributeName: 'version', AttributeType: 'N' },
        { AttributeName: 'eventStoreId', AttributeType: 'S' },
        { AttributeName: 'timestamp', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'aggregateId', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'initialEvents',
          KeySchema: [
            { AttributeName: 'eventStoreId', KeyType: 'HASH' },
            { AttributeName: 'timestamp', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } } : {}),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  created.push({ client, name });
  return name;
};

/** Drops every table this run created (DynamoDB Local keeps them in memory otherwise). */
export const dropCreatedTables = async () => {
  for (const { client, name } of created.splice(0)) await dropTable(client, name).catch(() => {});
};

export const dropTables = async (client: DynamoDBClient, names: readonly string[]) => {
  for (const name of names) {
    await dropTable(client, name).catch(() => {});
    const i = created.findIndex((c) => c.name === name);
    if (i >= 0) created.splice(i, 1);
  }
};

/**
 * The items the event store would write for `cases` streams of `eventsPerCase` events each, one
 * append (one command) per event, with the real envelope, hash chain and codec: the store runs
 * against a client that records its writes instead of sending them.
 */
export const eventStoreItems = async (caseIds: readonly string[], eventsPerCase: number): Promise<Item[]> => {
  const items: Item[] = [];
  const recorder = {
    send: async (command: unknown) => {
      if (command instanceof PutItemCommand) items.push(command.input.Item!);
      else if (command instanceof TransactWriteItemsCommand) for (const t of command.input.TransactItems ?? []) items.push(t.Put!.Item!);
      else throw new Error('the recording client only takes writes');
      return {};
    },
  } as unknown as DynamoDBClient;
  const store = createEventStore({ client: recorder, tableName: 'recorded' });
  for (const caseId of caseIds) {
    let head: StreamHead | number = 0;
    for (let n = 1; n <= eventsPerCase; n++)
      head = (await store.append(streamOf(caseId), head, [newEvent(caseId, n)], metaFor(caseId, n))).head;
  }
  return items;
};

/** Writes items with BatchWriteItem (25 a call), `concurrency` calls at a time, retrying what is left unprocessed. */
export const batchWrite = async (client: DynamoDBClient, tableName: string, items: readonly Item[], concurrency = 8) => {
  await runPool(chunk(items, 25), concurrency, async (batch) => {
    let pending: { PutRequest: { Item: Item } }[] = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
};
