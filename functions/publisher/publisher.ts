import { setTimeout as sleep } from 'node:timers/promises';
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ZodError } from 'zod';
import { envelopeSchema } from '../../events/envelope.ts';
import { EVENT_SOURCE } from '../../events/routing.ts';
import { busEntryOf } from '../lib/bus-entry.ts';
import { entrySize, intoCalls, MAX_BYTES_PER_CALL } from './put-events-batches.ts';

export type PublisherDeps = {
  bus: EventBridgeClient;
  busName: string;
  deadLetter: SQSClient;
  deadLetterUrl: string;
  logger: Logger;
  /** Tries per entry before it is dead-lettered; failed entries alone are sent again. */
  maxAttempts?: number;
  backoffMs?: number;
  /**
   * Told once per invocation how many events could not be put on the bus after the retries
   * (dead-lettered, or reported back to the stream); the Lambda entry makes it a metric.
   */
  onFailedEntries?: (count: number) => void;
};

type Pending = { sequenceNumber: string; entry: PutEventsRequestEntry; error: string };

/**
 * What the dead-letter queue holds for one event: enough to put it on the bus again as it was, the
 * thin entry (no personal field), or for an unreadable item its table keys only.
 */
export type DeadLetter = { kind: 'unpublished-event'; sequenceNumber: string; entry: PutEventsRequestEntry; error: string };

// Thin (functions/lib/bus-entry.ts): the bus, its archive and the dead-letter queue below carry no
// personal field; a projection that needs one reads the event from the store.
const toEntry = (record: DynamoDBRecord, busName: string): PutEventsRequestEntry =>
  busEntryOf(envelopeSchema.parse(unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>)), busName);

/** Which stored item could not be read and why, in a line: its keys and the first problem (never its values). */
const unreadableReason = (record: DynamoDBRecord, error: unknown): string => {
  const keys = record.dynamodb?.Keys;
  const where = `${keys?.stream?.S ?? '?'}@${keys?.version?.N ?? '?'}`;
  const issue = error instanceof ZodError ? error.issues[0] : undefined;
  const why = issue ? `${issue.path.join('.') || 'envelope'}: ${issue.message}` : error instanceof Error ? error.name : 'unknown';
  return `unreadable stream record ${where}: ${why}`;
};

/**
 * DynamoDB stream → EventBridge. Events reach the bus only from here, never from the request path.
 * Failed entries of a PutEvents call are retried alone; what still fails goes to the dead-letter
 * queue with its full entry; only if that also fails is the record reported back to the stream.
 */
export const createPublisher = ({
  bus,
  busName,
  deadLetter,
  deadLetterUrl,
  logger,
  maxAttempts = 4,
  backoffMs = 100,
  onFailedEntries,
}: PublisherDeps) => {
  const putWithRetries = async (items: Pending[]): Promise<Pending[]> => {
    let pending = items;
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
      const failed: Pending[] = [];
      for (const call of intoCalls(pending)) {
        try {
          const out = await bus.send(new PutEventsCommand({ Entries: call.map((p) => p.entry) }));
          if ((out.FailedEntryCount ?? 0) === 0) continue;
          out.Entries?.forEach((result, i) => {
            if (result.ErrorCode) failed.push({ ...call[i]!, error: `${result.ErrorCode}: ${result.ErrorMessage ?? ''}` });
          });
        } catch (error) {
          failed.push(...call.map((p) => ({ ...p, error: `PutEvents failed: ${(error as Error).name}: ${(error as Error).message}` })));
        }
      }
      pending = failed;
    }
    return pending;
  };

  const deadLetterAll = async (items: Pending[]): Promise<Pending[]> => {
    const notStored: Pending[] = [];
    for (let i = 0; i < items.length; i += 10) {
      const chunk = items.slice(i, i + 10);
      try {
        const out = await deadLetter.send(
          new SendMessageBatchCommand({
            QueueUrl: deadLetterUrl,
            Entries: chunk.map((p, j) => ({
              Id: String(j),
              MessageBody: JSON.stringify({
                kind: 'unpublished-event',
                sequenceNumber: p.sequenceNumber,
                entry: p.entry,
                error: p.error,
              } satisfies DeadLetter),
            })),
          }),
        );
        for (const f of out.Failed ?? []) notStored.push(chunk[Number(f.Id)]!);
      } catch (error) {
        logger.error('dead-letter queue refused events', { error: error as Error, count: chunk.length });
        notStored.push(...chunk);
      }
    }
    return notStored;
  };

  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const items: Pending[] = [];
    const unpublishable: Pending[] = [];
    for (const record of event.Records) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      if (record.eventName !== 'INSERT') {
        // Events are immutable: a change or removal of a stored event is tampering, not news.
        logger.warn('stored event changed or removed outside the event store', {
          eventName: record.eventName,
          keys: record.dynamodb?.Keys,
          sequenceNumber,
        });
        continue;
      }
      try {
        const entry = toEntry(record, busName);
        (entrySize(entry) > MAX_BYTES_PER_CALL ? unpublishable : items).push({
          sequenceNumber,
          entry,
          error: 'larger than one EventBridge entry may be',
        });
      } catch (error) {
        unpublishable.push({
          sequenceNumber,
          entry: { Source: EVENT_SOURCE, DetailType: 'Unreadable', Detail: JSON.stringify({ keys: record.dynamodb?.Keys }) },
          error: unreadableReason(record, error),
        });
      }
    }
    const failed = [...unpublishable, ...(await putWithRetries(items))];
    onFailedEntries?.(failed.length);
    if (failed.length > 0)
      logger.error('events could not be published; dead-lettering them', {
        count: failed.length,
        errors: [...new Set(failed.map((f) => f.error))],
      });
    const lost = failed.length > 0 ? await deadLetterAll(failed) : [];
    return { batchItemFailures: lost.map((p) => ({ itemIdentifier: p.sequenceNumber })) };
  };
};
