import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { createPublisher, type DeadLetter } from '../../functions/publisher/publisher.ts';
import { intoCalls } from '../../functions/publisher/put-events-batches.ts';
import { queueUrl, startAwsEmulator, type EmulatorFaults } from '../../infra/local/aws-emulator.ts';
import { createLocalQueues } from '../../infra/local/local-queues.ts';
import { createLocalBus, type BusEvent } from '../../infra/local/local-bus.ts';
import { localCredentials, localRegion } from '../../infra/local/dynamodb-local.ts';
import { freePort } from '../../infra/local/ports.ts';
import { EVENT_SOURCE } from '../../events/routing.ts';
import { envelope, insertRecord, streamEvent } from '../support/stream-records.ts';

// The publisher with the real AWS SDK clients, against the local EventBridge/SQS emulator.
const failedCounts: number[] = [];
const setup = async (faults: EmulatorFaults = {}) => {
  const deadLetters = createLocalQueues({ region: localRegion });
  const received: BusEvent[] = [];
  const bus = createLocalBus({
    busName: 'test-bus',
    region: localRegion,
    deadLetters,
    rules: [{ name: 'all', pattern: { source: [EVENT_SOURCE] }, target: async (e) => void received.push(e), deadLetterQueue: 'all-dlq' }],
  });
  const emulator = await startAwsEmulator({ port: await freePort(), bus, queues: deadLetters, faults });
  const config = { endpoint: emulator.endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 };
  const publisher = createPublisher({
    bus: new EventBridgeClient(config),
    busName: 'test-bus',
    deadLetter: new SQSClient(config),
    deadLetterUrl: queueUrl(emulator.endpoint, 'publisher-dlq'),
    logger: new Logger({ logLevel: 'SILENT' }),
    backoffMs: 1,
    onFailedEntries: (n) => failedCounts.push(n),
  });
  stops.push(emulator.stop);
  return { publisher, bus, received, deadLetters, emulator };
};
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

describe('stream publisher', () => {
  it('puts every inserted event on the bus with its envelope as detail (data that does not read as its type withheld whole)', async () => {
    const { publisher, bus, received } = await setup();
    const events = Array.from({ length: 25 }, (_, i) => envelope({ version: 1, data: { i } }));
    const result = await publisher(streamEvent(events.map((e) => insertRecord(e))));
    await bus.idle();
    expect(result.batchItemFailures).toEqual([]);
    // `{ i }` is no ApplicationReceived: the marks could not find its personal fields, so none of it leaves.
    expect(received.map((r) => r.detail)).toEqual(events.map((e) => ({ ...e, data: {} })));
    expect(failedCounts.at(-1)).toBe(0);
    expect(received[0]).toMatchObject({ source: EVENT_SOURCE, 'detail-type': 'ApplicationReceived' });
  });

  it('retries only the entries a PutEvents call failed', async () => {
    let failuresLeft = 3;
    const attemptsOf = new Map<string, number>();
    const { publisher, bus, received, deadLetters } = await setup({
      putEventsEntry: (entry) => {
        const id = (JSON.parse(entry.Detail!) as { eventId: string }).eventId;
        attemptsOf.set(id, (attemptsOf.get(id) ?? 0) + 1);
        return failuresLeft-- > 0 ? 'ThrottlingException' : null;
      },
    });
    const events = Array.from({ length: 8 }, () => envelope());
    const result = await publisher(streamEvent(events.map((e) => insertRecord(e))));
    await bus.idle();
    expect(result.batchItemFailures).toEqual([]);
    expect(received).toHaveLength(8);
    expect(deadLetters.list()).toEqual([]);
    // The three that failed were sent twice; the other five once.
    expect([...attemptsOf.values()].sort()).toEqual([1, 1, 1, 1, 1, 2, 2, 2]);
  });

  it('retries a whole failed call, and dead-letters what never gets through', async () => {
    const { publisher, bus, received, deadLetters } = await setup({ putEventsCall: () => true });
    const events = [envelope(), envelope()];
    const records = events.map((e) => insertRecord(e));
    const result = await publisher(streamEvent(records));
    await bus.idle();
    expect(received).toEqual([]);
    expect(result.batchItemFailures).toEqual([]);
    const letters = deadLetters.list('publisher-dlq').map((m) => JSON.parse(m.body) as DeadLetter);
    expect(letters.map((l) => l.sequenceNumber)).toEqual(records.map((r) => r.dynamodb!.SequenceNumber));
    expect(letters.map((l) => JSON.parse(l.entry.Detail!))).toEqual(events.map((e) => ({ ...e, data: {} })));
    expect(letters[0]!.error).toContain('PutEvents failed');
    expect(failedCounts.at(-1)).toBe(2);
  });

  it('reports the records back to the stream when even the dead-letter queue fails', async () => {
    const { publisher, emulator } = await setup({ putEventsCall: () => true });
    await emulator.stop();
    const records = [insertRecord(envelope()), insertRecord(envelope())];
    const result = await publisher(streamEvent(records));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(records.map((r) => r.dynamodb!.SequenceNumber));
  });

  it('does not publish a changed or removed event item, and dead-letters an unreadable one', async () => {
    const { publisher, bus, received, deadLetters } = await setup();
    const bad = insertRecord(envelope());
    (bad.dynamodb!.NewImage as Record<string, unknown>).hash = { S: 'not-a-hash' };
    await publisher(streamEvent([insertRecord(envelope(), 'MODIFY'), insertRecord(envelope(), 'REMOVE'), bad]));
    await bus.idle();
    expect(received).toEqual([]);
    expect(deadLetters.list('publisher-dlq')).toHaveLength(1);
    expect(deadLetters.list('publisher-dlq')[0]!.body).toContain('unreadable stream record');
    // An unreadable item's entry names its table keys and nothing of its data.
    const letter = JSON.parse(deadLetters.list('publisher-dlq')[0]!.body) as DeadLetter;
    expect(letter.entry.DetailType).toBe('Unreadable');
    expect(JSON.parse(letter.entry.Detail!)).toEqual({ keys: bad.dynamodb!.Keys });
  });
});

describe('PutEvents batching', () => {
  const item = (bytes: number) => ({ entry: { Source: 's', DetailType: 't', Detail: 'x'.repeat(bytes) } });

  it('sends at most 10 entries per call', () => {
    expect(intoCalls(Array.from({ length: 25 }, () => item(10))).map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it('keeps each call within 256 KB', () => {
    const calls = intoCalls([item(100_000), item(100_000), item(100_000), item(10)]);
    expect(calls.map((c) => c.length)).toEqual([2, 2]);
  });
});
