import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ProjectedEvent } from './projected-event.ts';
import type { ProjectionOutcome } from './stream-projection.ts';

export type AppliedRecord = { event: ProjectedEvent; outcome: ProjectionOutcome };

/** Which stream a record's body names, without trusting it (an unparsable body is its own group). */
const streamOf = (record: SQSRecord): string => {
  try {
    const stream = (JSON.parse(record.body) as { detail?: { stream?: unknown } }).detail?.stream;
    return typeof stream === 'string' ? stream : `unreadable:${record.messageId}`;
  } catch {
    return `unreadable:${record.messageId}`;
  }
};

/**
 * A projection as its SQS event source invokes it: each record's body is the EventBridge event the
 * rule delivered into the queue. Streams are applied in parallel, each stream's records in the
 * batch's order; the answer is a partial batch response naming the records to receive again.
 *
 * After a record of a stream fails, the stream's later records in the batch are not applied and are
 * reported too. Applying them would not corrupt anything (the gap before them is read from the store),
 * but the failed event would then be folded in as part of that gap, or fail again in it, while its
 * own message goes on to the dead-letter queue as if it still mattered; and the instance's cache is
 * only trusted for the next event in order. Reported, they come back with it, in the same order,
 * after the visibility timeout, at the price of a few extra receives for a stream that is failing.
 */
export const createSqsBatchHandler =
  (
    apply: (event: unknown) => Promise<AppliedRecord>,
    { logger, onApplied }: { logger: Logger; onApplied?: (applied: AppliedRecord) => void },
  ) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const byStream = new Map<string, SQSRecord[]>();
    for (const record of event.Records) {
      const stream = streamOf(record);
      byStream.set(stream, [...(byStream.get(stream) ?? []), record]);
    }
    const failed = new Set<string>();
    await Promise.all(
      [...byStream.values()].map(async (records) => {
        for (const [i, record] of records.entries()) {
          try {
            // Applied first: an optional call would skip evaluating its argument when onApplied is absent.
            const applied = await apply(JSON.parse(record.body));
            onApplied?.(applied);
          } catch (error) {
            logger.error("projection failed for a message; it and the stream's later messages of the batch are received again", {
              messageId: record.messageId,
              receiveCount: Number(record.attributes.ApproximateReceiveCount),
              error: error as Error,
            });
            for (const rest of records.slice(i)) failed.add(rest.messageId);
            return;
          }
        }
      }),
    );
    // In the batch's order, as a reader of the logs expects.
    return { batchItemFailures: event.Records.filter((r) => failed.has(r.messageId)).map((r) => ({ itemIdentifier: r.messageId })) };
  };
