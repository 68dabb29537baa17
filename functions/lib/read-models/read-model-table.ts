import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

// The read-models table as every projection writes it: items keyed pk/sk, each carrying the version
// of the stream it reflects. A write only ever moves an item forward (conditional on the version), so
// at-least-once, out-of-order and racing deliveries all converge on the newest state.

export type ReadModelsTableRef = { client: DynamoDBClient; tableName: string };

export type ReadModelItem = { pk: string; sk: string; version: number; [field: string]: unknown };

export type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

export const createReadModelTable = ({ client, tableName }: ReadModelsTableRef) => {
  const get = async (pk: string, sk: string, { consistent = false } = {}): Promise<Record<string, unknown> | null> => {
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: consistent }),
    );
    return out.Item ? unmarshall(out.Item) : null;
  };

  /** Writes the item unless one of the same or a newer version is there; false when it was not written. */
  const putIfNewer = async (item: ReadModelItem): Promise<boolean> => {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false }),
          ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(item.version) } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  /**
   * One page of an index: the partition `pk`, optionally a sort-key range (`from` ≤ sk < `below`),
   * oldest first unless `descending`. `startKey` is the previous page's last evaluated key.
   */
  const queryIndex = async ({
    index,
    pk,
    from,
    below,
    limit,
    startKey,
    descending = false,
  }: {
    index: IndexName;
    pk: string;
    from?: string;
    below?: string;
    limit?: number;
    startKey?: Record<string, AttributeValue>;
    descending?: boolean;
  }): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, AttributeValue> | undefined }> => {
    const names: Record<string, string> = { '#pk': `${index}pk` };
    const values: Record<string, AttributeValue> = { ':pk': { S: pk } };
    let condition = '#pk = :pk';
    if (from !== undefined || below !== undefined) {
      names['#sk'] = `${index}sk`;
      if (from !== undefined && below !== undefined) {
        condition += ' AND #sk BETWEEN :from AND :to';
        values[':from'] = { S: from };
        // BETWEEN is inclusive; every sort key here ends in "#<id>", so "below" itself is never a key.
        values[':to'] = { S: below };
      } else if (from !== undefined) {
        condition += ' AND #sk >= :from';
        values[':from'] = { S: from };
      } else {
        condition += ' AND #sk < :to';
        values[':to'] = { S: below! };
      }
    }
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: !descending,
        ...(limit ? { Limit: limit } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    return { items: (out.Items ?? []).map((i) => unmarshall(i)), lastKey: out.LastEvaluatedKey };
  };

  /** Every item of an index partition (all pages): for aggregates over one agency, one worker, one month. */
  const queryAll = async (args: Omit<Parameters<typeof queryIndex>[0], 'limit' | 'startKey'>): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await queryIndex({ ...args, ...(startKey ? { startKey } : {}) });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  };

  /** How many items an index partition holds (all pages of a COUNT query). */
  const count = async (index: IndexName, pk: string): Promise<number> => {
    let n = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': `${index}pk` },
          ExpressionAttributeValues: { ':pk': { S: pk } },
          Select: 'COUNT',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      n += out.Count ?? 0;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return n;
  };

  return { get, putIfNewer, queryIndex, queryAll, count };
};

export type ReadModelTable = ReturnType<typeof createReadModelTable>;

/** A time as an index sort key: UTC, fixed width, so that keys sort as the instants do whatever offset an event wrote. */
export const sortableTime = (iso: string): string => new Date(iso).toISOString();
