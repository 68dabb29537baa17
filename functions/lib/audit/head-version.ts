import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { EventsTableRef } from './raw-events.ts';

/**
 * The version of a stream's newest stored item, 0 for an empty stream: one strongly consistent
 * Query, newest first, one item, its key only. Read raw (no codec), so an item this code cannot
 * decode still counts: whether a read model is behind is a question of versions, not of contents.
 */
export const headVersionOf = async ({ client, tableName }: EventsTableRef, stream: string): Promise<number> => {
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'stream', '#v': 'version' },
      ExpressionAttributeValues: { ':s': { S: stream } },
      ProjectionExpression: '#v',
      ScanIndexForward: false,
      Limit: 1,
      // An eventually consistent read could miss the write a caller has just had answered.
      ConsistentRead: true,
    }),
  );
  const version = out.Items?.[0]?.version?.N;
  return version === undefined ? 0 : Number(version);
};
