import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { queryAll, scanPages } from '../dynamo-pages.ts';

// Verification reads stored items as they are, without the store's codec (which throws on an item
// that is not a valid envelope): a tampered item must become a finding, not a crash.

export type RawItem = Record<string, AttributeValue>;
export type EventsTableRef = { client: DynamoDBClient; tableName: string };

/** The table's key of an item; both are key attributes, so every stored item has them. */
export const keyOf = (item: RawItem): { stream: string; version: number } => ({
  stream: item.stream?.S ?? '',
  version: Number(item.version?.N ?? Number.NaN),
});

/** Every stored item of one stream, in version order, all pages, read consistently. */
export const readRawStream = async ({ client, tableName }: EventsTableRef, stream: string): Promise<RawItem[]> =>
  queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'stream' },
    ExpressionAttributeValues: { ':s': { S: stream } },
    ConsistentRead: true,
  });

/**
 * Every stored item of the table, by a parallel Scan (`segments` workers), grouped by stream and
 * sorted by version. Holds the whole table in memory: fine for verification runs of up to a few
 * million events; beyond that, run it per segment range or per stream.
 */
export const scanRawStreams = async (
  { client, tableName }: EventsTableRef,
  { segments = 4, streamPrefix = '' }: { segments?: number; streamPrefix?: string } = {},
): Promise<Map<string, RawItem[]>> => {
  const byStream = new Map<string, RawItem[]>();
  const scanSegment = (segment: number) =>
    scanPages(
      client,
      {
        TableName: tableName,
        Segment: segment,
        TotalSegments: segments,
        ConsistentRead: true,
        ...(streamPrefix
          ? {
              FilterExpression: 'begins_with(#s, :p)',
              ExpressionAttributeNames: { '#s': 'stream' },
              ExpressionAttributeValues: { ':p': { S: streamPrefix } },
            }
          : {}),
      },
      (items) => {
        for (const item of items) {
          const { stream } = keyOf(item);
          const group = byStream.get(stream);
          if (group) group.push(item);
          else byStream.set(stream, [item]);
        }
      },
    );
  await Promise.all(Array.from({ length: segments }, (_, i) => scanSegment(i)));
  for (const group of byStream.values()) group.sort((a, b) => keyOf(a).version - keyOf(b).version);
  return new Map([...byStream].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};
