import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { md5, type LocalQueues, type Received } from './local-queues.ts';

type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/**
 * Lambda's SQS event source mapping, locally: receives batches from one queue and invokes the
 * function's handler with an SQS event of Lambda's shape
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue message
 * event"), deletes what succeeded, and leaves the rest to come back after the visibility timeout; with
 * ReportBatchItemFailures a partial batch response names the failures
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html), an error fails the
 * whole batch. The queue's redrive policy (local-queues.ts) moves a message to the dead-letter queue
 * after maxReceiveCount receives. In AWS the mapping long-polls; here the queue tells it when a
 * message arrives, so no polling delay is added to the projections' lag.
 */
export const createSqsEventSource = ({
  queues,
  queue,
  region,
  handler,
  batchSize,
  maxConcurrency,
  visibilityTimeoutMs,
  onError = () => {},
}: {
  queues: LocalQueues;
  queue: string;
  region: string;
  handler: SqsHandler;
  batchSize: number;
  maxConcurrency: number;
  visibilityTimeoutMs: number;
  onError?: (error: unknown) => void;
}) => {
  const queueArn = queues.arnOf(queue);
  let inFlight = 0;
  let running = false;
  let scheduled = false;
  let timer: NodeJS.Timeout | null = null;
  const idleWaiters: (() => void)[] = [];
  const stats = { invocations: 0, received: 0, deleted: 0, failed: 0 };

  const toRecord = ({ message, receiptHandle }: Received): SQSRecord => ({
    messageId: message.id,
    receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'AIDALOCALEMULATOR',
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.messageAttributes).map(([k, v]) => [
        k,
        { dataType: v.DataType, stringValue: v.StringValue, stringListValues: [], binaryListValues: [] },
      ]),
    ),
    md5OfBody: md5(message.body),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  });

  const drained = () => inFlight === 0 && queues.list(queue).length === 0;
  const wakeIdle = () => {
    if (drained()) idleWaiters.splice(0).forEach((r) => r());
  };

  const invoke = async (batch: Received[]) => {
    stats.invocations++;
    stats.received += batch.length;
    let failedIds: Set<string>;
    try {
      const response = await handler({ Records: batch.map(toRecord) });
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      onError(error);
      failedIds = new Set(batch.map((b) => b.message.id));
    }
    for (const b of batch) {
      if (failedIds.has(b.message.id)) stats.failed++;
      else if (queues.delete(b.receiptHandle)) stats.deleted++;
    }
  };

  const pump = () => {
    scheduled = false;
    if (!running) return;
    while (inFlight < maxConcurrency) {
      const batch = queues.receive(queue, { max: batchSize, visibilityMs: visibilityTimeoutMs });
      if (batch.length === 0) break;
      inFlight++;
      void invoke(batch).finally(() => {
        inFlight--;
        schedule();
        wakeIdle();
      });
    }
    // What failed comes back when its visibility timeout ends: look again then.
    const next = queues.nextVisibleAt(queue);
    if (timer) clearTimeout(timer);
    timer = next === null ? null : setTimeout(schedule, Math.max(0, next - Date.now()) + 1);
    wakeIdle();
  };

  // Coalesces the messages one PutEvents call routes here into one receive, as a batch.
  const schedule = () => {
    if (scheduled || !running) return;
    scheduled = true;
    setImmediate(pump);
  };

  let unsubscribe: (() => void) | null = null;
  return {
    queue,
    queueArn,
    stats,
    start() {
      running = true;
      unsubscribe = queues.onArrival(queue, schedule);
      schedule();
    },
    async stop() {
      running = false;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      while (inFlight > 0) await sleep(5);
    },
    /** Resolves once the queue is empty (each message deleted or moved to the dead-letter queue) and no invocation runs. */
    idle: (): Promise<void> => (drained() ? Promise.resolve() : new Promise((r) => idleWaiters.push(r))),
  };
};

export type SqsEventSource = ReturnType<typeof createSqsEventSource>;
