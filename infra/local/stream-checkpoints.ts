import { GetItemCommand, PutItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../definitions/tables.ts';

/** Local only (in AWS the event source mapping keeps its own position): where the poller got to. */
export const checkpointsTable: TableDefinition = {
  logicalName: 'local-stream-checkpoints',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  stream: null,
  rebuildable: false,
};

export type ShardCheckpoint = { shardId: string; sequenceNumber: string | null; finished: boolean };

export const createCheckpointStore = (client: DynamoDBClient, tableName: string, streamArn: string) => ({
  async all(): Promise<Map<string, ShardCheckpoint>> {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: streamArn } },
        ConsistentRead: true,
      }),
    );
    return new Map(
      (out.Items ?? []).map((i) => [
        i.sk!.S!,
        { shardId: i.sk!.S!, sequenceNumber: i.seq?.S ?? null, finished: i.finished?.BOOL ?? false },
      ]),
    );
  },
  async get(shardId: string): Promise<ShardCheckpoint | null> {
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: streamArn }, sk: { S: shardId } }, ConsistentRead: true }),
    );
    if (!out.Item) return null;
    return { shardId, sequenceNumber: out.Item.seq?.S ?? null, finished: out.Item.finished?.BOOL ?? false };
  },
  async save(checkpoint: ShardCheckpoint) {
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: streamArn },
          sk: { S: checkpoint.shardId },
          ...(checkpoint.sequenceNumber ? { seq: { S: checkpoint.sequenceNumber } } : {}),
          finished: { BOOL: checkpoint.finished },
        },
      }),
    );
  },
});

export type CheckpointStore = ReturnType<typeof createCheckpointStore>;
