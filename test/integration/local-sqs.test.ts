import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { queueUrl, startAwsEmulator } from '../../infra/local/aws-emulator.ts';
import { localCredentials, localRegion } from '../../infra/local/dynamodb-local.ts';
import { createLocalBus } from '../../infra/local/local-bus.ts';
import { createLocalQueues, md5 } from '../../infra/local/local-queues.ts';
import { freePort } from '../../infra/local/ports.ts';
import { createSqsEventSource } from '../../infra/local/sqs-event-source.ts';

// The local SQS queues and event source mapping behave as the stack's: Lambda's SQS event shape,
// partial batch responses, the redrive policy after maxReceiveCount receives (body unchanged), and
// the redrive's SQS calls (GetQueueAttributes, StartMessageMoveTask, ListMessageMoveTasks) over the SDK.
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

const setup = (maxReceiveCount = 3) => {
  const queues = createLocalQueues({
    region: localRegion,
    redrivePolicies: new Map([['src', { deadLetterQueue: 'dlq', maxReceiveCount }]]),
  });
  const events: SQSEvent[] = [];
  let failing = new Set<string>();
  const source = createSqsEventSource({
    queues,
    queue: 'src',
    region: localRegion,
    batchSize: 10,
    maxConcurrency: 2,
    visibilityTimeoutMs: 50,
    handler: async (event) => {
      events.push(event);
      return { batchItemFailures: event.Records.filter((r) => failing.has(r.body)).map((r) => ({ itemIdentifier: r.messageId })) };
    },
  });
  source.start();
  stops.push(source.stop);
  return { queues, source, events, fail: (bodies: string[]) => (failing = new Set(bodies)) };
};

describe('local SQS event source', () => {
  it("invokes the handler with Lambda's SQS event shape, one batch for messages sent together, and deletes what succeeded", async () => {
    const { queues, source, events } = setup();
    queues.send('src', '{"a":1}');
    queues.send('src', '{"a":2}');
    await source.idle();
    expect(events).toHaveLength(1);
    const [record] = events[0]!.Records;
    expect(record).toEqual({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: '{"a":1}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {},
      md5OfBody: md5('{"a":1}'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${localRegion}:000000000000:src`,
      awsRegion: localRegion,
    });
    expect(events[0]!.Records.map((r) => r.body)).toEqual(['{"a":1}', '{"a":2}']);
    expect(queues.list()).toEqual([]);
  });

  it('receives a reported failure again after the visibility timeout, then moves it to the DLQ unchanged after maxReceiveCount receives', async () => {
    const { queues, source, events, fail } = setup(3);
    fail(['poison']);
    queues.send('src', 'poison', { trace: { DataType: 'String', StringValue: 't-1' } });
    queues.send('src', 'fine');
    await source.idle();
    const receivesOfPoison = events
      .flatMap((e) => e.Records)
      .filter((r) => r.body === 'poison')
      .map((r) => r.attributes.ApproximateReceiveCount);
    expect(receivesOfPoison).toEqual(['1', '2', '3']);
    expect(events.flatMap((e) => e.Records).filter((r) => r.body === 'fine')).toHaveLength(1);
    const [moved, ...rest] = queues.list('dlq');
    expect(rest).toEqual([]);
    expect(moved).toMatchObject({
      body: 'poison',
      messageAttributes: { trace: { DataType: 'String', StringValue: 't-1' } },
      deadLetterSourceArn: queues.arnOf('src'),
    });
    expect(queues.list('src')).toEqual([]);
  });
});

describe("the emulator's SQS API, as the redrive calls it", () => {
  it('counts a DLQ, moves it back with StartMessageMoveTask and lists the task; refuses a queue that is no DLQ', async () => {
    const { queues, source, fail } = setup(1);
    const bus = createLocalBus({ busName: 'b', region: localRegion, rules: [], deadLetters: queues });
    const emulator = await startAwsEmulator({ port: await freePort(), bus, queues });
    stops.push(emulator.stop);
    const sqs = new SQSClient({ endpoint: emulator.endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 });
    stops.push(async () => sqs.destroy());

    fail(['poison']);
    queues.send('src', 'poison');
    await source.idle();
    const dlqUrl = queueUrl(emulator.endpoint, 'dlq');
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['All'] }));
    expect(attributes.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '0',
      QueueArn: queues.arnOf('dlq'),
    });
    const peek = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 }),
    );
    expect(peek.Messages?.[0]).toMatchObject({
      Body: 'poison',
      MD5OfBody: md5('poison'),
      Attributes: { DeadLetterQueueSourceArn: queues.arnOf('src') },
    });

    fail([]);
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: queues.arnOf('dlq'), DestinationArn: queues.arnOf('src') }),
    );
    await source.idle();
    const tasks = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: queues.arnOf('dlq') }));
    expect(tasks.Results).toEqual([
      expect.objectContaining({
        TaskHandle,
        Status: 'COMPLETED',
        ApproximateNumberOfMessagesMoved: 1,
        ApproximateNumberOfMessagesToMove: 1,
      }),
    ]);
    expect(queues.list()).toEqual([]);

    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: queues.arnOf('src') }))).rejects.toThrow(/not a dead-letter queue/);
  });
});
