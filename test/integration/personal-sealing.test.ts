import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { ERASED } from '../../events/personal/marks.ts';
import { createEventStore, type AppendMeta, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { HttpError } from '../../functions/lib/http/http-error.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { openPersonal, UNREADABLE } from '../../functions/lib/privacy/open-personal.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { parseSealed } from '../../functions/lib/privacy/sealed-value.ts';
import { withholdPersonal } from '../../functions/lib/privacy/withhold.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';

const meta = (): AppendMeta => ({
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: randomUUID(),
});
const reviewer = { role: 'agency-reviewer', organisation: 'agency:hz-xihu' };
const supervisor = { role: 'supervisor', organisation: 'agency:hz-xihu' };
const auditor = { role: 'auditor', organisation: 'justice-bureau:hz-xihu' };

const received = (caseId: string, over: Record<string, unknown> = {}) => ({
  type: 'ApplicationReceived',
  schemaVersion: 2,
  data: catalogue
    .get('ApplicationReceived')!
    .schema.parse({ ...applicationBody(over), caseId, receivedAt: '2026-03-02T01:00:00Z' }) as Record<string, unknown>,
});
const plainValues = ['张三', '330106199001011234', '13800000000', '杭州市西湖区文三路 1 号', '拖欠工资 8 个月'];

let tables: Awaited<ReturnType<typeof testTables>>;
let keys: KeyStore;
let store: EventStore;
beforeAll(async () => {
  tables = await testTables('sealing');
  keys = createKeyStore({ client: tables.client, tableName: tables.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 7)) });
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName, sealer: createPersonalSealer({ keys, catalogue }) });
});

const rawItemText = async (stream: string, version: number) => {
  const out = await tables.client.send(
    new GetItemCommand({ TableName: tables.eventsTableName, Key: { stream: { S: stream }, version: { N: String(version) } } }),
  );
  return JSON.stringify(out.Item);
};

describe('sealing on append', () => {
  it('stores no personal value in plain, under a chain that verifies and data the catalogue reads back', async () => {
    const stream = `case#${randomUUID()}`;
    await store.append(stream, 0, [received(stream.slice(5))], meta());
    const text = await rawItemText(stream, 1);
    for (const value of plainValues) expect(text).not.toContain(value);
    const [stored] = await store.readStream(stream);
    expect(verifyChain([stored!])).toBeNull();
    const data = readEventData(catalogue, stored!).data as { applicant: Record<string, string>; category: string };
    expect(parseSealed(data.applicant.identityNumber!)).toMatchObject({ kind: 'identity-number', keyId: stream, minor: false });
    // Facts stay facts: what reports count is not sealed.
    expect(data.category).toBe('labour');
  });

  it('seals a minor applicant with the minor flag', async () => {
    const stream = `case#${randomUUID()}`;
    const minor = { ...applicationBody().applicant, priorityGroups: ['minor'] };
    await store.append(stream, 0, [received(stream.slice(5), { applicant: minor })], meta());
    const [stored] = await store.readStream(stream);
    expect(parseSealed((stored!.data.applicant as Record<string, string>).name!)?.minor).toBe(true);
  });

  it('seals equal values to different tokens, so a token says nothing about its value', async () => {
    const a = `case#${randomUUID()}`;
    await store.append(a, 0, [received(a.slice(5)), received(a.slice(5))], meta());
    const [first, second] = await store.readStream(a);
    expect((first!.data.applicant as Record<string, string>).identityNumber).not.toBe(
      (second!.data.applicant as Record<string, string>).identityNumber,
    );
  });

  it("re-seals a value copied from another record under this record's own key", async () => {
    const from = `referral#${randomUUID()}`;
    const to = `case#${randomUUID()}`;
    await store.append(from, 0, [received(to.slice(5))], meta());
    const [source] = await store.readStream(from);
    await store.append(to, 0, [{ type: 'ApplicationReceived', schemaVersion: 2, data: source!.data }], meta());
    const [copy] = await store.readStream(to);
    const token = parseSealed((copy!.data.applicant as Record<string, string>).name!);
    expect(token?.keyId).toBe(to);
    const opened = await openPersonal(keys, reviewer, copy!.data);
    expect((opened.value.applicant as Record<string, string>).name).toBe('张三');
    expect(opened.subjects).toEqual([to]);
  });
});

describe('opening at the edge', () => {
  it('opens in full for a role with the need and masks by kind for one without', async () => {
    const stream = `case#${randomUUID()}`;
    const { events } = await store.append(stream, 0, [received(stream.slice(5))], meta());
    const full = await openPersonal(keys, reviewer, events[0]!.data);
    expect(full.value.applicant).toMatchObject({ name: '张三', identityNumber: '330106199001011234', phone: '13800000000' });
    expect(full.value.matter).toBe('拖欠工资 8 个月');
    expect(full).toMatchObject({ subjects: [stream], shown: 'full' });
    const masked = await openPersonal(keys, supervisor, events[0]!.data);
    expect(masked.value.applicant).toMatchObject({ name: '张*', identityNumber: '330106********1234', phone: '*******0000' });
    expect(masked.value.matter).toBe('[masked]');
    expect(masked).toMatchObject({ subjects: [stream], shown: 'masked' });
  });

  it("shows a minor's values masked to an auditor, who otherwise sees data in full", async () => {
    const stream = `case#${randomUUID()}`;
    const minor = { ...applicationBody().applicant, priorityGroups: ['minor'] };
    const { events } = await store.append(stream, 0, [received(stream.slice(5), { applicant: minor })], meta());
    expect((await openPersonal(keys, auditor, events[0]!.data)).value.applicant).toMatchObject({ name: '张*' });
    expect((await openPersonal(keys, reviewer, events[0]!.data)).value.applicant).toMatchObject({ name: '张三' });
    const aidWorker = { role: 'aid-worker', organisation: 'agency:hz-xihu' };
    expect((await openPersonal(keys, aidWorker, events[0]!.data)).value.applicant).toMatchObject({ name: '张三' });
  });

  it('refuses to open a token relabelled as another kind (to escape its masking)', async () => {
    const stream = `case#${randomUUID()}`;
    const { events } = await store.append(stream, 0, [received(stream.slice(5))], meta());
    const matter = events[0]!.data.matter as string;
    const relabelled = matter.replace('pii1.free-text.', 'pii1.birth-date.');
    expect((await openPersonal(keys, supervisor, { matter: relabelled })).value.matter).toBe(UNREADABLE);
  });
});

describe('erasure by destroying the key', () => {
  it('shows every personal value as erased, keeps the chain verifying and takes no new personal data', async () => {
    const stream = `case#${randomUUID()}`;
    const { events } = await store.append(stream, 0, [received(stream.slice(5))], meta());
    await keys.destroy(stream, { eventId: randomUUID(), reason: 'retention ended' });
    await keys.destroy(stream, { eventId: randomUUID(), reason: 'a retry' });
    expect((await keys.tombstoneOf(stream))?.reason).toBe('retention ended');
    const opened = await openPersonal(keys, reviewer, (await store.readStream(stream))[0]!.data);
    expect(opened.value.applicant).toMatchObject({ name: ERASED, identityNumber: ERASED, phone: ERASED });
    expect(JSON.stringify(opened.value)).not.toMatch(/张三|330106199001011234/);
    expect(verifyChain(await store.readStream(stream))).toBeNull();
    const refused = await store.append(stream, events[0]!.version, [received(stream.slice(5))], meta()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).code).toBe('PERSONAL_DATA_ERASED');
    // Events without personal data still go on (the erasure itself, a closing's facts).
    const fact = await store.append(
      stream,
      1,
      [
        {
          type: 'ApplicationWithdrawn',
          schemaVersion: 1,
          data: { reason: 'applicant-request', note: ERASED, withdrawnAt: '2026-03-03T00:00:00Z' },
        },
      ],
      meta(),
    );
    expect(fact.events).toHaveLength(1);
  });
});

describe('keys', () => {
  it('makes one key for a record however many requests race to make it', async () => {
    const keyId = `case#${randomUUID()}`;
    const made = await Promise.all(Array.from({ length: 8 }, () => keys.dataKey(keyId, { create: true })));
    const distinct = new Set(made.map((k) => (Buffer.isBuffer(k) ? k.toString('hex') : String(k))));
    expect(distinct.size).toBe(1);
    expect(Buffer.isBuffer(made[0])).toBe(true);
  });

  it('reads many records at once, telling destroyed from never made', async () => {
    const [a, b, c] = [`case#${randomUUID()}`, `case#${randomUUID()}`, `case#${randomUUID()}`];
    await keys.dataKey(a, { create: true });
    await keys.dataKey(b, { create: true });
    await keys.destroy(b, { eventId: randomUUID(), reason: 'test' });
    const found = await keys.dataKeys([a, b, c]);
    expect(Buffer.isBuffer(found.get(a))).toBe(true);
    expect(found.get(b)).toBe('destroyed');
    expect(found.get(c)).toBeNull();
  });

  it('does not unwrap under another master key', async () => {
    const keyId = `case#${randomUUID()}`;
    await keys.dataKey(keyId, { create: true });
    const other = createKeyStore({ client: tables.client, tableName: tables.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 9)) });
    await expect(other.dataKey(keyId)).rejects.toThrow();
  });
});

describe('the bus', () => {
  it('carries every personal field withheld and the facts as they are', async () => {
    const stream = `case#${randomUUID()}`;
    const { events } = await store.append(stream, 0, [received(stream.slice(5))], meta());
    const { envelope, withheld } = withholdPersonal(catalogue, events[0]!);
    expect(withheld).toBe(true);
    expect(envelope.data.applicant).toMatchObject({ name: '[withheld]', identityNumber: '[withheld]', priorityGroups: ['migrant-worker'] });
    expect(JSON.stringify(envelope)).not.toContain('pii1.');
    expect(envelope.hash).toBe(events[0]!.hash);
  });
});
