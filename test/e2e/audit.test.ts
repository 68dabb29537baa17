import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { envelopesFromCsv, verifyCsvExport, verifyExport, type CaseExport } from '../../functions/lib/audit/export.ts';
import { envelopeOfEntry, type HistoryEntry } from '../../functions/lib/audit/history.ts';
import { appendLifecycle, RECORD_STEP_MS } from '../support/audit-case.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { withProblem } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-audit');
});
afterAll(async () => stack?.stop());

const reviewer = principal('agency-reviewer');
const auditor = principal('auditor');
/** What every test case's application sent (test/support/fixtures.ts). */
const sent = applicationBody() as { applicant: Record<string, unknown>; matter: string };

/** Independent of the code under test: the decider folded over the first `n` stored events. */
const oracle = (events: readonly EventEnvelope[], n: number) =>
  events.slice(0, n).reduce((s, e) => caseDecider.evolve(s, readEventData(catalogue, e) as CaseEvent), caseDecider.initialState());

/** A case opened over HTTP, then grown to `size` events with the lifecycle helper, and projected. */
const newCase = async (size: number) => {
  const created = await stack.request('POST', '/applications', {
    as: reviewer,
    body: applicationBody(),
    headers: { 'idempotency-key': newKey() },
  });
  expect(created.status).toBe(201);
  const caseId = created.body.caseId as string;
  const [first] = await stack.store.readStream(`case#${caseId}`);
  await appendLifecycle({ client: stack.client, tableName: stack.eventsTable, caseId, firstRecordedAt: first!.recordedAt, upTo: size });
  await stack.eventually(async () => {
    const r = await stack.request('GET', `/cases/${caseId}`, { as: reviewer });
    return r.status === 200 && r.body.version === size && r.headers.get('x-read-source') === 'read-model';
  });
  return { caseId, stream: `case#${caseId}`, events: await stack.store.readStream(`case#${caseId}`) };
};

const get = <T = Record<string, unknown>>(path: string, as = auditor) => stack.request<T>('GET', path, { as });

/** What the case answer shows of a state: every field it has that the state has, compared with the oracle's (JSON, as sent). */
const shownOf = (body: Record<string, unknown>, state: object) => {
  const plain = JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
  const fields = Object.keys(body).filter((k) => k in plain && k !== 'version');
  // Enough of the state to tell its steps apart, so a wrong prefix cannot pass unnoticed.
  expect(fields).toEqual(expect.arrayContaining(['status', 'review', 'assignment', 'handling', 'closing', 'archivedAt']));
  return {
    shown: Object.fromEntries(fields.map((k) => [k, body[k]])),
    expected: Object.fromEntries(fields.map((k) => [k, plain[k]])),
  };
};

type Report = {
  verified: boolean;
  events: number;
  firstBreak: { version: number; eventId: string | null; reason: string; detail: string } | null;
  headHash: string | null;
};

const runCli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'scripts/audit.ts', ...args],
      { cwd: process.cwd(), env: { ...process.env, DYNAMODB_ENDPOINT: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
const cliTables = () => ['--endpoint', stack.dynamoEndpoint, '--table', stack.eventsTable, '--read-models', stack.readModelsTable];

describe('a case of twenty events, replayed at any moment', () => {
  let c: Awaited<ReturnType<typeof newCase>>;
  beforeAll(async () => {
    c = await newCase(20);
  });

  it('has the twenty events, chained, with distinct recording times', () => {
    expect(c.events.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(verifyChain(c.events)).toBeNull();
    expect(new Set(c.events.map((e) => e.recordedAt)).size).toBe(20);
  });

  it('gives, at five moments on the recordedAt axis, the states the decider gives for those prefixes', async () => {
    const at = (v: number) => Date.parse(c.events[v - 1]!.recordedAt);
    const moments = [
      { asOf: new Date(at(1)).toISOString(), prefix: 1 }, // exactly when event 1 was recorded: included
      { asOf: new Date(at(5) + RECORD_STEP_MS / 2).toISOString(), prefix: 5 }, // between 5 and 6
      { asOf: new Date(at(12)).toISOString(), prefix: 12 },
      { asOf: new Date(at(18) - 1).toISOString(), prefix: 17 }, // a millisecond before 18
      { asOf: new Date(at(20) + 3_600_000).toISOString(), prefix: 20 },
    ];
    const states: unknown[] = [];
    for (const m of moments) {
      const r = await get(`/cases/${c.caseId}?asOf=${encodeURIComponent(m.asOf)}`);
      expect(r.status, m.asOf).toBe(200);
      expect(r.headers.get('x-read-source')).toBe('event-store');
      expect(r.body).toMatchObject({ caseId: c.caseId, version: m.prefix, updatedAt: c.events[m.prefix - 1]!.recordedAt });
      const { shown, expected } = shownOf(r.body, oracle(c.events, m.prefix));
      expect(shown).toEqual(expected);
      states.push(shown);
    }
    // The five states differ from each other, so picking a wrong prefix could not pass unnoticed.
    expect(new Set(states.map((s) => JSON.stringify(s))).size).toBe(5);
    expect((states[0] as { status: string }).status).toBe('under-review');
    expect((states[4] as { status: string }).status).toBe('archived');
  });

  it('uses recordedAt, not occurredAt (all events after the first occurred days before they were recorded)', async () => {
    const beforeSecond = new Date(Date.parse(c.events[1]!.recordedAt) - 1).toISOString();
    expect(Date.parse(c.events[19]!.occurredAt)).toBeLessThan(Date.parse(beforeSecond));
    const r = await get(`/cases/${c.caseId}?asOf=${encodeURIComponent(beforeSecond)}`);
    expect(r.body).toMatchObject({ version: 1, updatedAt: c.events[0]!.recordedAt });
  });

  it('gives the state after a version, the same as the decider and, at the head, as the read model', async () => {
    for (const v of [1, 4, 9, 13, 20]) {
      const r = await get(`/cases/${c.caseId}?version=${v}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ version: v, updatedAt: c.events[v - 1]!.recordedAt });
      const { shown, expected } = shownOf(r.body, oracle(c.events, v));
      expect(shown).toEqual(expected);
    }
    const head = await get(`/cases/${c.caseId}?version=20`);
    const current = await get(`/cases/${c.caseId}`);
    // Without asOf or version the read model answers (it has caught up), in the same shape.
    expect(current.headers.get('x-read-source')).toBe('read-model');
    expect(current.headers.get('etag')).toBe('"20"');
    expect(head.body).toEqual(current.body);
  });

  it('answers 404 before the first event and beyond the last version, 400 for bad parameters', async () => {
    const before = new Date(Date.parse(c.events[0]!.recordedAt) - 1000).toISOString();
    expect(withProblem(await get(`/cases/${c.caseId}?asOf=${encodeURIComponent(before)}`))).toMatchObject({
      status: 404,
      body: { code: 'NOT_YET_RECORDED' },
    });
    expect(withProblem(await get(`/cases/${c.caseId}?version=21`))).toMatchObject({
      status: 404,
      body: { code: 'VERSION_NOT_FOUND', lastVersion: 20 },
    });
    expect(withProblem(await get(`/cases/${c.caseId}?version=0`))).toMatchObject({ status: 400, body: { field: 'version' } });
    expect(withProblem(await get(`/cases/${c.caseId}?asOf=yesterday`))).toMatchObject({ status: 400, body: { field: 'asOf' } });
    expect(await get(`/cases/${c.caseId}?asOf=2026-01-01T00:00:00Z&version=3`)).toMatchObject({ status: 400 });
    // A `+` offset sent unencoded arrives as a space and is still understood.
    const plus = new Date(Date.parse(c.events[0]!.recordedAt) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await get(`/cases/${c.caseId}?asOf=${plus}`)).status).toBe(200);
  });

  it('lists the history oldest first, page by page, with who, where, when, why and the hash links', async () => {
    const seen: HistoryEntry[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const r: { status: number; body: { events: HistoryEntry[]; nextCursor: string | null } } = await get(
        `/cases/${c.caseId}/history?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(r.status).toBe(200);
      sizes.push(r.body.events.length);
      seen.push(...r.body.events);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([7, 7, 6]);
    expect(seen.map((e) => e.version)).toEqual(c.events.map((e) => e.version));
    expect(seen[0]).toMatchObject({
      type: 'ApplicationReceived',
      who: { id: reviewer.sub, role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
      workstation: reviewer.workstation,
      recordedAt: c.events[0]!.recordedAt,
      prevHash: '0'.repeat(64),
      hash: c.events[0]!.hash,
    });
    // The store holds the applicant sealed; the auditor (who sees in full) reads it opened, as sent.
    expect(JSON.stringify(c.events[0]!.data)).not.toContain(sent.applicant.name);
    expect(seen[0]!.data).toMatchObject({ applicant: sent.applicant, matter: sent.matter });
    const granted = seen.find((e) => e.type === 'AidGranted')!;
    expect(granted.why).toEqual({ legalBasis: '《法律援助法》第三十一条、第四十三条' });
    expect(seen.find((e) => e.type === 'ClientMeetingHeld')).toMatchObject({
      who: { id: 'lawyer-wang', role: 'aid-worker' },
      workstation: null,
      occurredAt: '2026-01-07T10:00:00+08:00',
    });
    // The digests are those of the events as stored (sealed): the chain they form verifies.
    expect(seen.map((h) => [h.prevHash, h.hash, h.requestHash])).toEqual(c.events.map((e) => [e.prevHash, e.hash, e.requestHash]));
    expect(verifyChain(seen.map((h, i) => envelopeOfEntry({ ...h, data: c.events[i]!.data }, c.stream)))).toBeNull();
  });

  it('refuses a cursor of another case and a limit out of range', async () => {
    const other = await get<{ nextCursor: string }>(`/cases/${c.caseId}/history?limit=1`);
    const elsewhere = await newCase(2);
    expect(withProblem(await get(`/cases/${elsewhere.caseId}/history?cursor=${encodeURIComponent(other.body.nextCursor)}`))).toMatchObject({
      status: 400,
      body: { field: 'cursor' },
    });
    expect(withProblem(await get(`/cases/${c.caseId}/history?limit=201`))).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await get(`/cases/${c.caseId}/history?page=2`)).toMatchObject({ status: 400 });
  });

  it('diffs two versions: the fields that changed and the events in between', async () => {
    const r = await get<{ changes: { path: string; op: string; before?: unknown; after?: unknown }[]; events: HistoryEntry[] }>(
      `/cases/${c.caseId}/diff?from=4&to=6`,
    );
    expect(r.status).toBe(200);
    expect(r.body.events.map((e) => [e.version, e.type])).toEqual([
      [5, 'AidGranted'],
      [6, 'AidWorkerAssigned'],
    ]);
    const byPath = Object.fromEntries(r.body.changes.map((ch) => [ch.path, ch]));
    expect(byPath['/review/decision']).toEqual({ path: '/review/decision', op: 'changed', before: 'pending', after: 'granted' });
    expect(byPath['/status']).toMatchObject({ before: 'under-review', after: 'in-progress' });
    expect(byPath['/assignment']).toMatchObject({ op: 'changed', before: null, after: { workerId: 'lawyer-wang' } });
    // Nothing outside what the two events touched.
    expect(r.body.changes.every((ch) => /^\/(review|status|assignment|assignmentDueFrom|firstAssignedAt)/.test(ch.path))).toBe(true);
    expect((await get<{ changes: unknown[] }>(`/cases/${c.caseId}/diff?from=7&to=7`)).body.changes).toEqual([]);
    expect(withProblem(await get(`/cases/${c.caseId}/diff?from=6&to=4`))).toMatchObject({ status: 400, body: { field: 'from' } });
    expect(withProblem(await get(`/cases/${c.caseId}/diff?from=1&to=99`))).toMatchObject({
      status: 404,
      body: { code: 'VERSION_NOT_FOUND' },
    });
  });

  it('verifies the untouched chain, over HTTP and with the CLI', async () => {
    const r = await get<Report & { stream: string }>(`/cases/${c.caseId}/verify`);
    expect(r.body).toMatchObject({ stream: c.stream, events: 20, verified: true, firstBreak: null, headHash: c.events[19]!.hash });
    const cli = await runCli(['verify', '--case', c.caseId, ...cliTables()]);
    expect(cli.stdout).toContain(`OK ${c.stream}: 20 events`);
    expect(cli.code).toBe(0);
  });
});

describe('tampering is detected and pinpointed', () => {
  const cases: Record<'altered' | 'removed' | 'truncated' | 'corrupted' | 'intact', Awaited<ReturnType<typeof newCase>>> = {} as never;
  const key = (stream: string, version: number) => ({ stream: { S: stream }, version: { N: String(version) } });

  beforeAll(async () => {
    for (const name of ['altered', 'removed', 'truncated', 'corrupted', 'intact'] as const) cases[name] = await newCase(6);
    // An altered event: its data changed in place, hash left as it was.
    const altered = (
      await stack.client.send(new GetItemCommand({ TableName: stack.eventsTable, Key: key(cases.altered.stream, 3), ConsistentRead: true }))
    ).Item!;
    altered.data!.M!.items = { L: [{ S: '收入证明' }] };
    await stack.client.send(new PutItemCommand({ TableName: stack.eventsTable, Item: altered }));
    // A removed event in the middle, and a removed last event.
    await stack.client.send(new DeleteItemCommand({ TableName: stack.eventsTable, Key: key(cases.removed.stream, 4) }));
    await stack.client.send(new DeleteItemCommand({ TableName: stack.eventsTable, Key: key(cases.truncated.stream, 6) }));
    // A corrupted item: not even a valid envelope any more.
    const corrupted = (
      await stack.client.send(
        new GetItemCommand({ TableName: stack.eventsTable, Key: key(cases.corrupted.stream, 2), ConsistentRead: true }),
      )
    ).Item!;
    corrupted.actor = { S: 'nobody' };
    await stack.client.send(new PutItemCommand({ TableName: stack.eventsTable, Item: corrupted }));
  });

  it('names the altered event (HASH_MISMATCH at its version)', async () => {
    const r = await get<Report>(`/cases/${cases.altered.caseId}/verify`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      verified: false,
      events: 6,
      firstBreak: { version: 3, eventId: cases.altered.events[2]!.eventId, reason: 'HASH_MISMATCH' },
    });
  });

  it('names the removed event (VERSION_GAP at the missing version)', async () => {
    const r = await get<Report>(`/cases/${cases.removed.caseId}/verify`);
    expect(r.body).toMatchObject({ verified: false, events: 5, firstBreak: { version: 4, eventId: null, reason: 'VERSION_GAP' } });
  });

  it('notices a removed last event from the read model (TRUNCATED)', async () => {
    const r = await get<Report>(`/cases/${cases.truncated.caseId}/verify`);
    expect(r.body).toMatchObject({
      verified: false,
      events: 5,
      firstBreak: { version: 6, reason: 'TRUNCATED' },
      headHash: cases.truncated.events[4]!.hash,
    });
  });

  it('reports an item that is no longer an envelope instead of failing', async () => {
    const r = await get<Report>(`/cases/${cases.corrupted.caseId}/verify`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      verified: false,
      firstBreak: { version: 2, eventId: cases.corrupted.events[1]!.eventId, reason: 'INVALID_ENVELOPE' },
    });
    expect(r.body.firstBreak!.detail).toContain('actor');
  });

  it('still verifies the untouched case', async () => {
    expect((await get<Report>(`/cases/${cases.intact.caseId}/verify`)).body).toMatchObject({ verified: true, firstBreak: null });
  });

  it('is found by the CLI for one case: a line naming the break, exit code 1', async () => {
    const cli = await runCli(['verify', '--case', cases.altered.caseId, ...cliTables()]);
    expect(cli.code).toBe(1);
    expect(cli.stdout.trim()).toBe(
      `BROKEN ${cases.altered.stream} at version 3: HASH_MISMATCH (event ${cases.altered.events[2]!.eventId}): ${(await get<Report>(`/cases/${cases.altered.caseId}/verify`)).body.firstBreak!.detail}`,
    );
    const removed = await runCli(['verify', '--case', cases.removed.caseId, ...cliTables()]);
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`BROKEN ${cases.removed.stream} at version 4: VERSION_GAP`);
  });

  it('is found by the CLI over the whole table: one line per broken stream, a summary, exit code 1', async () => {
    const cli = await runCli(['verify', '--all', '--segments', '3', ...cliTables()]);
    expect(cli.code).toBe(1);
    const lines = cli.stdout.trim().split('\n');
    const broken = lines.filter((l) => l.startsWith('BROKEN case#'));
    expect(broken.map((l) => /^BROKEN (\S+) at version (\d+): (\w+)/.exec(l)!.slice(1)).sort()).toEqual(
      [
        [cases.altered.stream, '3', 'HASH_MISMATCH'],
        [cases.removed.stream, '4', 'VERSION_GAP'],
        [cases.truncated.stream, '6', 'TRUNCATED'],
        [cases.corrupted.stream, '2', 'INVALID_ENVELOPE'],
      ].sort(),
    );
    expect(lines.at(-1)).toMatch(/^BROKEN: \d+ streams, \d+ events checked in .*; 4 broken$/);
    // Event data (personal data) never reaches the output.
    expect(cli.stdout + cli.stderr).not.toContain('330106199001011234');
  });

  it('tells the CLI user how to reach the local stack when no endpoint is known', async () => {
    const cli = await runCli(['verify', '--all', '--local-api', 'http://127.0.0.1:9', '--table', stack.eventsTable]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('npm start');
  });
});

describe('export for an auditor', () => {
  let c: Awaited<ReturnType<typeof newCase>>;
  beforeAll(async () => {
    c = await newCase(8);
  });

  it('exports JSON that verifies offline and holds exactly the stored envelopes', async () => {
    const r = await get<CaseExport>(`/cases/${c.caseId}/export?format=json`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(`case-${c.caseId}-history.json`);
    expect(r.body).toMatchObject({
      format: 'legal-aid-case-history',
      caseId: c.caseId,
      stream: c.stream,
      head: { version: 8, hash: c.events[7]!.hash },
      exportedBy: { id: auditor.sub, role: 'auditor' },
    });
    expect(r.body.events).toEqual(c.events);
    expect(verifyExport(JSON.stringify(r.body))).toMatchObject({ verified: true, events: 8, headHash: c.events[7]!.hash });
    // For reading, each event's data opened: the sealed applicant as sent, no sealed value left.
    expect(r.body.opened.map((o) => o.version)).toEqual(c.events.map((e) => e.version));
    expect(r.body.opened[0]!.data).toMatchObject({ applicant: sent.applicant, matter: sent.matter });
    expect(JSON.stringify(r.body.opened)).not.toContain('pii1.');
    expect(r.body.opened.slice(1).map((o) => o.data)).toEqual(c.events.slice(1).map((e) => e.data));

    const altered = structuredClone(r.body);
    (altered.events[4]!.data as { summary: string }).summary = '改过的记录';
    expect(verifyExport(altered)).toMatchObject({ verified: false, firstBreak: { version: 5, reason: 'HASH_MISMATCH' } });
    const shortened = { ...r.body, events: r.body.events.slice(0, 7) };
    expect(verifyExport(shortened)).toMatchObject({ verified: false, firstBreak: { version: 8, reason: 'TRUNCATED' } });
  });

  it('exports CSV (UTF-8 with BOM, RFC 4180) that parses back to the same envelopes', async () => {
    const res = await contractFetch(`${stack.url}/cases/${c.caseId}/export?format=csv`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(auditor)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFstream,version,type,schemaVersion,eventId,occurredAt,recordedAt,actorId,role,organisation,workstation,correlationId,causationId,idempotencyKey,requestHash,prevHash,hash,data,lateEntry,provenance',
    );
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(9);
    // Every cell readable: the sealed applicant opened, no sealed value in any cell.
    expect(text).toContain('张三');
    expect(text).not.toContain('pii1.');
    const rows = envelopesFromCsv(text);
    expect(rows.map(({ data: _d, ...rest }) => rest)).toEqual(c.events.map(({ data: _d, ...rest }) => rest));
    expect(rows[0]!.data).toMatchObject({ applicant: sent.applicant, matter: sent.matter });
    expect(rows.slice(1).map((e) => e.data)).toEqual(c.events.slice(1).map((e) => e.data));
    // So the CSV is for reading: its first event is not what was hashed (the JSON export is the proof).
    expect(verifyCsvExport(text)).toMatchObject({ verified: false, firstBreak: { version: 1, reason: 'HASH_MISMATCH' } });
  });

  it('is checked by the CLI from files: intact exit 0, tampered exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    const json = await get(`/cases/${c.caseId}/export`);
    writeFileSync(join(dir, 'case.json'), JSON.stringify(json.body));
    const res = await contractFetch(`${stack.url}/cases/${c.caseId}/export?format=csv`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(auditor)}` },
    });
    writeFileSync(join(dir, 'case.csv'), Buffer.from(await res.arrayBuffer()));
    expect((await runCli(['check-export', join(dir, 'case.json')])).code).toBe(0);
    // The CSV shows the sealed data opened, so it is not the stored chain: the CLI says so.
    const csv = await runCli(['check-export', join(dir, 'case.csv')]);
    expect(csv.code).toBe(1);
    expect(csv.stdout).toContain('at version 1: HASH_MISMATCH');
    // A record changed in the JSON export (a stored plain field, everywhere it appears) is found.
    writeFileSync(
      join(dir, 'tampered.json'),
      readFileSync(join(dir, 'case.json'), 'utf8').replaceAll('首次会见，核实欠薪事实', '首次会见'),
    );
    const tampered = await runCli(['check-export', join(dir, 'tampered.json')]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('at version 7: HASH_MISMATCH');
  });
});

describe('who may read the audit trail', () => {
  let c: Awaited<ReturnType<typeof newCase>>;
  beforeAll(async () => {
    c = await newCase(3);
  });
  const paths = () => [
    `/cases/${c.caseId}/history`,
    `/cases/${c.caseId}/verify`,
    `/cases/${c.caseId}/export`,
    `/cases/${c.caseId}/diff?from=1&to=2`,
    `/cases/${c.caseId}?version=2`,
  ];

  it("lets auditors, supervisors, administrators and the case agency's staff read it", async () => {
    for (const who of [auditor, principal('supervisor'), principal('administrator'), reviewer]) {
      for (const path of paths()) expect((await get(path, who)).status, `${who.role} ${path}`).toBe(200);
    }
  });

  it("refuses other agencies' staff and other roles, and callers without a token", async () => {
    for (const who of [
      principal('agency-reviewer', { org: 'agency:nb-haishu' }),
      principal('court'),
      principal('aid-worker'),
      principal('finance'),
    ]) {
      for (const path of paths()) expect((await get(path, who)).status, `${who.role} of ${who.org} ${path}`).toBe(403);
    }
    for (const path of paths()) expect((await stack.request('GET', path)).status).toBe(401);
  });

  it('answers 404 for a case that does not exist', async () => {
    for (const path of ['history', 'verify', 'export', 'diff?from=0&to=1']) {
      expect((await get(`/cases/00000000-0000-8000-8000-000000000000/${path}`)).status).toBe(404);
    }
  });
});
