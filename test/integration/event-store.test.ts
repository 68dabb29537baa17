import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../events/hash-chain.ts';
import { GENESIS_HASH } from '../../events/envelope.ts';
import { createEventStore, type AppendMeta, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import {
  AppendTooLargeError,
  CorruptEventError,
  IdempotencyKeyReusedError,
  VersionConflictError,
} from '../../functions/lib/event-store/errors.ts';
import { testTables } from '../support/dynamo.ts';

const meta = (over: Partial<AppendMeta> = {}): AppendMeta => ({
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: 'window-1',
  correlationId: randomUUID(),
  ...over,
});
const event = (n: number) => ({ type: 'NoteRecorded', schemaVersion: 1, data: { n } });

let store: EventStore;
let tables: Awaited<ReturnType<typeof testTables>>;
beforeAll(async () => {
  tables = await testTables('store');
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName });
});
const newStream = () => `case#${randomUUID()}`;

describe('append and read', () => {
  it('numbers events from 1, chains their hashes and reads them back', async () => {
    const stream = newStream();
    const first = await store.append(stream, 0, [event(1), event(2)], meta());
    expect(first.events.map((e) => e.version)).toEqual([1, 2]);
    expect(first.events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first.events[1]!.prevHash).toBe(first.events[0]!.hash);
    const second = await store.append(stream, first.head, [event(3)], meta());
    expect(second.events[0]!.version).toBe(3);
    const all = await store.readStream(stream);
    expect(all.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(verifyChain(all)).toBeNull();
    expect(all[0]).toMatchObject({ actor: meta().actor, workstation: 'window-1', type: 'NoteRecorded', schemaVersion: 1 });
  });

  it('accepts a numeric expected version and looks the predecessor up', async () => {
    const stream = newStream();
    await store.append(stream, 0, [event(1)], meta());
    const r = await store.append(stream, 1, [event(2)], meta());
    expect(r.events[0]!.version).toBe(2);
    expect(verifyChain(await store.readStream(stream))).toBeNull();
  });

  it('refuses an expected version beyond the stream end instead of leaving a gap', async () => {
    const stream = newStream();
    await store.append(stream, 0, [event(1)], meta());
    const error = await store.append(stream, 5, [event(2)], meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 5, currentVersion: 1 });
    expect((await store.readStream(stream)).length).toBe(1);
  });

  it('reads a range in pages, consistently', async () => {
    const stream = newStream();
    await store.append(
      stream,
      0,
      Array.from({ length: 25 }, (_, i) => event(i + 1)),
      meta(),
    );
    const page1 = await store.readPage(stream, { from: 3, to: 20, limit: 10 });
    expect(page1.events.map((e) => e.version)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(page1.nextFrom).toBe(13);
    const page2 = await store.readPage(stream, { from: page1.nextFrom!, to: 20, limit: 10 });
    expect(page2.events.map((e) => e.version)).toEqual([13, 14, 15, 16, 17, 18, 19, 20]);
    expect(page2.nextFrom).toBeNull();
    expect((await store.readStream(stream, { from: 24 })).map((e) => e.version)).toEqual([24, 25]);
    expect(await store.head(stream)).toMatchObject({ version: 25 });
  });

  it('reports the head of an empty stream as version 0 and the genesis hash', async () => {
    expect(await store.head(newStream())).toMatchObject({ version: 0, hash: GENESIS_HASH });
  });
});

describe('optimistic concurrency', () => {
  it('lets exactly one of 20 concurrent appends at the same version win, without gap or duplicate', async () => {
    const stream = newStream();
    const base = await store.append(stream, 0, [event(0)], meta());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append(stream, base.head, [event(100 + i), event(200 + i)], meta())),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(VersionConflictError);
      expect(l.reason).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, currentVersion: 3 });
    }
    const all = await store.readStream(stream);
    expect((lost[0]!.reason as VersionConflictError).since?.get(stream)).toEqual(all.slice(1));
    expect(all.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(verifyChain(all)).toBeNull();
  });

  it('writes all events of a multi-stream append or none of them', async () => {
    const a = newStream();
    const b = newStream();
    await store.append(b, 0, [event(1)], meta());
    // b is at 1, so expecting 0 there must fail, and a must stay empty.
    const error = await store
      .appendMany(
        [
          { stream: a, expected: 0, events: [event(1), event(2)] },
          { stream: b, expected: { stream: b, version: 0, hash: GENESIS_HASH }, events: [event(2)] },
        ],
        meta(),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ stream: b, currentVersion: 1 });
    // What the clash read comes with it, per stream: b's event past the expected version, nothing of a.
    const since = (error as VersionConflictError).since!;
    expect(since.get(a)).toEqual([]);
    expect(since.get(b)).toEqual(await store.readStream(b));
    expect(await store.readStream(a)).toEqual([]);
    const ok = await store.appendMany(
      [
        { stream: a, expected: 0, events: [event(1)] },
        { stream: b, expected: 1, events: [event(2)] },
      ],
      meta(),
    );
    expect(ok.map((r) => r.head.version)).toEqual([1, 2]);
  });
});

describe('idempotency', () => {
  it('returns the first result and writes nothing for a sequential retry with the same key', async () => {
    const stream = newStream();
    const token = { key: `k-${randomUUID()}`, requestHash: 'a'.repeat(64) };
    const first = await store.append(stream, 0, [event(1), event(2)], meta({ idempotency: token }));
    const retry = await store.append(stream, 0, [event(1), event(2)], meta({ idempotency: token }));
    expect(retry.replayed).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect((await store.readStream(stream)).length).toBe(2);
  });

  it('writes one effect when ten copies with the same key race', async () => {
    const stream = newStream();
    const token = { key: `k-${randomUUID()}`, requestHash: 'b'.repeat(64) };
    const results = await Promise.all(Array.from({ length: 10 }, () => store.append(stream, 0, [event(1)], meta({ idempotency: token }))));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.events[0]!.eventId)).size).toBe(1);
    expect((await store.readStream(stream)).length).toBe(1);
  });

  it('refuses the same key for a different request', async () => {
    const stream = newStream();
    const key = `k-${randomUUID()}`;
    await store.append(stream, 0, [event(1)], meta({ idempotency: { key, requestHash: 'c'.repeat(64) } }));
    const error = await store
      .append(stream, 0, [event(9)], meta({ idempotency: { key, requestHash: 'd'.repeat(64) } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await store.readStream(stream)).length).toBe(1);
  });

  it('still reports a real conflict when the key is new', async () => {
    const stream = newStream();
    await store.append(stream, 0, [event(1)], meta());
    const error = await store
      .append(stream, 0, [event(2)], meta({ idempotency: { key: 'new', requestHash: 'e'.repeat(64) } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
  });
});

describe('limits and bad data', () => {
  it('refuses more than 100 events in one command before writing anything', async () => {
    const stream = newStream();
    const error = await store
      .append(
        stream,
        0,
        Array.from({ length: 101 }, (_, i) => event(i)),
        meta(),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendTooLargeError);
    expect(await store.readStream(stream)).toEqual([]);
  });

  it('refuses an event too large for one EventBridge entry', async () => {
    const stream = newStream();
    const big = { type: 'NoteRecorded', schemaVersion: 1, data: { text: 'x'.repeat(250 * 1024) } };
    await expect(store.append(stream, 0, [big], meta())).rejects.toBeInstanceOf(AppendTooLargeError);
  });

  it('names the stream and version of an item it cannot read', async () => {
    const stream = newStream();
    await store.append(stream, 0, [event(1)], meta());
    await tables.client.send(
      new PutItemCommand({
        TableName: tables.eventsTableName,
        Item: { stream: { S: stream }, version: { N: '2' }, type: { S: 'Broken' } },
      }),
    );
    const error = await store.readStream(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptEventError);
    expect(error).toMatchObject({ stream, version: 2 });
  });
});
