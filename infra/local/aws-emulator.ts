import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { DeadLetterStore } from './dead-letters.ts';
import type { BusEntry, BusEvent, EntryResult, LocalBus } from './local-bus.ts';

/**
 * Answers the two AWS APIs the handlers call besides DynamoDB — EventBridge PutEvents and the SQS
 * calls of a dead-letter queue — so the handlers use the real AWS SDK clients, pointed here.
 * `faults` lets a test make the bus fail entries or whole calls.
 */
export type EmulatorFaults = {
  /** Return an error code to fail that entry (a partial failure), or null to accept it. */
  putEventsEntry?: (entry: BusEntry) => string | null;
  /** Return true to fail the whole PutEvents call with a 500. */
  putEventsCall?: () => boolean;
};

type Json = Record<string, unknown>;
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export const queueUrl = (baseUrl: string, queue: string) => `${baseUrl}/000000000000/${queue}`;
const queueOf = (url: unknown) => String(url ?? '').split('/').pop() ?? '';

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * Not an AWS API: hands one dead-lettered event to one rule's target and waits for the outcome, so a
 * redrive of a rule's dead-letter queue (infra/local/redrive.ts) can run from another process. In
 * AWS the same step invokes the rule's target function with the event.
 */
export const LOCAL_DELIVER_TARGET = 'LocalBus.DeliverToRule';

export const startAwsEmulator = async ({ port, bus, deadLetters, faults = {} }: { port: number; bus: LocalBus; deadLetters: DeadLetterStore; faults?: EmulatorFaults }) => {
  const receipts = new Map<string, string>();
  // As in SQS, a received message is hidden for its visibility timeout, then comes back unless deleted.
  const hiddenUntil = new Map<string, number>();
  const setVisibility = (handle: unknown, seconds: unknown) => {
    const id = receipts.get(String(handle));
    if (id) hiddenUntil.set(id, Date.now() + Number(seconds ?? 0) * 1000);
  };

  const operations: Record<string, (input: Json) => Json | Promise<Json>> = {
    'AWSEvents.PutEvents': (input) => {
      if (faults.putEventsCall?.()) throw Object.assign(new Error('injected failure'), { status: 500, type: 'InternalException' });
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
    'AmazonSQS.SendMessage': (input) => {
      const body = String(input.MessageBody);
      const m = deadLetters.send(queueOf(input.QueueUrl), body);
      return { MessageId: m.id, MD5OfMessageBody: md5(body) };
    },
    'AmazonSQS.SendMessageBatch': (input) => {
      const queue = queueOf(input.QueueUrl);
      const Successful = ((input.Entries ?? []) as { Id: string; MessageBody: string }[]).map((e) => ({
        Id: e.Id,
        MessageId: deadLetters.send(queue, e.MessageBody).id,
        MD5OfMessageBody: md5(e.MessageBody),
      }));
      return { Successful, Failed: [] };
    },
    'AmazonSQS.ReceiveMessage': (input) => {
      const max = Number(input.MaxNumberOfMessages ?? 1);
      const now = Date.now();
      const hideFor = Number(input.VisibilityTimeout ?? 0) * 1000;
      const visible = deadLetters.list(queueOf(input.QueueUrl)).filter((m) => (hiddenUntil.get(m.id) ?? 0) <= now);
      const Messages = visible.slice(0, max).map((m) => {
        const handle = randomUUID();
        receipts.set(handle, m.id);
        if (hideFor > 0) hiddenUntil.set(m.id, now + hideFor);
        return { MessageId: m.id, ReceiptHandle: handle, Body: m.body, MD5OfBody: md5(m.body) };
      });
      return { Messages };
    },
    'AmazonSQS.ChangeMessageVisibility': (input) => {
      setVisibility(input.ReceiptHandle, input.VisibilityTimeout);
      return {};
    },
    'AmazonSQS.ChangeMessageVisibilityBatch': (input) => {
      const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[];
      for (const e of entries) setVisibility(e.ReceiptHandle, e.VisibilityTimeout);
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
    },
    [LOCAL_DELIVER_TARGET]: async (input) => {
      try {
        await bus.deliverTo(String(input.Rule), input.Event as BusEvent);
      } catch (error) {
        throw Object.assign(new Error(String((error as Error)?.message ?? error)), { status: 500, type: 'TargetFailed' });
      }
      return {};
    },
    'AmazonSQS.DeleteMessage': (input) => {
      deadLetters.remove([receipts.get(String(input.ReceiptHandle)) ?? '']);
      return {};
    },
    'AmazonSQS.DeleteMessageBatch': (input) => {
      const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string }[];
      deadLetters.remove(entries.map((e) => receipts.get(e.ReceiptHandle) ?? ''));
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
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
    if (!operation) return send(400, { __type: 'UnknownOperationException', message: `the local emulator does not answer ${target || 'this request'}` });
    try {
      send(200, await operation(JSON.parse((await readBody(req)) || '{}') as Json));
    } catch (error) {
      const e = error as Error & { status?: number; type?: string };
      send(e.status ?? 400, { __type: e.type ?? 'ValidationException', message: e.message });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    faults,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
