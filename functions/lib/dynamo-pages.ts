import {
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';

// DynamoDB answers a Query or Scan one page (≤ 1 MB) at a time; these follow LastEvaluatedKey to the end.

type Item = Record<string, AttributeValue>;

/** Each page of the Scan (or of its segment, when the input names one), in order. */
export const scanPages = async (client: DynamoDBClient, input: ScanCommandInput, onPage: (items: Item[]) => Promise<void> | void) => {
  let startKey: Item | undefined;
  do {
    const out = await client.send(new ScanCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    await onPage(out.Items ?? []);
    startKey = out.LastEvaluatedKey;
  } while (startKey);
};

/** Every item the Query finds, all pages. */
export const queryAll = async (client: DynamoDBClient, input: QueryCommandInput): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const out = await client.send(new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
};
