import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamFailureRecord } from '../definitions/stream-failure-record.ts';
import type { CheckpointStore, ShardCheckpoint } from './stream-checkpoints.ts';

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

/**
 * Reads the events table's stream from DynamoDB Local, as Lambda's event source mapping does in AWS:
 * batches in order per shard to the same publisher handler, retrying from the first failed record
 * of a partial batch response (or the whole batch if the handler throws), and saving its position
 * after each batch so a restart resumes there. After `maxRetryAttempts` retries of the same records
 * it gives up on them as the mapping does: their range goes to the on-failure destination as
 * Lambda's invocation record (stream-failure-record.ts) and the shard moves on.
 */
export const createStreamPoller = ({
  streams,
  streamArn,
  checkpoints,
  handler,
  batchSize = 100,
  idleDelayMs = 100,
  retryDelayMs = 500,
  describeEveryMs = 10_000,
  maxRetryAttempts = Infinity,
  onFailure,
  functionArn = 'arn:aws:lambda:local:000000000000:function:stream-publisher',
  onError = () => {},
}: {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  checkpoints: CheckpointStore;
  handler: StreamHandler;
  batchSize?: number;
  idleDelayMs?: number;
  retryDelayMs?: number;
  /** How long the shard list is trusted while no shard closes (a new shard appears only when one closes). */
  describeEveryMs?: number;
  /** Retries of a failing batch before its range goes to `onFailure` (the mapping's MaximumRetryAttempts). */
  maxRetryAttempts?: number;
  /** The on-failure destination: where the invocation record of a discarded range is written. */
  onFailure?: (record: StreamFailureRecord) => Promise<void>;
  functionArn?: string;
  onError?: (error: unknown) => void;
}) => {
  // Per shard: the first record that keeps failing, and how often it was tried.
  const failing = new Map<string, { sequenceNumber: string; invocations: number }>();
  const arrival = (r: StreamRecord) => (r.dynamodb?.ApproximateCreationDateTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const invocationRecord = (shardId: string, records: StreamRecord[], invocations: number, threw: boolean): StreamFailureRecord => ({
    requestContext: { requestId: randomUUID(), functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: invocations },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(threw ? { functionError: 'Unhandled' } : {}) },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: records[0]!.dynamodb!.SequenceNumber!,
      endSequenceNumber: records.at(-1)!.dynamodb!.SequenceNumber!,
      approximateArrivalOfFirstRecord: arrival(records[0]!),
      approximateArrivalOfLastRecord: arrival(records.at(-1)!),
      batchSize: records.length,
      streamArn,
    },
  });
  let running = false;
  let loop: Promise<void> | null = null;
  const positions = new Map<string, ShardCheckpoint>();
  const iterators = new Map<string, string>();
  // lastPollAt: when a poll last ended; lastPollStartedAt: when one last began (a long batch is still progress);
  // caughtUpSince: when the last poll that found nothing began (what was written before then has been handled).
  const stats = { batches: 0, records: 0, discarded: 0, lastPollAt: 0, lastPollStartedAt: 0, caughtUp: false, caughtUpSince: 0 };

  // The shard list, kept between polls: DescribeStream costs DynamoDB Local as much as a write, and
  // its answer changes only when a shard closes, which pollShard notices (no NextShardIterator).
  let shardList: { shards: Shard[]; at: number } | null = null;
  const shardsOf = async (): Promise<Shard[]> => {
    if (shardList && Date.now() - shardList.at < describeEveryMs) return shardList.shards;
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    shardList = { shards, at: Date.now() };
    return shards;
  };

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const cached = iterators.get(shardId);
    if (cached) return cached;
    const seq = positions.get(shardId)?.sequenceNumber;
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(seq ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seq } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  };

  /** One read of one shard; returns how many records it handed on. */
  const pollShard = async (shardId: string): Promise<number> => {
    const iterator = await iteratorFor(shardId);
    if (!iterator) return 0;
    let out;
    try {
      out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
    } catch (error) {
      iterators.delete(shardId);
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) return 0;
      throw error;
    }
    const records = out.Records ?? [];
    const position = positions.get(shardId) ?? { shardId, sequenceNumber: null, finished: false };
    if (records.length > 0) {
      let response: DynamoDBBatchResponse | void;
      let threw = false;
      try {
        response = await handler({ Records: records.map((r) => ({ ...r, eventSourceARN: streamArn })) } as unknown as DynamoDBStreamEvent);
      } catch (error) {
        // The whole batch failed, as a function error fails it for the mapping.
        onError(error);
        threw = true;
        response = { batchItemFailures: [{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber! }] };
      }
      stats.batches++;
      const firstFailed = response?.batchItemFailures?.[0]?.itemIdentifier;
      const failedAt = firstFailed ? records.findIndex((r) => r.dynamodb?.SequenceNumber === firstFailed) : -1;
      const done = failedAt === -1 ? records : records.slice(0, failedAt);
      stats.records += done.length;
      const last = done.at(-1)?.dynamodb?.SequenceNumber;
      if (last) position.sequenceNumber = last;
      if (failedAt !== -1) {
        const before = failing.get(shardId);
        const invocations = before && before.sequenceNumber === firstFailed ? before.invocations + 1 : 1;
        if (invocations > maxRetryAttempts && onFailure) {
          // Given up: the range goes to the on-failure destination, and the shard goes on after it.
          await onFailure(invocationRecord(shardId, records.slice(failedAt), invocations, threw));
          failing.delete(shardId);
          stats.discarded += records.length - failedAt;
          position.sequenceNumber = records.at(-1)!.dynamodb!.SequenceNumber!;
        } else {
          failing.set(shardId, { sequenceNumber: firstFailed!, invocations });
          // Start again at the first failed record, after a pause, as the event source mapping would.
          positions.set(shardId, position);
          if (last) await checkpoints.save(position);
          iterators.delete(shardId);
          await sleep(retryDelayMs);
          return done.length;
        }
      } else failing.delete(shardId);
    }
    if (out.NextShardIterator) iterators.set(shardId, out.NextShardIterator);
    else {
      iterators.delete(shardId);
      position.finished = true;
      shardList = null; // its children, if any, are new
    }
    positions.set(shardId, position);
    if (records.length > 0 || position.finished) await checkpoints.save(position);
    return records.length;
  };

  const pollOnce = async (): Promise<number> => {
    const startedAt = Date.now();
    stats.lastPollStartedAt = startedAt;
    const shards = await shardsOf();
    let handled = 0;
    for (const shard of shards) {
      const id = shard.ShardId!;
      if (positions.get(id)?.finished) continue;
      // A child shard waits until its parent has been read to the end, which keeps each case in order.
      if (shard.ParentShardId && shards.some((s) => s.ShardId === shard.ParentShardId) && !positions.get(shard.ParentShardId)?.finished)
        continue;
      handled += await pollShard(id);
    }
    stats.lastPollAt = Date.now();
    // A batch waiting for its retry is not caught up, though the poll handed nothing on.
    stats.caughtUp = handled === 0 && failing.size === 0;
    if (stats.caughtUp) stats.caughtUpSince = startedAt;
    return handled;
  };

  return {
    stats,
    async start() {
      for (const [id, checkpoint] of await checkpoints.all()) positions.set(id, checkpoint);
      running = true;
      loop = (async () => {
        while (running) {
          try {
            if ((await pollOnce()) === 0) await sleep(idleDelayMs);
          } catch (error) {
            shardList = null;
            onError(error);
            await sleep(retryDelayMs);
          }
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
    },
    pollOnce,
  };
};

export type StreamPoller = ReturnType<typeof createStreamPoller>;
