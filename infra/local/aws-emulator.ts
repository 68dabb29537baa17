import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { BusEntry, EntryResult, LocalBus } from './local-bus.ts';
import { LOCAL_ACCOUNT, md5, type LocalQueues, type MessageAttributeValue, type QueueMessage } from './local-queues.ts';

/**
 * Answers the AWS APIs the handlers and the redrive call besides DynamoDB — EventBridge PutEvents and
 * SQS on the local queues (local-queues.ts) — in AWS's JSON protocol shapes, so they use the real AWS
 * SDK clients, pointed here. `faults` lets a test make the bus or SQS fail.
 */
export type EmulatorFaults = {
  /** Return an error code to fail that entry (a partial failure), or null to accept it. */
  putEventsEntry?: (entry: BusEntry) => string | null;
  /** Return true to fail the whole PutEvents call with a 500. */
  putEventsCall?: () => boolean;
  /**
   * Return true to fail a SendMessage or SendMessageBatch call to that queue with a 500. A bus rule's
   * delivery into its target queue also names the event's detail-type, so a test can fail exactly
   * one event's deliveries, whatever order the bus sends them in.
   */
  sqsSend?: (queue: string, detailType?: string) => boolean;
};

type Json = Record<string, unknown>;

export const queueUrl = (baseUrl: string, queue: string) => `${baseUrl}/${LOCAL_ACCOUNT}/${queue}`;
const queueOf = (url: unknown) =>
  String(url ?? '')
    .split('/')
    .pop() ?? '';

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const failure = (status: number, type: string, message: string) => Object.assign(new Error(message), { status, type });

/** SQS's default visibility timeout, for queues the stack gives no other. */
const DEFAULT_VISIBILITY_SECONDS = 30;

export const startAwsEmulator = async ({
  port,
  bus,
  queues,
  visibilitySeconds = () => DEFAULT_VISIBILITY_SECONDS,
  faults = {},
}: {
  port: number;
  bus: LocalBus;
  queues: LocalQueues;
  /** Each queue's own visibility timeout (the stack's numbers). */
  visibilitySeconds?: (queue: string) => number;
  faults?: EmulatorFaults;
}) => {
  // StartMessageMoveTask's tasks, newest first per source queue (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasks.html).
  const moveTasks = new Map<string, Json[]>();

  const toMessage = (m: QueueMessage, receiptHandle: string) => ({
    MessageId: m.id,
    ReceiptHandle: receiptHandle,
    MD5OfBody: md5(m.body),
    Body: m.body,
    Attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      SenderId: 'AIDALOCALEMULATOR',
      ...(m.deadLetterSourceArn ? { DeadLetterQueueSourceArn: m.deadLetterSourceArn } : {}),
    },
    ...(Object.keys(m.messageAttributes).length > 0 ? { MessageAttributes: m.messageAttributes } : {}),
  });
  const sendTo = (url: unknown, body: string, attributes: unknown) => {
    const queue = queueOf(url);
    if (faults.sqsSend?.(queue)) throw failure(500, 'InternalError', 'injected failure');
    return { queue, message: queues.send(queue, body, (attributes ?? {}) as Record<string, MessageAttributeValue>) };
  };

  const operations: Record<string, (input: Json) => Json | Promise<Json>> = {
    'AWSEvents.PutEvents': (input) => {
      if (faults.putEventsCall?.()) throw failure(500, 'InternalException', 'injected failure');
      const entries = (input.Entries ?? []) as BusEntry[];
      const accepted: BusEntry[] = [];
      const results: (EntryResult | null)[] = entries.map((entry) => {
        const code = faults.putEventsEntry?.(entry) ?? null;
        if (code) return { ErrorCode: code, ErrorMessage: 'injected failure' };
        accepted.push(entry);
        return null;
      });
      const published = bus.putEvents(accepted);
      let next = 0;
      const Entries = results.map((r) => r ?? published[next++]!);
      return { FailedEntryCount: Entries.filter((e) => e.ErrorCode).length, Entries };
    },
    'AmazonSQS.GetQueueUrl': (input) => ({ QueueUrl: queueUrl(endpoint, String(input.QueueName)) }),
    'AmazonSQS.GetQueueAttributes': (input) => {
      const queue = queueOf(input.QueueUrl);
      const counts = queues.counts(queue);
      const policy = queues.redrivePolicyOf(queue);
      return {
        Attributes: {
          QueueArn: queues.arnOf(queue),
          ApproximateNumberOfMessages: String(counts.visible),
          ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
          VisibilityTimeout: String(visibilitySeconds(queue)),
          ...(policy
            ? {
                RedrivePolicy: JSON.stringify({
                  deadLetterTargetArn: queues.arnOf(policy.deadLetterQueue),
                  maxReceiveCount: policy.maxReceiveCount,
                }),
              }
            : {}),
        },
      };
    },
    'AmazonSQS.SendMessage': (input) => {
      const body = String(input.MessageBody);
      const { message } = sendTo(input.QueueUrl, body, input.MessageAttributes);
      return { MessageId: message.id, MD5OfMessageBody: md5(body) };
    },
    'AmazonSQS.SendMessageBatch': (input) => {
      const entries = (input.Entries ?? []) as { Id: string; MessageBody: string; MessageAttributes?: unknown }[];
      const Successful = entries.map((e) => ({
        Id: e.Id,
        MessageId: sendTo(input.QueueUrl, e.MessageBody, e.MessageAttributes).message.id,
        MD5OfMessageBody: md5(e.MessageBody),
      }));
      return { Successful, Failed: [] };
    },
    'AmazonSQS.ReceiveMessage': (input) => {
      const queue = queueOf(input.QueueUrl);
      const seconds = input.VisibilityTimeout === undefined ? visibilitySeconds(queue) : Number(input.VisibilityTimeout);
      const got = queues.receive(queue, { max: Number(input.MaxNumberOfMessages ?? 1), visibilityMs: seconds * 1000 });
      return { Messages: got.map((r) => toMessage(r.message, r.receiptHandle)) };
    },
    'AmazonSQS.ChangeMessageVisibility': (input) => {
      queues.changeVisibility(String(input.ReceiptHandle), Number(input.VisibilityTimeout ?? 0));
      return {};
    },
    'AmazonSQS.ChangeMessageVisibilityBatch': (input) => {
      const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[];
      for (const e of entries) queues.changeVisibility(e.ReceiptHandle, Number(e.VisibilityTimeout ?? 0));
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
    },
    'AmazonSQS.DeleteMessage': (input) => {
      queues.delete(String(input.ReceiptHandle));
      return {};
    },
    'AmazonSQS.DeleteMessageBatch': (input) => {
      const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string }[];
      for (const e of entries) queues.delete(e.ReceiptHandle);
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
    },
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html:
    // the source must be a dead-letter queue; without DestinationArn the messages go back to the
    // queue they were dead-lettered from. Locally the task runs to its end before the answer.
    'AmazonSQS.StartMessageMoveTask': (input) => {
      const source = queues.queueOfArn(String(input.SourceArn ?? ''));
      const origins = queues.sourcesOf(source);
      if (origins.length === 0)
        throw failure(400, 'InvalidParameterValue', `Source queue ${String(input.SourceArn)} is not a dead-letter queue of any queue`);
      const destination = input.DestinationArn ? queues.queueOfArn(String(input.DestinationArn)) : origins[0]!;
      const toMove = queues.list(source).length;
      const TaskHandle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: input.SourceArn })).toString('base64');
      const StartedTimestamp = Date.now();
      const moved = queues.moveAll(source, destination);
      const task = {
        TaskHandle,
        Status: 'COMPLETED',
        SourceArn: queues.arnOf(source),
        ...(input.DestinationArn ? { DestinationArn: queues.arnOf(destination) } : {}),
        ApproximateNumberOfMessagesMoved: moved,
        ApproximateNumberOfMessagesToMove: toMove,
        StartedTimestamp,
      };
      moveTasks.set(source, [task, ...(moveTasks.get(source) ?? [])].slice(0, 10));
      return { TaskHandle };
    },
    'AmazonSQS.ListMessageMoveTasks': (input) => {
      const source = queues.queueOfArn(String(input.SourceArn ?? ''));
      return { Results: (moveTasks.get(source) ?? []).slice(0, Number(input.MaxResults ?? 1)) };
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const contentType = target.startsWith('AmazonSQS.') ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
    const operation = operations[target];
    const send = (status: number, body: Json) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(JSON.stringify(body));
    };
    if (!operation)
      return send(400, { __type: 'UnknownOperationException', message: `the local emulator does not answer ${target || 'this request'}` });
    try {
      send(200, await operation(JSON.parse((await readBody(req)) || '{}') as Json));
    } catch (error) {
      const e = error as Error & { status?: number; type?: string };
      send(e.status ?? 400, { __type: e.type ?? 'ValidationException', message: e.message });
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint,
    faults,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
