import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { projectionRules } from '../../events/routing.ts';
import type { EventsTableRef } from '../../functions/lib/audit/raw-events.ts';
import { entryOf } from '../../functions/lib/audit/replay.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import type { DeadLetter } from '../../functions/publisher/publisher.ts';
import { LOCAL_DELIVER_TARGET, queueUrl } from './aws-emulator.ts';
import { localCredentials, localRegion } from './dynamodb-local.ts';
import type { BusEvent } from './local-bus.ts';
import { projectionDlq, PUBLISHER_DLQ } from './local-stack.ts';

// The redrive of the local stack's dead-letter queues, through the local AWS emulator's endpoint
// (the one `npm start` prints), so it works on a running stack from another process as well as from
// a test:
//  - `unpublished-event` (the stream publisher's queue): the entry is put on the bus again with
//    PutEvents, as the publisher would have; an entry the publisher could not even read
//    (`Unreadable`) is read again from the events table, and published if it now reads (after a
//    repair), else kept;
//  - `undelivered-event` (a projection rule's queue): the event is handed to that rule's target once.
// A message is deleted only after its event was accepted; what fails stays in its queue, visible
// again for the next run. Running it twice is harmless: the second run finds the queues empty, and
// an event delivered twice (a crash between delivery and delete) is a duplicate the projections skip.

export const deadLetterQueues = (): string[] => [PUBLISHER_DLQ, ...projectionRules.map((r) => projectionDlq(r.projection))];

export type RedriveOptions = {
  /** The local AWS emulator (EventBridge PutEvents, SQS, the local rule delivery). */
  endpoint: string;
  /** Queues to redrive; all of the stack's dead-letter queues if not given. */
  queues?: readonly string[];
  /** The events table, to read again what the publisher could not read; without it such messages are kept. */
  events?: EventsTableRef;
  /** The bus to put an entry read again from the table on. */
  busName?: string;
};

export type KeptMessage = { messageId: string; reason: string };
export type QueueReport = { queue: string; redriven: number; kept: KeptMessage[] };
export type RedriveReport = { queues: QueueReport[]; redriven: number; kept: number };

type Outcome = { ok: true } | { ok: false; reason: string };

const BATCH = 10;
// Long enough for one run to get through a queue without meeting its own kept messages again.
const VISIBILITY_SECONDS = 300;

/** What the local bus dead-letters for a rule (infra/local/local-bus.ts). */
type UndeliveredEvent = { kind: 'undelivered-event'; rule: string; event: BusEvent; error: string };

const parseBody = (body: string | undefined): DeadLetter | UndeliveredEvent | null => {
  try {
    const parsed = JSON.parse(body ?? '') as DeadLetter | UndeliveredEvent;
    return parsed.kind === 'unpublished-event' || parsed.kind === 'undelivered-event' ? parsed : null;
  } catch {
    return null;
  }
};

/** The stored item an `Unreadable` entry names: its table keys, as the stream record carried them. */
const keysOfUnreadable = (entry: PutEventsRequestEntry): { stream: string; version: number } | null => {
  try {
    const keys = (JSON.parse(entry.Detail ?? '{}') as { keys?: { stream?: { S?: string }; version?: { N?: string } } }).keys;
    const stream = keys?.stream?.S;
    const version = Number(keys?.version?.N);
    return stream && Number.isInteger(version) ? { stream, version } : null;
  } catch {
    return null;
  }
};

export const redrive = async ({ endpoint, queues = deadLetterQueues(), events, busName }: RedriveOptions): Promise<RedriveReport> => {
  const config = { endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 };
  const sqs = new SQSClient(config);
  const eventBridge = new EventBridgeClient(config);
  try {
    const putEntry = async (entry: PutEventsRequestEntry): Promise<Outcome> => {
      try {
        const out = await eventBridge.send(new PutEventsCommand({ Entries: [{ ...entry, ...(entry.Time !== undefined ? { Time: new Date(entry.Time) } : {}) }] }));
        const result = out.Entries?.[0];
        return result?.ErrorCode ? { ok: false, reason: `PutEvents refused it: ${result.ErrorCode}: ${result.ErrorMessage ?? ''}` } : { ok: true };
      } catch (error) {
        return { ok: false, reason: `PutEvents failed: ${(error as Error).message}` };
      }
    };

    const republishUnreadable = async (entry: PutEventsRequestEntry): Promise<Outcome> => {
      const keys = keysOfUnreadable(entry);
      if (!keys) return { ok: false, reason: 'the message does not name the stored item' };
      const where = `${keys.stream}@${keys.version}`;
      if (!events || !busName) return { ok: false, reason: `${where} could not be read when it was stored; repair it, then redrive with the events table` };
      const out = await events.client.send(
        new GetItemCommand({ TableName: events.tableName, Key: { stream: { S: keys.stream }, version: { N: String(keys.version) } }, ConsistentRead: true }),
      );
      if (!out.Item) return { ok: false, reason: `${where} is no longer in the events table` };
      try {
        return await putEntry(entryOf(fromItem(out.Item), busName));
      } catch (error) {
        return { ok: false, reason: `${where} still cannot be read: ${(error as Error).message}` };
      }
    };

    const deliver = async (rule: string, event: BusEvent): Promise<Outcome> => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': LOCAL_DELIVER_TARGET },
        body: JSON.stringify({ Rule: rule, Event: event }),
      });
      if (res.ok) return { ok: true };
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      return { ok: false, reason: `the ${rule} target failed again: ${body.message ?? res.status}` };
    };

    const redriveOne = async (message: Message): Promise<Outcome> => {
      const letter = parseBody(message.Body);
      if (!letter) return { ok: false, reason: 'not a dead letter this redrive knows' };
      if (letter.kind === 'undelivered-event') return deliver(letter.rule, letter.event);
      return letter.entry.DetailType === 'Unreadable' ? republishUnreadable(letter.entry) : putEntry(letter.entry);
    };

    const redriveQueue = async (queue: string): Promise<QueueReport> => {
      const url = queueUrl(endpoint, queue);
      const report: QueueReport = { queue, redriven: 0, kept: [] };
      const keptHandles: string[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: BATCH, VisibilityTimeout: VISIBILITY_SECONDS }));
        if (Messages.length === 0) break;
        for (const message of Messages) {
          const outcome = await redriveOne(message);
          if (outcome.ok) {
            await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
            report.redriven++;
          } else {
            report.kept.push({ messageId: message.MessageId ?? '?', reason: outcome.reason });
            keptHandles.push(message.ReceiptHandle!);
          }
        }
      }
      // What stays is visible again at once, for the next run.
      for (const handle of keptHandles) await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }));
      return report;
    };

    const reports: QueueReport[] = [];
    for (const queue of queues) reports.push(await redriveQueue(queue));
    return { queues: reports, redriven: reports.reduce((n, r) => n + r.redriven, 0), kept: reports.reduce((n, r) => n + r.kept.length, 0) };
  } finally {
    sqs.destroy();
    eventBridge.destroy();
  }
};
