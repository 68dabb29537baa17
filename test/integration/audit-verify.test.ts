import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashEvent } from '../../events/hash-chain.ts';
import { readRawStream, scanRawStreams } from '../../functions/lib/audit/raw-events.ts';
import { verifyCase, verifyTable } from '../../functions/lib/audit/verify-store.ts';
import { verifyRawItems } from '../../functions/lib/audit/verify.ts';
import { createEventStore, type AppendMeta, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { createCaseStatusTable, type CaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { initialCaseState } from '../../domain/case/state.ts';
import { testTables } from '../support/dynamo.ts';

// The verifier against DynamoDB Local: stored items are tampered with directly, as an intruder with
// table access would, and each kind of tampering must be found at the right version.

const meta: AppendMeta = {
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: 'window-1',
  correlationId: 'c-1',
};
const note = (n: number, pad = 0) => ({
  type: 'NoteRecorded',
  schemaVersion: 1,
  data: { n, text: '身份证号 330106199001011234', pad: 'x'.repeat(pad) },
});

let tables: Awaited<ReturnType<typeof testTables>>;
let store: EventStore;
let caseStatus: CaseStatusTable;
const ref = () => ({ client: tables.client, tableName: tables.eventsTableName });

beforeAll(async () => {
  tables = await testTables('audit-verify');
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName });
  caseStatus = createCaseStatusTable({ client: tables.client, tableName: tables.readModelsTableName });
});

/** A case stream of `n` events, and a read model that has applied all of them. */
const newCase = async (n: number, pad = 0) => {
  const caseId = randomUUID();
  const stream = `case#${caseId}`;
  for (let i = 0; i < n; i += 10)
    await store.append(
      stream,
      i,
      Array.from({ length: Math.min(10, n - i) }, (_, j) => note(i + j + 1, pad)),
      meta,
    );
  await caseStatus.put({
    caseId,
    version: n,
    state: { ...initialCaseState(), caseId, agencyId: 'agency:hz-xihu' },
    updatedAt: new Date().toISOString(),
  });
  return { caseId, stream, events: await store.readStream(stream) };
};
const key = (stream: string, version: number) => ({ stream: { S: stream }, version: { N: String(version) } });
const getItem = async (stream: string, version: number) =>
  (await tables.client.send(new GetItemCommand({ TableName: tables.eventsTableName, Key: key(stream, version), ConsistentRead: true })))
    .Item!;
const putItem = (Item: Record<string, AttributeValue>) =>
  tables.client.send(new PutItemCommand({ TableName: tables.eventsTableName, Item }));
const deleteItem = (stream: string, version: number) =>
  tables.client.send(new DeleteItemCommand({ TableName: tables.eventsTableName, Key: key(stream, version) }));

describe('verifying one case from the table', () => {
  it('verifies an intact chain and names its head', async () => {
    const c = await newCase(5);
    expect(await verifyCase({ events: ref(), caseStatus }, c.caseId)).toEqual({
      stream: c.stream,
      events: 5,
      verified: true,
      firstBreak: null,
      headHash: c.events[4]!.hash,
      lastVersion: 5,
      readModelVersion: 5,
    });
  });

  it('finds altered data at its version (HASH_MISMATCH)', async () => {
    const c = await newCase(5);
    const item = await getItem(c.stream, 2);
    item.data!.M!.n = { N: '200' };
    await putItem(item);
    expect((await verifyCase({ events: ref(), caseStatus }, c.caseId)).firstBreak).toMatchObject({
      version: 2,
      eventId: c.events[1]!.eventId,
      reason: 'HASH_MISMATCH',
    });
  });

  it('finds altered data whose hash was recomputed at the next link (PREDECESSOR_MISMATCH)', async () => {
    const c = await newCase(5);
    const { hash: _old, ...rest } = { ...c.events[2]!, data: { ...c.events[2]!.data, n: 300 } };
    await putItem(marshall({ ...rest, hash: hashEvent(rest) }));
    expect((await verifyCase({ events: ref(), caseStatus }, c.caseId)).firstBreak).toMatchObject({
      version: 4,
      eventId: c.events[3]!.eventId,
      reason: 'PREDECESSOR_MISMATCH',
    });
  });

  it('finds a removed first or middle event (VERSION_GAP)', async () => {
    const a = await newCase(4);
    await deleteItem(a.stream, 1);
    expect((await verifyCase({ events: ref(), caseStatus }, a.caseId)).firstBreak).toMatchObject({
      version: 1,
      eventId: null,
      reason: 'VERSION_GAP',
    });
    const b = await newCase(4);
    await deleteItem(b.stream, 3);
    expect((await verifyCase({ events: ref(), caseStatus }, b.caseId)).firstBreak).toMatchObject({
      version: 3,
      reason: 'VERSION_GAP',
      detail: 'version 3 is missing; found 4 next',
    });
  });

  it('finds removed last events through the read model (TRUNCATED), and cannot without it', async () => {
    const c = await newCase(5);
    await deleteItem(c.stream, 5);
    await deleteItem(c.stream, 4);
    const report = await verifyCase({ events: ref(), caseStatus }, c.caseId);
    expect(report).toMatchObject({
      verified: false,
      events: 3,
      lastVersion: 3,
      readModelVersion: 5,
      headHash: c.events[2]!.hash,
      firstBreak: { version: 4, reason: 'TRUNCATED' },
    });
    expect(report.firstBreak!.detail).toContain('last 2 event(s) were removed');
    // The documented limitation: the chain alone cannot show that its end is gone.
    expect(await verifyCase({ events: ref(), caseStatus: null }, c.caseId)).toMatchObject({ verified: true, readModelVersion: null });
  });

  it('reports items that are no longer envelopes instead of throwing, naming the field but not the value', async () => {
    const c = await newCase(4);
    const item = await getItem(c.stream, 3);
    delete item.hash;
    await putItem(item);
    const report = await verifyCase({ events: ref(), caseStatus }, c.caseId);
    expect(report.firstBreak).toMatchObject({ version: 3, eventId: c.events[2]!.eventId, reason: 'INVALID_ENVELOPE' });
    expect(report.firstBreak!.detail).toContain('hash');

    const d = await newCase(3);
    const big = await getItem(d.stream, 2);
    big.data!.M!.n = { N: '330106199001011234567' }; // beyond 2^53: the unmarshaller refuses it
    await putItem(big);
    const bigReport = await verifyCase({ events: ref(), caseStatus }, d.caseId);
    expect(bigReport.firstBreak).toMatchObject({ version: 2, reason: 'INVALID_ENVELOPE' });
    expect(JSON.stringify(bigReport)).not.toContain('330106199001011234567');
  });

  it('reports a gap before an unreadable item as the first break', async () => {
    const c = await newCase(5);
    await deleteItem(c.stream, 2);
    const item = await getItem(c.stream, 4);
    item.type = { N: '1' };
    await putItem(item);
    expect((await verifyCase({ events: ref(), caseStatus }, c.caseId)).firstBreak).toMatchObject({
      version: 2,
      reason: 'VERSION_GAP',
      detail: 'version 2 is missing; found 3 next',
    });
  });

  it('reads streams larger than one DynamoDB page (Query and Scan pagination)', async () => {
    const c = await newCase(130, 9000); // ~1.2 MB: more than one 1 MB page
    const items = await readRawStream(ref(), c.stream);
    expect(items).toHaveLength(130);
    expect(verifyRawItems(c.stream, items).verified).toBe(true);
    const streams = await scanRawStreams(ref(), { segments: 2 });
    expect(streams.get(c.stream)?.map((i) => Number(i.version!.N))).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
  });
});

describe('verifying the whole table', () => {
  it('verifies every stream, lists exactly the broken ones, and finds a case whose events are all gone', async () => {
    const own = await testTables('audit-verify-all');
    const ownStore = createEventStore({ client: own.client, tableName: own.eventsTableName });
    const ownStatus = createCaseStatusTable({ client: own.client, tableName: own.readModelsTableName });
    const ids = Array.from({ length: 6 }, () => randomUUID());
    for (const id of ids) {
      await ownStore.append(`case#${id}`, 0, [note(1), note(2), note(3)], meta);
      await ownStatus.put({ caseId: id, version: 3, state: { ...initialCaseState(), caseId: id }, updatedAt: new Date().toISOString() });
    }
    await ownStore.append('worker#w-1', 0, [note(1)], meta); // not a case: no read-model check
    const del = (stream: string, version: number) =>
      own.client.send(new DeleteItemCommand({ TableName: own.eventsTableName, Key: key(stream, version) }));
    await del(`case#${ids[1]!}`, 2);
    for (const v of [1, 2, 3]) await del(`case#${ids[2]!}`, v);
    await del(`case#${ids[3]!}`, 3);

    const result = await verifyTable({
      events: { client: own.client, tableName: own.eventsTableName },
      readModels: { client: own.client, tableName: own.readModelsTableName },
      segments: 3,
    });
    expect(result.streams).toBe(7);
    expect(result.events).toBe(3 * 6 - 1 - 3 - 1 + 1);
    expect(result.broken.map((r) => [r.stream, r.firstBreak!.version, r.firstBreak!.reason]).sort()).toEqual(
      [
        [`case#${ids[1]!}`, 2, 'VERSION_GAP'],
        [`case#${ids[2]!}`, 1, 'TRUNCATED'],
        [`case#${ids[3]!}`, 3, 'TRUNCATED'],
      ].sort(),
    );
    const withoutReadModels = await verifyTable({ events: { client: own.client, tableName: own.eventsTableName }, readModels: null });
    expect(withoutReadModels.broken.map((r) => r.stream)).toEqual([`case#${ids[1]!}`]);
  });
});
