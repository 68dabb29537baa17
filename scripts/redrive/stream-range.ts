import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamFailureRecord } from '../../infra/definitions/stream-failure-record.ts';

type Keys = { stream: string; version: number };
type EventsRef = { dynamo: DynamoDBClient; streams: DynamoDBStreamsClient; tableName: string };

// Stream sequence numbers are decimal strings of up to 40 digits: compared as numbers, not as text.
const seq = (s: string) => BigInt(s);
// Empty answers from an open shard before giving up on reaching the end of the range.
const MAX_EMPTY_READS = 5;
// The arrival times of the on-failure record have second precision; the window is widened by as much.
const WINDOW_SLACK_MS = 1000;

/**
 * The events a stream-failure record stands for: the shard read from startSequenceNumber (GetShardIterator
 * AT_SEQUENCE_NUMBER, GetRecords) up to endSequenceNumber, each insert's table keys. When the stream no
 * longer holds the range (records live 24 h), the items whose recordedAt lies in the batch's arrival
 * window are read from the table instead (a Scan: slow on a big table, and it may find more events
 * than the batch had, which is harmless since projections skip duplicates); the note says so.
 */
export const readStreamFailureKeys = async (
  events: EventsRef,
  info: StreamFailureRecord['DDBStreamBatchInfo'],
): Promise<{ keys: Keys[]; note?: string }> => {
  try {
    return { keys: await readRange(events.streams, info) };
  } catch (error) {
    if (!(error instanceof TrimmedDataAccessException || error instanceof ResourceNotFoundException)) throw error;
    const keys = await scanArrivalWindow(events, info);
    return {
      keys,
      note:
        `${info.shardId} ${info.startSequenceNumber}..${info.endSequenceNumber} is no longer in the stream; ` +
        `published the ${keys.length} events recorded between ${info.approximateArrivalOfFirstRecord} and ${info.approximateArrivalOfLastRecord} instead`,
    };
  }
};

const readRange = async (streams: DynamoDBStreamsClient, info: StreamFailureRecord['DDBStreamBatchInfo']): Promise<Keys[]> => {
  const end = seq(info.endSequenceNumber);
  let iterator = (
    await streams.send(
      new GetShardIteratorCommand({
        StreamArn: info.streamArn,
        ShardId: info.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: info.startSequenceNumber,
      }),
    )
  ).ShardIterator;
  const keys: Keys[] = [];
  let empty = 0;
  while (iterator && empty < MAX_EMPTY_READS) {
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    const records = out.Records ?? [];
    empty = records.length === 0 ? empty + 1 : 0;
    for (const r of records) {
      if (seq(r.dynamodb!.SequenceNumber!) > end) return keys;
      if (r.eventName !== 'INSERT') continue;
      const k = r.dynamodb?.Keys as Record<string, { S?: string; N?: string }> | undefined;
      if (k?.stream?.S && k.version?.N) keys.push({ stream: k.stream.S, version: Number(k.version.N) });
      if (seq(r.dynamodb!.SequenceNumber!) === end) return keys;
    }
    iterator = out.NextShardIterator;
  }
  return keys;
};

const scanArrivalWindow = async ({ dynamo, tableName }: EventsRef, info: StreamFailureRecord['DDBStreamBatchInfo']): Promise<Keys[]> => {
  const from = new Date(Date.parse(info.approximateArrivalOfFirstRecord) - WINDOW_SLACK_MS).toISOString();
  const to = new Date(Date.parse(info.approximateArrivalOfLastRecord) + WINDOW_SLACK_MS).toISOString();
  const keys: Keys[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await dynamo.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'recordedAt BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':from': { S: from }, ':to': { S: to } },
        ProjectionExpression: '#s, version',
        ExpressionAttributeNames: { '#s': 'stream' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) keys.push({ stream: item.stream!.S!, version: Number(item.version!.N) });
    start = out.LastEvaluatedKey;
  } while (start);
  return keys.sort((a, b) => a.stream.localeCompare(b.stream) || a.version - b.version);
};
