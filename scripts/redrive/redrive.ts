import { setTimeout as sleep } from 'node:timers/promises';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { entryOf } from '../../functions/lib/audit/replay.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import type { DeadLetter } from '../../functions/publisher/publisher.ts';
import type { StreamFailureRecord } from '../../infra/definitions/stream-failure-record.ts';
import { readStreamFailureKeys } from './stream-range.ts';
import type { RedriveTarget, TargetQueue } from './targets.ts';

// Puts what the stack's dead-letter queues hold through again, in AWS or on the local stack (the
// same SDK calls, targets.ts). Each queue by what it holds:
//  - a projection's dead-letter queue (SQS's redrive policy moved the message there, body unchanged:
//    the EventBridge event): StartMessageMoveTask back to the projection's source queue, polled with
//    ListMessageMoveTasks until it ends;
//  - a rule's dead-letter queue (EventBridge could not deliver into the source queue; the body is the
//    same EventBridge event): each message sent into the projection's source queue, then deleted.
//    StartMessageMoveTask is not used: SQS accepts only a queue that is some queue's redrive target;
//  - the publisher's dead-letter queue: each entry put on the bus again with PutEvents; an entry the
//    publisher could not read is read again from the events table and published if it now reads;
//  - the stream-failure queue (Lambda's on-failure record: a shard and a sequence range): the range
//    read back from the stream, each item read again from the table (consistent read) and published.
//    If the stream no longer holds the range (24 h retention), the items recorded in the batch's
//    arrival window are read from the table instead, and the summary says so.
// A message is deleted only after what it stands for was accepted; what fails stays, visible again
// for the next run. Publishing an event twice is harmless: projections skip duplicates.

export type KeptMessage = { messageId: string; reason: string };
export type QueueSummary = { queue: string; found: number; redriven: number; kept: KeptMessage[]; notes: string[] };
export type RedriveReport = { target: string; dryRun: boolean; queues: QueueSummary[]; redriven: number; kept: number };

type Outcome = { ok: true; note?: string } | { ok: false; reason: string };

/** The stack's dead-letter queues: what a redrive reads unless told which. */
export const deadLetterQueuesOf = (target: RedriveTarget): TargetQueue[] =>
  target.queues.filter((q) => q.role.kind !== 'projection-source');

const BATCH = 10;
// Long enough for one run to get through a queue without meeting its own kept messages again.
const VISIBILITY_SECONDS = 300;
const MOVE_TASK_POLL_MS = 200;
const MOVE_TASK_ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export const redrive = async (
  target: RedriveTarget,
  { queues, dryRun = false }: { queues?: readonly string[]; dryRun?: boolean } = {},
): Promise<RedriveReport> => {
  const { sqs, eventBridge } = target;
  const chosen = queues
    ? queues.map((name) => target.queues.find((q) => q.name === name) ?? fail(`no queue ${name}`))
    : deadLetterQueuesOf(target);
  const sourceOf = (q: TargetQueue) => {
    if (q.role.kind !== 'projection-dlq' && q.role.kind !== 'rule-dlq') throw new Error(`${q.name} has no source queue`);
    const projection = q.role.projection;
    return target.queues.find((s) => s.role.kind === 'projection-source' && s.role.projection === projection)!;
  };

  const countOf = async (q: TargetQueue): Promise<number> => {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: q.url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  };

  const putEntries = async (entries: PutEventsRequestEntry[]): Promise<Outcome> => {
    for (let i = 0; i < entries.length; i += BATCH) {
      try {
        const out = await eventBridge.send(
          new PutEventsCommand({
            Entries: entries.slice(i, i + BATCH).map((e) => ({ ...e, ...(e.Time !== undefined ? { Time: new Date(e.Time) } : {}) })),
          }),
        );
        const refused = out.Entries?.find((r) => r.ErrorCode);
        if (refused) return { ok: false, reason: `PutEvents refused it: ${refused.ErrorCode}: ${refused.ErrorMessage ?? ''}` };
      } catch (error) {
        return { ok: false, reason: `PutEvents failed: ${(error as Error).message}` };
      }
    }
    return { ok: true };
  };

  const readAndPublish = async (keys: readonly { stream: string; version: number }[]): Promise<Outcome> => {
    if (!target.events || !target.busName)
      return { ok: false, reason: "the events table and the bus are not known here; run with the stack's data directory (or --stage)" };
    const entries: PutEventsRequestEntry[] = [];
    for (const { stream, version } of keys) {
      const where = `${stream}@${version}`;
      const out = await target.events.dynamo.send(
        new GetItemCommand({
          TableName: target.events.tableName,
          Key: { stream: { S: stream }, version: { N: String(version) } },
          ConsistentRead: true,
        }),
      );
      if (!out.Item) return { ok: false, reason: `${where} is no longer in the events table` };
      try {
        entries.push(entryOf(fromItem(out.Item), target.busName));
      } catch (error) {
        return { ok: false, reason: `${where} still cannot be read: ${(error as Error).message}` };
      }
    }
    return putEntries(entries);
  };

  /** One message of a queue whose messages are put through one by one. */
  const redriveMessage = async (q: TargetQueue, message: Message): Promise<Outcome> => {
    const body = message.Body ?? '';
    if (q.role.kind === 'rule-dlq') {
      await sqs.send(new SendMessageCommand({ QueueUrl: sourceOf(q).url, MessageBody: body }));
      return { ok: true };
    }
    if (q.role.kind === 'publisher-dlq') {
      const letter = parse<DeadLetter>(body);
      if (letter?.kind !== 'unpublished-event') return { ok: false, reason: 'not a message the publisher writes' };
      if (letter.entry.DetailType !== 'Unreadable') return putEntries([letter.entry]);
      const keys = keysOfUnreadable(letter.entry);
      return keys ? readAndPublish([keys]) : { ok: false, reason: 'the message does not name the stored item' };
    }
    const record = parse<StreamFailureRecord>(body);
    if (!record?.DDBStreamBatchInfo) return { ok: false, reason: 'not an on-failure record of a stream event source' };
    if (!target.events)
      return { ok: false, reason: "the events table and its stream are not known here; run with the stack's data directory (or --stage)" };
    const range = await readStreamFailureKeys(target.events, record.DDBStreamBatchInfo);
    const published = await readAndPublish(range.keys);
    return published.ok ? { ok: true, note: range.note } : published;
  };

  const redriveOneByOne = async (q: TargetQueue, summary: QueueSummary) => {
    const keptHandles: string[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: q.url,
          MaxNumberOfMessages: BATCH,
          VisibilityTimeout: VISIBILITY_SECONDS,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        let outcome: Outcome;
        try {
          outcome = await redriveMessage(q, message);
        } catch (error) {
          outcome = { ok: false, reason: (error as Error).message };
        }
        if (outcome.ok) {
          await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: message.ReceiptHandle }));
          summary.redriven++;
          if (outcome.note) summary.notes.push(outcome.note);
        } else {
          summary.kept.push({ messageId: message.MessageId ?? '?', reason: outcome.reason });
          keptHandles.push(message.ReceiptHandle!);
        }
      }
    }
    // What stays is visible again at once, for the next run.
    for (const handle of keptHandles)
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q.url, ReceiptHandle: handle, VisibilityTimeout: 0 }));
  };

  const moveBack = async (q: TargetQueue, summary: QueueSummary) => {
    const source = sourceOf(q);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: q.arn, DestinationArn: source.arn }));
    for (;;) {
      const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: q.arn, MaxResults: 10 }));
      const task = Results.find((t) => t.TaskHandle === TaskHandle) ?? Results[0];
      if (task?.Status && MOVE_TASK_ENDED.has(task.Status)) {
        summary.redriven += Number(task.ApproximateNumberOfMessagesMoved ?? 0);
        summary.notes.push(
          `moved to ${source.name} (StartMessageMoveTask ${task.Status}); the projection applies them from there, and dead-letters again what still fails`,
        );
        if (task.Status !== 'COMPLETED')
          summary.kept.push({ messageId: '*', reason: `message move task ${task.Status}: ${task.FailureReason ?? 'no reason given'}` });
        return;
      }
      await sleep(MOVE_TASK_POLL_MS);
    }
  };

  const summaries: QueueSummary[] = [];
  for (const q of chosen) {
    const summary: QueueSummary = { queue: q.name, found: await countOf(q), redriven: 0, kept: [], notes: [] };
    summaries.push(summary);
    if (summary.found === 0) continue;
    if (dryRun) {
      summary.notes.push(dryRunAction(q, q.role.kind === 'projection-dlq' || q.role.kind === 'rule-dlq' ? sourceOf(q).name : ''));
      continue;
    }
    if (q.role.kind === 'projection-dlq') await moveBack(q, summary);
    else await redriveOneByOne(q, summary);
  }
  return {
    target: target.description,
    dryRun,
    queues: summaries,
    redriven: summaries.reduce((n, s) => n + s.redriven, 0),
    kept: summaries.reduce((n, s) => n + s.kept.length, 0),
  };
};

const dryRunAction = (q: TargetQueue, source: string): string => {
  switch (q.role.kind) {
    case 'projection-dlq':
      return `would start a message move task to ${source}`;
    case 'rule-dlq':
      return `would send each message to ${source} and delete it`;
    case 'publisher-dlq':
      return 'would put each entry on the bus again (PutEvents) and delete it';
    case 'stream-failures':
      return 'would read each sequence range back, publish its events again and delete the record';
    case 'projection-source':
      return "nothing: a source queue is the projection's own";
  }
};

const fail = (message: string): never => {
  throw new Error(message);
};

const parse = <T>(body: string): T | null => {
  try {
    return JSON.parse(body) as T;
  } catch {
    return null;
  }
};

/** The stored item an `Unreadable` entry names: its table keys, as the stream record carried them. */
const keysOfUnreadable = (entry: PutEventsRequestEntry): { stream: string; version: number } | null => {
  const keys = parse<{ keys?: { stream?: { S?: string }; version?: { N?: string } } }>(entry.Detail ?? '{}')?.keys;
  const stream = keys?.stream?.S;
  const version = Number(keys?.version?.N);
  return stream && Number.isInteger(version) ? { stream, version } : null;
};
