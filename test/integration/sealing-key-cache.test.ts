import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { ERASED } from '../../events/personal/marks.ts';
import { localDynamoClient } from '../../infra/local/dynamodb-local.ts';
import { VersionConflictError } from '../../functions/lib/event-store/errors.ts';
import { createEventStore, type AppendMeta, type EventStore, type StreamHead } from '../../functions/lib/event-store/event-store.ts';
import { HttpError } from '../../functions/lib/http/http-error.ts';
import { createKeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { openPersonal } from '../../functions/lib/privacy/open-personal.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { parseSealed } from '../../functions/lib/privacy/sealed-value.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { withProblem } from '../support/problem.ts';

// Sealing keeps the data keys a container used (key-store.ts `sealingKey`) instead of reading the
// keys table on every append; sealer.ts argues why a key destroyed by another container's erasure is
// still never used to store new data. Each "container" here is what one Lambda instance holds: its
// own client, key store (and so its own cache), sealing store and command handler, over shared tables.

const master = Buffer.alloc(32, 5);
const now = new Date('2026-03-02T02:00:00Z');
const reviewer = { sub: 'reviewer-hz-01', role: 'agency-reviewer', org: 'agency:hz-xihu' };
const bureau = { sub: 'bureau-officer-wu', role: 'administrator', org: 'justice-bureau:hz-xihu' };
const reader = { role: 'agency-reviewer', organisation: 'agency:hz-xihu' };

let tables: Awaited<ReturnType<typeof testTables>>;
beforeAll(async () => {
  tables = await testTables('seal-cache');
});

/** Counts this client's requests to the keys table by record (`GetItem` reads, `PutItem` writes). */
const countKeyTable = (client: DynamoDBClient) => {
  const reads = new Map<string, number>();
  const puts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; Key?: { pk?: { S?: string } }; Item?: { pk?: { S?: string } } };
      if (input.TableName === tables.keysTableName) {
        if (context.commandName === 'GetItemCommand') reads.set(input.Key!.pk!.S!, (reads.get(input.Key!.pk!.S!) ?? 0) + 1);
        if (context.commandName === 'PutItemCommand') puts.set(input.Item!.pk!.S!, (puts.get(input.Item!.pk!.S!) ?? 0) + 1);
      }
      return next(args);
    },
    { step: 'initialize', name: 'countKeyTable' },
  );
  return { readsOf: (stream: string) => reads.get(`key#${stream}`) ?? 0, putsOf: (stream: string) => puts.get(`key#${stream}`) ?? 0 };
};

/**
 * One container. `beforeAppendTo(stream, run)`: the next append to that stream first runs `run`
 * (what another container does between this one's read and its append).
 */
const container = ({ sealingCacheSize }: { sealingCacheSize?: number } = {}) => {
  const client = localDynamoClient(tables.endpoint);
  const keyTable = countKeyTable(client);
  const keys = createKeyStore({
    client,
    tableName: tables.keysTableName,
    wrapper: localKeyWrapper(master),
    ...(sealingCacheSize ? { sealingCacheSize } : {}),
  });
  const real = createEventStore({ client, tableName: tables.eventsTableName, sealer: createPersonalSealer({ keys, catalogue }) });
  let pending: { stream: string; run: () => Promise<void> } | null = null;
  const interleave = async (streams: readonly string[]) => {
    if (!pending || !streams.includes(pending.stream)) return;
    const { run } = pending;
    pending = null;
    await run();
  };
  const store: EventStore = {
    ...real,
    append: async (stream, expected, events, meta) => {
      await interleave([stream]);
      return real.append(stream, expected, events, meta);
    },
    appendMany: async (requests, meta) => {
      await interleave(requests.map((r) => r.stream));
      return real.appendMany(requests, meta);
    },
  };
  return {
    keys,
    store,
    keyTable,
    post: inProcessCommands({ store, keys, clock: () => now }),
    beforeAppendTo: (stream: string, run: () => Promise<void>) => {
      pending = { stream, run };
    },
  };
};

const meta = (): AppendMeta => ({
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: randomUUID(),
});
const received = (stream: string) => ({
  type: 'ApplicationReceived',
  schemaVersion: 2,
  data: catalogue
    .get('ApplicationReceived')!
    .schema.parse({ ...applicationBody(), caseId: stream.slice('case#'.length), receivedAt: '2026-03-02T01:00:00Z' }) as Record<
    string,
    unknown
  >,
});
const appendReceived = (c: ReturnType<typeof container>, stream: string, head: number | StreamHead) =>
  c.store.append(stream, head, [received(stream)], meta());

/** What any container shows the record's stored events as, opened by a key store with no cache of its own. */
const shownAfresh = async (stream: string) => {
  const fresh = createKeyStore({ client: tables.client, tableName: tables.keysTableName, wrapper: localKeyWrapper(master) });
  const events = await createEventStore({ client: tables.client, tableName: tables.eventsTableName }).readStream(stream);
  return { events, text: JSON.stringify((await openPersonal(fresh, reader, events)).value) };
};

const openCase = async (c: ReturnType<typeof container>) => {
  const opened = await c.post<{ caseId: string }>(reviewer, '/applications', applicationBody());
  expect(opened.status).toBe(201);
  return { caseId: opened.body.caseId, stream: `case#${opened.body.caseId}` };
};
const erase = (c: ReturnType<typeof container>, caseId: string) =>
  c.post(bureau, '/personal-data/erasures', {
    recordKind: 'case',
    recordId: caseId,
    legalBasis: 'processing-unlawful',
    reason: 'the application was recorded without a lawful basis',
  });
const withdrawNote = '申请人撤回：已搬往外省';
const withdraw = (c: ReturnType<typeof container>, caseId: string) =>
  c.post(reviewer, `/cases/${caseId}/withdrawal`, { note: withdrawNote });

describe('the key a container seals with', () => {
  it('is put once when the record opens and read at most once by any other container', async () => {
    const a = container();
    const stream = `case#${randomUUID()}`;
    let head = (await appendReceived(a, stream, 0)).head;
    expect(a.keyTable.putsOf(stream)).toBe(1);
    for (let i = 0; i < 3; i++) head = (await appendReceived(a, stream, head)).head;
    expect(a.keyTable.readsOf(stream)).toBe(0);

    const b = container();
    for (let i = 0; i < 3; i++) head = (await appendReceived(b, stream, head)).head;
    expect(b.keyTable.readsOf(stream)).toBe(1);
    expect(b.keyTable.putsOf(stream)).toBe(0);

    // Every event is sealed under the record's one key and opens for a reader anywhere.
    const { events, text } = await shownAfresh(stream);
    expect(events).toHaveLength(7);
    expect(verifyChain(events)).toBeNull();
    for (const e of events) expect(parseSealed((e.data.applicant as Record<string, string>).name!)?.keyId).toBe(stream);
    expect(text.match(/张三/g)).toHaveLength(7);
  });

  it('is read again once the bounded cache has let it go, least recently used first', async () => {
    const a = container({ sealingCacheSize: 2 });
    const [x, y, z] = [`case#${randomUUID()}`, `case#${randomUUID()}`, `case#${randomUUID()}`];
    const heads = new Map<string, StreamHead>();
    for (const s of [x, y, z]) heads.set(s, (await appendReceived(a, s, 0)).head);
    // x went when z came; reading it back again lets y go; z stays.
    for (const s of [x, z, y]) heads.set(s, (await appendReceived(a, s, heads.get(s)!)).head);
    expect([x, y, z].map((s) => a.keyTable.readsOf(s))).toEqual([1, 1, 0]);
    for (const s of [x, y, z]) expect((await shownAfresh(s)).text.match(/张三/g)).toHaveLength(2);
  });

  it('is never used once another container erased the record: the next command is refused, an append read before fails', async () => {
    const [a, b] = [container(), container()];
    const { caseId, stream } = await openCase(a);
    const readBefore = await a.store.head(stream);

    expect((await erase(b, caseId)).status).toBe(200);
    expect(await b.keys.tombstoneOf(stream)).not.toBeNull();

    expect(withProblem(await withdraw(a, caseId))).toMatchObject({ status: 409, body: { code: 'RECORD_ERASED' } });
    // A command that read the stream before the erasure: sealed with the key still cached, but its
    // conditional append finds the version taken by the erasure, so nothing is stored.
    const late = await appendReceived(a, stream, readBefore).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(VersionConflictError);
    expect(a.keyTable.readsOf(stream)).toBe(0);

    const { events, text } = await shownAfresh(stream);
    expect(events.map((e) => e.type)).toEqual(['ApplicationReceived', 'PersonalDataErased']);
    expect(verifyChain(events)).toBeNull();
    expect(text).not.toContain('张三');
  });

  it("an erasure landing between a command's read and its append: the append fails, the retry is refused", async () => {
    const [a, b] = [container(), container()];
    const { caseId, stream } = await openCase(a);
    a.beforeAppendTo(stream, async () => {
      expect((await erase(b, caseId)).status).toBe(200);
    });

    expect(withProblem(await withdraw(a, caseId))).toMatchObject({ status: 409, body: { code: 'RECORD_ERASED' } });
    const { events } = await shownAfresh(stream);
    expect(events.map((e) => e.type)).toEqual(['ApplicationReceived', 'PersonalDataErased']);
    expect(verifyChain(events)).toBeNull();
    expect(await b.keys.tombstoneOf(stream)).not.toBeNull();
  });

  it("a command's append landing before the erasure's: the erasure follows it, and its data is erased with the rest", async () => {
    const [a, b] = [container(), container()];
    const { caseId, stream } = await openCase(a);
    b.beforeAppendTo(stream, async () => {
      expect((await withdraw(a, caseId)).status).toBe(200);
    });

    expect((await erase(b, caseId)).status).toBe(200);
    const { events, text } = await shownAfresh(stream);
    expect(events.map((e) => e.type)).toEqual(['ApplicationReceived', 'ApplicationWithdrawn', 'PersonalDataErased']);
    expect(parseSealed(events[1]!.data.note as string)?.keyId).toBe(stream);
    expect(verifyChain(events)).toBeNull();
    expect(text).not.toContain(withdrawNote);
    expect(text).not.toContain('张三');
    expect(text).toContain(ERASED);
  });

  it('a key destroyed with no erasure event (by hand) seals in a container that cached it: that data opens as erased and the chain holds', async () => {
    const [a, b, c] = [container(), container(), container()];
    const stream = `case#${randomUUID()}`;
    const { head } = await appendReceived(a, stream, 0);
    await b.keys.destroy(stream, { eventId: randomUUID(), reason: 'destroyed outside the erasure command' });

    // The one case the stream does not guard: a's cache still holds the key, and the append goes through.
    const sealedAfter = await appendReceived(a, stream, head);
    expect(sealedAfter.events).toHaveLength(1);
    // A container without it reads the tombstone and refuses.
    const refused = await appendReceived(c, stream, sealedAfter.head).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).code).toBe('PERSONAL_DATA_ERASED');

    const { events, text } = await shownAfresh(stream);
    expect(events).toHaveLength(2);
    expect(verifyChain(events)).toBeNull();
    expect(text).not.toContain('张三');
    expect((JSON.parse(text) as { data: { applicant: { name: string } } }[]).map((e) => e.data.applicant.name)).toEqual([ERASED, ERASED]);

    // Recording the erasure afterwards (the command accepts a key already destroyed) closes the gap.
    const caseId = stream.slice('case#'.length);
    expect((await erase(b, caseId)).status).toBe(200);
    expect(withProblem(await withdraw(a, caseId))).toMatchObject({ status: 409, body: { code: 'RECORD_ERASED' } });
    expect(verifyChain((await shownAfresh(stream)).events)).toBeNull();
  });
});
