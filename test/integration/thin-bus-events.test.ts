import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { WITHHELD } from '../../events/personal/marks.ts';
import { EVENT_SOURCE } from '../../events/routing.ts';
import { entryOf } from '../../functions/lib/audit/replay.ts';
import { createEventStore, type AppendMeta, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { createKeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { createCaseStatusTable, type CaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { applyToCaseStatus } from '../../functions/projections/case-status.ts';
import { applyStreamEvent, type StreamReader, type StreamTarget } from '../../functions/projections/stream-projection.ts';
import { createPublisher, type DeadLetter } from '../../functions/publisher/publisher.ts';
import { queueUrl, startAwsEmulator, type EmulatorFaults } from '../../infra/local/aws-emulator.ts';
import { localCredentials, localRegion } from '../../infra/local/dynamodb-local.ts';
import { createLocalBus, type BusEvent } from '../../infra/local/local-bus.ts';
import { createLocalQueues } from '../../infra/local/local-queues.ts';
import { freePort } from '../../infra/local/ports.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';
import { envelope as storedLooking, insertRecord, streamEvent } from '../support/stream-records.ts';

// Thin events: what the publisher puts on the bus (and in its dead-letter queue) holds no personal
// field, and a projection that needs one reads the event from the store (DynamoDB Local).

const meta: AppendMeta = {
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: 'c-thin',
};
const person = applicationBody().applicant;
const plainValues = [person.name, person.identityNumber, person.phone, person.address, applicationBody().matter];

let store: EventStore;
let caseStatus: CaseStatusTable;
beforeAll(async () => {
  const t = await testTables('thin-bus');
  const keys = createKeyStore({ client: t.client, tableName: t.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 5)) });
  store = createEventStore({ client: t.client, tableName: t.eventsTableName, sealer: createPersonalSealer({ keys, catalogue }) });
  caseStatus = createCaseStatusTable({ client: t.client, tableName: t.readModelsTableName });
});

/** A case opened through the sealing store: the stored ApplicationReceived, its personal fields sealed. */
const openCase = async (): Promise<{ caseId: string; stored: EventEnvelope }> => {
  const caseId = randomUUID();
  const data = catalogue
    .get('ApplicationReceived')!
    .schema.parse({ ...applicationBody(), caseId, receivedAt: '2026-03-02T01:00:00.000Z' }) as Record<string, unknown>;
  const { events } = await store.append(`case#${caseId}`, 0, [{ type: 'ApplicationReceived', schemaVersion: 2, data }], meta);
  return { caseId, stored: events[0]! };
};

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

const publisherSetup = async (faults: EmulatorFaults = {}) => {
  const queues = createLocalQueues({ region: localRegion });
  const received: BusEvent[] = [];
  const bus = createLocalBus({
    busName: 'thin-bus',
    region: localRegion,
    deadLetters: queues,
    rules: [{ name: 'all', pattern: { source: [EVENT_SOURCE] }, target: async (e) => void received.push(e), deadLetterQueue: 'all-dlq' }],
  });
  const emulator = await startAwsEmulator({ port: await freePort(), bus, queues, faults });
  stops.push(emulator.stop);
  const config = { endpoint: emulator.endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 };
  const publisher = createPublisher({
    bus: new EventBridgeClient(config),
    busName: 'thin-bus',
    deadLetter: new SQSClient(config),
    deadLetterUrl: queueUrl(emulator.endpoint, 'publisher-dlq'),
    logger: new Logger({ logLevel: 'SILENT' }),
    backoffMs: 1,
    maxAttempts: 1,
  });
  return { publisher, bus, received, queues };
};

const expectNoPersonalValue = (text: string) => {
  for (const value of plainValues) expect(text).not.toContain(value);
  expect(text).not.toContain('pii1.');
};

describe('the publisher puts thin events', () => {
  it('on the bus: ids, versions, hash and facts as stored, every personal field withheld', async () => {
    const { stored } = await openCase();
    const { publisher, bus, received } = await publisherSetup();
    await publisher(streamEvent([insertRecord(stored)]));
    await bus.idle();
    expect(received).toHaveLength(1);
    const detail = received[0]!.detail as EventEnvelope;
    const { data: _, ...envelopeFields } = stored;
    expect(detail).toMatchObject(envelopeFields);
    expect(detail.data).toMatchObject({
      agencyId: 'agency:hz-xihu',
      category: 'labour',
      formOfAid: 'labour-mediation-arbitration',
      matter: WITHHELD,
      applicant: { name: WITHHELD, identityNumber: WITHHELD, phone: WITHHELD, address: WITHHELD, priorityGroups: ['migrant-worker'] },
    });
    expectNoPersonalValue(JSON.stringify(received));
    // Control: the stored event does hold its personal fields (sealed), so the bus left them out.
    expect(JSON.stringify(stored)).toContain('pii1.');
  });

  it('in its dead-letter queue: the same thin entry', async () => {
    const { stored } = await openCase();
    const { publisher, queues } = await publisherSetup({ putEventsCall: () => true });
    await publisher(streamEvent([insertRecord(stored)]));
    const letters = queues.list('publisher-dlq');
    expect(letters).toHaveLength(1);
    const letter = JSON.parse(letters[0]!.body) as DeadLetter;
    expect(JSON.parse(letter.entry.Detail!)).toMatchObject({ eventId: stored.eventId, hash: stored.hash, data: { matter: WITHHELD } });
    expectNoPersonalValue(letters[0]!.body);
  });

  it('an event of an older schema version with its data withheld whole (the current marks may not find its fields)', async () => {
    // Plain data as stored before sealing, in a shape the current schema's marks were not written for.
    const old = storedLooking({
      type: 'ApplicationReceived',
      schemaVersion: 1,
      data: { ...applicationBody(), applicantName: person.name },
    });
    const { publisher, bus, received } = await publisherSetup();
    await publisher(streamEvent([insertRecord(old)]));
    await bus.idle();
    expect(received.map((r) => r.detail)).toEqual([{ ...old, data: {} }]);
    expectNoPersonalValue(JSON.stringify(received));
  });
});

describe('the replay and the redrive (which read events from the table) put thin entries too', () => {
  it('entryOf withholds every personal field and keeps the hash', async () => {
    const { stored } = await openCase();
    const entry = entryOf(stored, 'thin-bus');
    expect(entry).toMatchObject({ EventBusName: 'thin-bus', Source: EVENT_SOURCE, DetailType: 'ApplicationReceived' });
    expect(JSON.parse(entry.Detail)).toMatchObject({ hash: stored.hash, data: { applicant: { name: WITHHELD }, category: 'labour' } });
    expectNoPersonalValue(entry.Detail);
  });
});

/** The store, counting the reads a projection makes of it. */
const countingStore = () => {
  const reads: { stream: string; from?: number; to?: number }[] = [];
  const reader: StreamReader = {
    readStream: async (stream, options) => {
      reads.push({ stream, ...options });
      return store.readStream(stream, options);
    },
  };
  return { reader, reads };
};

const thin = async (stored: EventEnvelope): Promise<EventEnvelope> => {
  const { publisher, bus, received } = await publisherSetup();
  await publisher(streamEvent([insertRecord(stored)]));
  await bus.idle();
  return received[0]!.detail as EventEnvelope;
};

describe('a projection given a thin event', () => {
  it('that needs a withheld field reads the stored event and keeps the sealed value, never `[withheld]`', async () => {
    const { stored } = await openCase();
    const delivered = await thin(stored);
    // A read model that keeps the applicant's name (as the store holds it: sealed; the gate opens it on read).
    const kept = new Map<string, { version: number; state: { name: string | null } }>();
    const target: StreamTarget<{ name: string | null }> = {
      read: async (stream) => kept.get(stream) ?? null,
      initial: () => ({ name: null }),
      evolve: (_, e) => ({ name: (readEventData(catalogue, e).data as { applicant: { name: string } }).applicant.name }),
      write: async (stream, state, last) => {
        kept.set(stream, { version: last.version, state });
        return true;
      },
    };
    const { reader, reads } = countingStore();
    expect(await applyStreamEvent(target, reader, delivered)).toBe('applied');
    expect(reads).toEqual([{ stream: stored.stream, from: 1, to: 1 }]);
    expect(kept.get(stored.stream)?.state.name).toBe((stored.data.applicant as { name: string }).name);
    expect(kept.get(stored.stream)?.state.name).toMatch(/^pii1\.name\./);
  });

  it('that needs none of them folds it as delivered, with no read of the store', async () => {
    const { caseId, stored } = await openCase();
    const { reader, reads } = countingStore();
    expect(await applyToCaseStatus({ store: reader, caseStatus }, await thin(stored))).toBe('applied');
    expect(reads).toEqual([]);
    expect(await caseStatus.get(caseId, { consistent: true })).toMatchObject({
      version: 1,
      state: { status: 'under-review', caseId, agencyId: 'agency:hz-xihu', category: 'labour' },
    });
  });

  it('withheld whole is read from the store and applied (not marked unreadable)', async () => {
    const { caseId, stored } = await openCase();
    const { reader, reads } = countingStore();
    expect(await applyToCaseStatus({ store: reader, caseStatus }, { ...stored, data: {} })).toBe('applied');
    expect(reads).toEqual([{ stream: stored.stream, from: 1, to: 1 }]);
    expect(await caseStatus.get(caseId, { consistent: true })).toMatchObject({ version: 1, state: { status: 'under-review', caseId } });
  });
});
