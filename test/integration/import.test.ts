import { randomBytes } from 'node:crypto';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { importBatch } from '../../functions/api/imports/import-batch.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import { createKeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { requestHashKey } from '../../functions/lib/privacy/request-hash-key.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { createRegistrySource } from '../../functions/lib/registry/registry-source.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { importedIdOf } from '../../functions/lib/import/record-ids.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { testTables } from '../support/dynamo.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { numbered, smallImport } from '../support/import-file.ts';
import { people } from '../support/recorded-history.ts';

// The import engine in-process on DynamoDB Local, with sealing and the request-hash secret as the
// command Lambda has them: a small 2018 file, a forbidden record in it, a re-run, a dry run, and
// live numbering after legacy numbers. Each test on tables of its own.

const NOW = Date.parse('2026-11-02T10:00:00+08:00');
const SYSTEM = 'xh-legacy';
const batch = { system: SYSTEM, batch: 'test-1', importedBy: 'admin-zhou' };
const caseStreamOf = (record: string) => `case#${importedIdOf(SYSTEM, record)}`;

const fresh = async () => {
  const t = await testTables('import');
  const keys = createKeyStore({ client: t.client, tableName: t.keysTableName, wrapper: localKeyWrapper(randomBytes(32)) });
  const store = createEventStore({
    client: t.client,
    tableName: t.eventsTableName,
    sealer: createPersonalSealer({ keys, catalogue }),
    clock: () => new Date(NOW),
  });
  await loadSeed(store);
  const deps = { store, clock: () => new Date(NOW), registry: createRegistrySource(store), keys, requestHashKey: requestHashKey(keys) };
  return { t, keys, store, deps, snapshot: () => everyEvent(t.client, t.eventsTableName) };
};

/** Every event of the table, by stream and version. */
const everyEvent = async (client: DynamoDBClient, tableName: string) => {
  const items = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map(fromItem));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items.sort((a, b) => a.stream.localeCompare(b.stream) || a.version - b.version);
};
const heads = (events: Awaited<ReturnType<typeof everyEvent>>) => new Map(events.map((e) => [e.stream, `${e.version}:${e.hash}`]));

describe('importing a small 2018 file', () => {
  it('stores every line of an allowed file, each event with its provenance and both times', async () => {
    const { store, deps } = await fresh();
    const lines = numbered(smallImport());
    const { outcomes, summary } = await importBatch(deps, batch, lines);
    expect(outcomes.filter((o) => o.status !== 'accepted')).toEqual([]);
    expect(summary.accepted).toBe(lines.length);
    const events = await store.readStream(caseStreamOf('C2018-0001'));
    expect(events.map((e) => e.type)).toEqual([
      'ApplicationReceived',
      'MeansAssessed',
      'AidGranted',
      'AidWorkerAssigned',
      'ClientMeetingHeld',
      'CaseClosed',
    ]);
    events.forEach((e, i) => {
      const line = lines.find((l) => l.value.record === 'C2018-0001' && l.value.command)!.line + i;
      expect(e.provenance).toEqual({ system: SYSTEM, batch: 'test-1', line, importedBy: 'admin-zhou' });
      expect(Date.parse(e.occurredAt)).toBe(Date.parse(lines[line - 1]!.value.occurredAt));
      expect(e.recordedAt).toBe(new Date(NOW).toISOString());
      expect(e.lateEntry).toBeUndefined();
    });
    const subsidy = await store.readStream(`subsidy#${importedIdOf(SYSTEM, 'C2018-0001')}`);
    expect(subsidy.map((e) => e.type)).toEqual(['SubsidyApproved', 'SubsidyPaid']);
  });

  it('keeps printed notice numbers in their legacy space, numbers one without from the counter of its year, and live numbers continue without a clash', async () => {
    const { store, deps } = await fresh();
    await importBatch(deps, batch, numbered(smallImport()));
    const assigned = async (record: string) =>
      (await store.readStream(caseStreamOf(record))).find((e) => e.type === 'AidWorkerAssigned')!.data as Record<string, unknown>;
    expect(await assigned('C2018-0001')).toMatchObject({
      noticeYear: 2018,
      noticeNumber: 31,
      legacyNotice: { system: SYSTEM, printed: '(2018)杭西援指字第0031号' },
    });
    const legacyStub = await store.readStream(`notice-legacy#agency:hz-xihu#${SYSTEM}#(2018)杭西援指字第0032号`);
    expect(legacyStub.map((e) => [e.type, e.data.caseId])).toEqual([['LegacyNoticeStubFiled', importedIdOf(SYSTEM, 'C2018-0002')]]);
    // The two without a printed number: the agency's 2018 counter, 1 and 2; the legacy ones never touched it.
    expect((await assigned('C2018-0003')).noticeNumber).toBe(1);
    expect((await assigned('C2018-0003')).legacyNotice).toBeUndefined();
    expect((await assigned('C2018-0005')).noticeNumber).toBe(2);
    expect((await store.readStream('notice#agency:hz-xihu#2018')).map((e) => e.data.noticeNumber)).toEqual([1, 2]);

    // A live assignment today takes the next number of this year's counter, in the agency's own space.
    const call = inProcessCommands({ store, clock: () => new Date(NOW) });
    const ok = async (as: (typeof people)[keyof typeof people], path: string, body: unknown) => {
      const r = await call(as, path, body);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body;
    };
    await ok(people.admin, '/workers', {
      workerId: 'lawyer-wang',
      agencyId: 'agency:hz-xihu',
      name: '王律师',
      kind: 'lawyer',
      licenceNumber: '13301201510123456',
      relevantPracticeSince: '2015-06-01',
    });
    const { caseId } = await ok(people.reviewer, '/applications', {
      agencyId: 'agency:hz-xihu',
      channel: 'agency-window',
      applicantRole: 'self',
      applicant: {
        name: '李四',
        identityNumber: '330106199001011234',
        phone: '13800000000',
        address: '杭州市西湖区文三路 1 号',
        priorityGroups: ['migrant-worker'],
      },
      category: 'labour',
      formOfAid: 'labour-mediation-arbitration',
      matter: '拖欠工资',
    });
    await ok(people.reviewer, `/cases/${caseId as string}/means-assessment`, {
      method: 'integrity-pledge',
      result: 'within-standard',
      reference: null,
    });
    await ok(people.reviewer, `/cases/${caseId as string}/grant`, { legalBasis: '《法律援助法》第三十一条' });
    const live = await ok(people.reviewer, `/cases/${caseId as string}/assignment`, { workerId: 'lawyer-wang' });
    expect(live.notice).toEqual({ agencyId: 'agency:hz-xihu', year: 2026, number: 1 });
  });

  it("rejects a line the law forbids with its line and reason, skips that record's later lines, and stores the rest", async () => {
    const { store, deps } = await fresh();
    const lines = numbered(smallImport({ forbidden: true }));
    const { outcomes, summary } = await importBatch(deps, batch, lines);
    const forbidden = lines.filter((l) => l.value.record === 'C2018-0004');
    const assignLine = forbidden.find((l) => l.value.command === 'AssignAidWorker')!.line;
    expect(outcomes.find((o) => o.line === assignLine)).toEqual({
      line: assignLine,
      record: 'C2018-0004',
      status: 'rejected',
      code: 'NOTHING_TO_ASSIGN',
      field: null,
      reason: expect.stringContaining('assignment follows a grant'),
    });
    const later = forbidden.filter((l) => l.line > assignLine);
    expect(later.length).toBeGreaterThan(0);
    for (const l of later)
      expect(outcomes.find((o) => o.line === l.line)).toMatchObject({
        status: 'skipped',
        record: 'C2018-0004',
        reason: expect.stringContaining(`line ${assignLine}`),
      });
    // Never a partial write: the refused line left nothing, its receipt (before it) stands alone.
    expect((await store.readStream(caseStreamOf('C2018-0004'))).map((e) => e.type)).toEqual(['ApplicationReceived']);
    expect(summary).toEqual({
      lines: lines.length,
      accepted: lines.length - 1 - later.length,
      replayed: 0,
      rejected: 1,
      skipped: later.length,
    });
    expect((await store.readStream(caseStreamOf('C2018-0005'))).at(-1)?.type).toBe('CaseClosed');
  });

  it('a re-run adds nothing: every line replays, every stream keeps its head', async () => {
    const { deps, snapshot } = await fresh();
    const lines = numbered(smallImport({ forbidden: true }));
    const first = await importBatch(deps, batch, lines);
    const before = await snapshot();
    const again = await importBatch(deps, { ...batch, batch: 'test-1-again' }, lines, { concurrency: 3 });
    expect(heads(await snapshot())).toEqual(heads(before));
    expect(again.summary).toEqual({ ...first.summary, accepted: 0, replayed: first.summary.accepted });
    expect(again.outcomes.filter((o) => o.status === 'rejected')).toEqual(first.outcomes.filter((o) => o.status === 'rejected'));
  });

  it('a dry run stores nothing and reports the rejections a real run gives', async () => {
    const { deps, snapshot } = await fresh();
    const lines = numbered(smallImport({ forbidden: true }));
    const before = await snapshot();
    const dry = await importBatch(deps, batch, lines, { dryRun: true });
    expect(heads(await snapshot())).toEqual(heads(before));
    const real = await importBatch(deps, batch, lines);
    const notAccepted = (o: (typeof dry.outcomes)[number]) => o.status === 'rejected' || o.status === 'skipped';
    expect(dry.outcomes.filter(notAccepted)).toEqual(real.outcomes.filter(notAccepted));
    expect(dry.summary).toEqual(real.summary);
  });
});
