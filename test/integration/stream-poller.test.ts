import { randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { ensureTables, localTableName } from '../../infra/local/create-tables.ts';
import { localCredentials, localRegion } from '../../infra/local/dynamodb-local.ts';
import { checkpointsTable, createCheckpointStore } from '../../infra/local/stream-checkpoints.ts';
import { createStreamPoller } from '../../infra/local/stream-poller.ts';
import { testTables } from '../support/dynamo.ts';

let tables: Awaited<ReturnType<typeof testTables>>;
let store: EventStore;
let streamArn: string;
let checkpointsName: string;
beforeAll(async () => {
  tables = await testTables('poller');
  await ensureTables(tables.client, tables.prefix, [checkpointsTable]);
  checkpointsName = localTableName(tables.prefix, checkpointsTable);
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName });
  streamArn = (await tables.client.send(new DescribeTableCommand({ TableName: tables.eventsTableName }))).Table!.LatestStreamArn!;
});

const meta = { actor: { id: 'a', role: 'agency-reviewer', organisation: 'agency:x' }, workstation: null, correlationId: 'c' };
const streams = () => new DynamoDBStreamsClient({ endpoint: tables.endpoint, region: localRegion, credentials: localCredentials });
const versionsOf = (event: DynamoDBStreamEvent) => event.Records.map((r) => Number(r.dynamodb!.Keys!.version!.N));

describe('local stream poller', () => {
  it('hands records on in order, retries from the first failed record, and resumes from its checkpoint', async () => {
    const stream = `case#${randomUUID()}`;
    await store.append(
      stream,
      0,
      Array.from({ length: 5 }, (_, i) => ({ type: 'NoteRecorded', schemaVersion: 1, data: { i } })),
      meta,
    );

    const seen: number[] = [];
    let failedOnce = false;
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const failAt = event.Records.findIndex((r) => Number(r.dynamodb!.Keys!.version!.N) === 3);
      if (failAt !== -1 && !failedOnce) {
        failedOnce = true;
        seen.push(...versionsOf(event).slice(0, failAt));
        return { batchItemFailures: [{ itemIdentifier: event.Records[failAt]!.dynamodb!.SequenceNumber! }] };
      }
      seen.push(...versionsOf(event));
      return { batchItemFailures: [] };
    };
    const checkpoints = createCheckpointStore(tables.client, checkpointsName, streamArn);
    const poller = createStreamPoller({ streams: streams(), streamArn, checkpoints, handler, retryDelayMs: 1 });
    await poller.start();
    await poller.stop();
    // start() launched the loop; drive it by hand until the stream is drained.
    for (let i = 0; i < 5 && seen.length < 5; i++) await poller.pollOnce();
    expect(seen).toEqual([1, 2, 3, 4, 5]);

    // A new poller on the same checkpoints sees only what came after.
    await store.append(stream, 5, [{ type: 'NoteRecorded', schemaVersion: 1, data: { i: 6 } }], meta);
    const later: number[] = [];
    const resumed = createStreamPoller({
      streams: streams(),
      streamArn,
      checkpoints: createCheckpointStore(tables.client, checkpointsName, streamArn),
      handler: async (event) => {
        later.push(...versionsOf(event));
        return { batchItemFailures: [] };
      },
    });
    await resumed.start();
    await resumed.stop();
    for (let i = 0; i < 3 && later.length < 1; i++) await resumed.pollOnce();
    expect(later).toEqual([6]);
  });
});
