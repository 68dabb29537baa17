import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';

// The local stand-in for the stack's SQS queues, with the SQS behaviour the stack relies on
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html,
// .../sqs-dead-letter-queues.html): a received message is hidden for its visibility timeout and
// comes back unless deleted; each receive counts; a message received more often than its queue's
// redrive policy allows (maxReceiveCount) is moved to the dead-letter queue on the next receive,
// body and attributes unchanged. Kept in a file beside the database when the stack keeps data, so a
// restart neither loses what was in a queue nor what waits for a redrive.

export type MessageAttributeValue = { DataType: string; StringValue?: string };

export type QueueMessage = {
  id: string;
  queue: string;
  body: string;
  /** Epoch milliseconds, as SQS's SentTimestamp. */
  sentAt: number;
  messageAttributes: Record<string, MessageAttributeValue>;
  receiveCount: number;
  firstReceivedAt: number | null;
  hiddenUntil: number;
  /** Set when SQS's redrive policy moved it here: the ARN of the queue it came from. */
  deadLetterSourceArn?: string;
};

export type RedrivePolicy = { deadLetterQueue: string; maxReceiveCount: number };

export type Received = { message: QueueMessage; receiptHandle: string };

export const LOCAL_ACCOUNT = '000000000000';

export const md5 = (s: string) => createHash('md5').update(s).digest('hex');

type LogLine =
  | { op: 'send'; message: QueueMessage }
  | { op: 'delete'; id: string }
  | { op: 'move'; id: string; queue: string; deadLetterSourceArn?: string }
  /** SQS keeps a message's receive count for its life, so a restart must not hand a poison message fresh tries. */
  | { op: 'receive'; ids: string[]; at: number };

export const createLocalQueues = ({
  file = null,
  region,
  redrivePolicies = new Map(),
  clock = () => Date.now(),
}: {
  file?: string | null;
  region: string;
  /** By source queue name. */
  redrivePolicies?: ReadonlyMap<string, RedrivePolicy>;
  clock?: () => number;
}) => {
  const messages = new Map<string, QueueMessage>();
  // Per queue too, in arrival order, so a receive looks at its own queue only.
  const queues = new Map<string, Map<string, QueueMessage>>();
  const queueMap = (queue: string) => {
    let map = queues.get(queue);
    if (!map) queues.set(queue, (map = new Map()));
    return map;
  };
  const receipts = new Map<string, string>();
  const listeners = new Map<string, Set<() => void>>();
  if (file && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as LogLine;
      if (entry.op === 'send') messages.set(entry.message.id, { ...entry.message, hiddenUntil: 0 });
      else if (entry.op === 'delete') messages.delete(entry.id);
      else if (entry.op === 'receive') {
        for (const id of entry.ids) {
          const m = messages.get(id);
          if (m) messages.set(id, { ...m, receiveCount: m.receiveCount + 1, firstReceivedAt: m.firstReceivedAt ?? entry.at });
        }
      } else {
        const m = messages.get(entry.id);
        if (m)
          messages.set(m.id, {
            ...m,
            queue: entry.queue,
            receiveCount: 0,
            firstReceivedAt: null,
            ...(entry.deadLetterSourceArn ? { deadLetterSourceArn: entry.deadLetterSourceArn } : {}),
          });
      }
    }
    // Compacted on start: one line per message still queued.
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, [...messages.values()].map((message) => JSON.stringify({ op: 'send', message } satisfies LogLine) + '\n').join(''));
    for (const m of messages.values()) queueMap(m.queue).set(m.id, m);
  }
  const log = (entry: LogLine) => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, JSON.stringify(entry) + '\n');
  };
  const notify = (queue: string) => {
    for (const listener of listeners.get(queue) ?? []) listener();
  };
  const arnOf = (queue: string) => `arn:aws:sqs:${region}:${LOCAL_ACCOUNT}:${queue}`;

  const move = (message: QueueMessage, queue: string, deadLetterSourceArn?: string) => {
    // A moved message starts its count again, so a redriven message gets its receives anew.
    queueMap(message.queue).delete(message.id);
    queueMap(queue).set(message.id, message);
    message.queue = queue;
    message.receiveCount = 0;
    message.firstReceivedAt = null;
    message.hiddenUntil = 0;
    if (deadLetterSourceArn) message.deadLetterSourceArn = deadLetterSourceArn;
    else delete message.deadLetterSourceArn;
    log({ op: 'move', id: message.id, queue, ...(deadLetterSourceArn ? { deadLetterSourceArn } : {}) });
    notify(queue);
  };

  const inQueue = (queue: string) => [...queueMap(queue).values()];

  return {
    arnOf,
    queueOfArn: (arn: string) => arn.split(':').pop() ?? '',
    redrivePolicyOf: (queue: string) => redrivePolicies.get(queue) ?? null,
    /** The queues whose redrive policy names this one as their dead-letter queue. */
    sourcesOf: (deadLetterQueue: string) => [...redrivePolicies].filter(([, p]) => p.deadLetterQueue === deadLetterQueue).map(([q]) => q),
    send(queue: string, body: string, messageAttributes: Record<string, MessageAttributeValue> = {}): QueueMessage {
      const message: QueueMessage = {
        id: randomUUID(),
        queue,
        body,
        sentAt: clock(),
        messageAttributes,
        receiveCount: 0,
        firstReceivedAt: null,
        hiddenUntil: 0,
      };
      messages.set(message.id, message);
      queueMap(queue).set(message.id, message);
      log({ op: 'send', message });
      notify(queue);
      return message;
    },
    /** ReceiveMessage: up to `max` visible messages, each hidden for `visibilityMs` and counted. */
    receive(queue: string, { max, visibilityMs }: { max: number; visibilityMs: number }): Received[] {
      const now = clock();
      const policy = redrivePolicies.get(queue);
      const got: Received[] = [];
      for (const message of queueMap(queue).values()) {
        if (got.length >= max) break;
        if (message.hiddenUntil > now) continue;
        if (policy && message.receiveCount >= policy.maxReceiveCount) {
          move(message, policy.deadLetterQueue, arnOf(queue));
          continue;
        }
        message.receiveCount++;
        message.firstReceivedAt ??= now;
        message.hiddenUntil = now + visibilityMs;
        const receiptHandle = randomUUID();
        receipts.set(receiptHandle, message.id);
        got.push({ message: { ...message, messageAttributes: { ...message.messageAttributes } }, receiptHandle });
      }
      if (got.length > 0) log({ op: 'receive', ids: got.map((g) => g.message.id), at: now });
      return got;
    },
    delete(receiptHandle: string): boolean {
      const id = receipts.get(receiptHandle);
      receipts.delete(receiptHandle);
      const message = messages.get(id ?? '');
      if (!message) return false;
      messages.delete(message.id);
      queueMap(message.queue).delete(message.id);
      log({ op: 'delete', id: message.id });
      return true;
    },
    changeVisibility(receiptHandle: string, seconds: number) {
      const message = messages.get(receipts.get(receiptHandle) ?? '');
      if (message) message.hiddenUntil = clock() + seconds * 1000;
    },
    /** StartMessageMoveTask's effect: every message of `from` into `to`, oldest first; how many. */
    moveAll(from: string, to: string): number {
      const moving = inQueue(from);
      for (const message of moving) move(message, to);
      return moving.length;
    },
    list: (queue?: string) => (queue === undefined ? [...messages.values()] : inQueue(queue)),
    /** ApproximateNumberOfMessages (visible) and ...NotVisible, and the age of the oldest. */
    counts(queue: string) {
      const now = clock();
      const all = inQueue(queue);
      const visible = all.filter((m) => m.hiddenUntil <= now).length;
      return {
        visible,
        notVisible: all.length - visible,
        oldestSentAt: all.reduce<number | null>((o, m) => (o === null || m.sentAt < o ? m.sentAt : o), null),
      };
    },
    /** When the next hidden message of the queue becomes visible, or null if none is hidden. */
    nextVisibleAt(queue: string): number | null {
      const now = clock();
      const times = inQueue(queue)
        .map((m) => m.hiddenUntil)
        .filter((t) => t > now);
      return times.length > 0 ? Math.min(...times) : null;
    },
    /** Called on every message that arrives in the queue: the local event source's push. */
    onArrival(queue: string, listener: () => void): () => void {
      const set = listeners.get(queue) ?? new Set();
      set.add(listener);
      listeners.set(queue, set);
      return () => set.delete(listener);
    },
  };
};

export type LocalQueues = ReturnType<typeof createLocalQueues>;
