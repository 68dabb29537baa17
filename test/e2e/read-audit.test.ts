import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import type { AccessRecord } from '../../functions/lib/privacy/read-record.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { problemOf, withProblem } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// Every read on record, over HTTP: several callers read a case (the case, its history, a diff, both
// exports), a consultation and a duty record, some stating a purpose; refused and malformed requests
// are made too. The read audit must then answer exactly the reads this test made, by record and by
// reader, to the overseers whose scope they lie in and to nobody else: one person reads with tokens of
// an agency in Zhejiang and of one in Anhui, and each province's auditor sees only that province's
// reads. What the test expects comes from its own log of the requests it made, never from the API.

const HZ = 'agency:hz-xihu';
const SHUSHAN = 'agency:hf-shushan';
const reviewer = principal('agency-reviewer');
const reviewerNb = principal('agency-reviewer', { sub: 'reviewer-nb-01', org: 'agency:nb-haishu' });
const supervisor = principal('supervisor');
const auditor = principal('auditor');
const dutyLi = principal('duty-lawyer');
const court = principal('court');
const admin = principal('administrator');
/** Zhejiang's department: every organisation above lies under it. Anhui's: none does. */
const auditorZj = principal('auditor', { sub: 'auditor-zj-01', org: 'justice-department:zj' });
const auditorAh = principal('auditor', { sub: 'auditor-ah-01', org: 'justice-department:ah' });
/** One person, two tokens: a reviewer seconded between an agency in Hangzhou and one in Hefei. */
const seconded = 'reviewer-seconded-01';
const secondedHz: DevPrincipal = { sub: seconded, role: 'agency-reviewer', org: HZ };
const secondedAh: DevPrincipal = { sub: seconded, role: 'agency-reviewer', org: SHUSHAN };

type Read = { reader: DevPrincipal; path: string; routeKey: string; record: string; requested: string | null; purpose: string | null };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let caseId: string;
let consultationId: string;
let dutyId: string;
/** A second Xihu case and a Shushan (Anhui) case, read by the seconded reviewer alone. */
let caseHz2: string;
let caseAh: string;
/** The reads this test made that answered 200: what the audit must hold, no more, no less. */
const made: Read[] = [];
const startedAt = new Date().toISOString();

const post = async (as: DevPrincipal, path: string, body: unknown, status = 201) => {
  const r = await stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  // A 201 that opened a case answers with the case (its Location's answer): a read of it, on record as one.
  if (r.status === 201 && typeof r.body.caseId === 'string' && r.body.state)
    made.push({ reader: as, path, routeKey: `POST ${path}`, record: `case#${r.body.caseId}`, requested: null, purpose: null });
  return r.body;
};

/** One read of a record's personal data; logged as made when it answered 200. */
const read = async (
  as: DevPrincipal,
  path: string,
  { routeKey, record, requested, purpose = null }: { routeKey: string; record: string; requested: string; purpose?: string | null },
) => {
  const headers: Record<string, string> = purpose === null ? {} : { 'x-access-purpose': encodeURIComponent(purpose) };
  const r = await stack.request('GET', path, { as, headers });
  if (r.status === 200) made.push({ reader: as, path, routeKey, record, requested, purpose });
  return r;
};

const audit = (query: string, as: DevPrincipal = auditorZj) =>
  stack.request<{ reads: AuditRow[]; nextCursor: string | null }>('GET', `/audit/reads?${query}`, { as });

/** A row of the read audit: the recorder's own record type. */
type AuditRow = AccessRecord;

/**
 * Every page of a question, `limit` rows at a time so the cursor is exercised. Every page a cursor
 * follows is full: rows out of the caller's scope are skipped, never answered as a short or empty page.
 */
const allPages = async (query: string, as: DevPrincipal = auditorZj, limit = 2) => {
  const rows: AuditRow[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r: ApiResponse<{ reads: AuditRow[]; nextCursor: string | null }> = await audit(
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      as,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    rows.push(...r.body.reads);
    cursor = r.body.nextCursor;
    if (!cursor) return rows;
    expect(r.body.reads, `page ${page} of ${query} as ${as.sub}`).toHaveLength(limit);
  }
  throw new Error('more pages than this test made reads');
};

/** What must match between a read the test made and a row of the audit (time, id and address are checked apart). */
const expected = (r: Read) => ({
  record: r.record,
  requested: r.requested,
  routeKey: r.routeKey,
  reader: { id: r.reader.sub, role: r.reader.role, organisation: r.reader.org, workstation: r.reader.workstation ?? null },
  purpose: r.purpose,
});
const comparable = (row: AuditRow) => ({
  record: row.record,
  requested: row.requested,
  routeKey: row.routeKey,
  reader: row.reader,
  purpose: row.purpose,
});
const sorted = <T>(values: T[]) => values.map((v) => JSON.stringify(v)).sort();

beforeAll(async () => {
  stack = await startTestStack('e2e-read-audit');
  caseId = (await post(reviewer, '/applications', applicationBody())).caseId as string;
  // Refused, with written reasons: the case as the read model holds it now shows personal data (free text).
  await post(reviewer, `/cases/${caseId}/refusal`, validBody('RefuseAid', { org: HZ, agencyId: HZ, workerId: '' }), 200);
  consultationId = (
    await post(reviewer, '/consultations', {
      agencyId: HZ,
      channel: 'hotline-12348',
      workstationId: null,
      topic: '工伤赔偿',
      category: 'labour',
      personName: '钱七',
      toldOfRightToApply: true,
      notToldReason: null,
      answer: '可申请法律援助',
    })
  ).id as string;
  dutyId = (await post(dutyLi, '/duty-records', validBody('OpenDutyRecord', { org: dutyLi.org, agencyId: HZ, workerId: '' }))).id as string;
  caseHz2 = (await post(reviewer, '/applications', applicationBody())).caseId as string;
  const hefeiCourt = principal('court', { sub: 'clerk-hf-01', org: 'court:hf-shushan' });
  caseAh = (
    await post(hefeiCourt, '/defence-notifications', {
      ...validBody('ReceiveDefenceNotification', { org: hefeiCourt.org, agencyId: SHUSHAN, workerId: '' }),
      authority: { kind: 'court', organisationId: hefeiCourt.org },
      stage: 'trial',
      province: '34',
    })
  ).id as string;
  await stack.settle();

  const onCase = { record: `case#${caseId}`, requested: caseId };
  const ok = (r: ApiResponse) => expect(r.status, JSON.stringify(r.body)).toBe(200);
  ok(await read(reviewer, `/cases/${caseId}`, { ...onCase, routeKey: 'GET /cases/{id}', purpose: '复核援助申请 (2026)第17号' }));
  ok(await read(supervisor, `/cases/${caseId}/history`, { ...onCase, routeKey: 'GET /cases/{id}/history' }));
  ok(await read(auditor, `/cases/${caseId}/history`, { ...onCase, routeKey: 'GET /cases/{id}/history', purpose: 'annual audit' }));
  ok(await read(auditor, `/cases/${caseId}/diff?from=0&to=1`, { ...onCase, routeKey: 'GET /cases/{id}/diff' }));
  ok(await read(auditor, `/cases/${caseId}/export`, { ...onCase, routeKey: 'GET /cases/{id}/export' }));
  // The CSV is not JSON: fetched as it is.
  const csv = await contractFetch(`${stack.url}/cases/${caseId}/export?format=csv`, {
    headers: { authorization: `Bearer ${await stack.issuer.mint(auditor)}` },
  });
  await csv.text();
  expect(csv.status).toBe(200);
  made.push({ reader: auditor, path: 'csv', routeKey: 'GET /cases/{id}/export', ...onCase, purpose: null });
  ok(
    await read(reviewer, `/consultations/${consultationId}`, {
      record: `consultation#${consultationId}`,
      requested: consultationId,
      routeKey: 'GET /consultations/{id}',
    }),
  );
  ok(
    await read(dutyLi, `/duty-records/${dutyId}`, {
      record: `duty#${dutyId}`,
      requested: dutyId,
      routeKey: 'GET /duty-records/{id}',
      purpose: '值班记录核对',
    }),
  );
  // The seconded reviewer's reads, Anhui's between Zhejiang's: a page of Zhejiang's rows must skip them.
  const onHz2 = { record: `case#${caseHz2}`, requested: caseHz2, routeKey: 'GET /cases/{id}' };
  const onAh = { record: `case#${caseAh}`, requested: caseAh, routeKey: 'GET /cases/{id}' };
  ok(await read(secondedHz, `/cases/${caseHz2}`, onHz2));
  for (let i = 0; i < 3; i++) ok(await read(secondedAh, `/cases/${caseAh}`, onAh));
  ok(await read(secondedHz, `/cases/${caseHz2}`, onHz2));
  ok(await read(secondedAh, `/cases/${caseAh}`, onAh));
}, 120_000);
afterAll(async () => stack?.stop());

describe('refused and malformed reads', () => {
  it('a read the role may not make (403) is not a read', async () => {
    const r = await read(court, `/cases/${caseId}/history`, {
      record: `case#${caseId}`,
      requested: caseId,
      routeKey: 'GET /cases/{id}/history',
    });
    expect(r.status).toBe(403);
  });

  it('a read of a case out of scope (403) is not a read', async () => {
    const r = await read(reviewerNb, `/cases/${caseId}`, { record: `case#${caseId}`, requested: caseId, routeKey: 'GET /cases/{id}' });
    expect(r.status).toBe(403);
  });

  it('a purpose that is not percent-encoded UTF-8 is a 400 naming the header, and nothing is shown', async () => {
    const r = await stack.request('GET', `/cases/${caseId}`, { as: reviewer, headers: { 'x-access-purpose': '%E4%B8' } });
    expect(r.status).toBe(400);
    expect(problemOf(r.body)).toMatchObject({ code: 'INVALID_FIELD', field: 'X-Access-Purpose' });
    // Problem details and nothing else: no case data beside the refusal.
    expect(Object.keys(r.body).sort()).toEqual(['code', 'detail', 'field', 'instance', 'status', 'title', 'type']);
  });
});

describe('the read audit', () => {
  it('answers who read the case: exactly the reads made, with purpose, time and source address', async () => {
    const rows = await allPages(`record=${encodeURIComponent(`case#${caseId}`)}`);
    const mine = made.filter((m) => m.record === `case#${caseId}`);
    // The POST that opened it (its answer shows the case) and six reads.
    expect(mine).toHaveLength(7);
    expect(sorted(rows.map(comparable))).toEqual(sorted(mine.map(expected)));
    const now = new Date().toISOString();
    for (const row of rows) {
      expect(row.at >= startedAt && row.at <= now, row.at).toBe(true);
      expect(row.sourceIp).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    }
    // Oldest first, each read once.
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort());
    expect(new Set(rows.map((r) => r.readId)).size).toBe(rows.length);
    // How each was shown follows the reader's role: the supervisor's history masked, the others in full.
    expect(rows.find((r) => r.reader.role === 'supervisor')?.shown).toBe('masked');
    expect(rows.filter((r) => r.reader.role !== 'supervisor').every((r) => r.shown === 'full')).toBe(true);
  });

  it('answers who read the consultation and the duty record', async () => {
    for (const record of [`consultation#${consultationId}`, `duty#${dutyId}`]) {
      const rows = await allPages(`record=${encodeURIComponent(record)}`);
      expect(sorted(rows.map(comparable))).toEqual(sorted(made.filter((m) => m.record === record).map(expected)));
      expect(rows).toHaveLength(1);
    }
  });

  it('answers what each person read: exactly their reads', async () => {
    for (const reader of [reviewer, supervisor, auditor, dutyLi, court, reviewerNb]) {
      const rows = await allPages(`reader=${encodeURIComponent(reader.sub)}`);
      expect(sorted(rows.map(comparable)), reader.sub).toEqual(sorted(made.filter((m) => m.reader.sub === reader.sub).map(expected)));
    }
    expect(made.filter((m) => m.reader === auditor)).toHaveLength(4);
  });
  it('is for auditors and administrators only, and asks exactly one question', async () => {
    expect((await audit(`record=${encodeURIComponent(`case#${caseId}`)}`, auditor)).status).toBe(200);
    for (const who of [reviewer, supervisor, dutyLi]) expect((await audit(`reader=${reviewer.sub}`, who)).status).toBe(403);
    expect(problemOf((await audit('limit=5')).body)).toMatchObject({ code: 'INVALID_FIELD', field: 'record' });
    expect((await audit(`record=x&reader=y`)).status).toBe(400);
  });

  it('refuses a cursor of another question', async () => {
    const first = await audit(`reader=${auditor.sub}&limit=1`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const r = await audit(`reader=${reviewer.sub}&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(withProblem(r)).toMatchObject({ status: 400, body: { field: 'cursor' } });
    // Forged: the question's own name, a start key in another record's partition.
    const record = `case#${caseId}`;
    const forged = Buffer.from(JSON.stringify({ q: `table:record#${record}`, pk: 'record#case#other', sk: 'x' })).toString('base64url');
    const f = await audit(`record=${encodeURIComponent(record)}&cursor=${forged}`);
    expect(withProblem(f)).toMatchObject({ status: 400, body: { field: 'cursor' } });
  });
});

describe('the read audit is scoped as every read is', () => {
  const zhejiang = (m: Read) => m.reader.org !== SHUSHAN;

  it("Anhui's auditor gets nothing of Zhejiang's reads: no record's readers, no person's reads", async () => {
    for (const record of [`case#${caseId}`, `case#${caseHz2}`, `consultation#${consultationId}`, `duty#${dutyId}`]) {
      const r = await audit(`record=${encodeURIComponent(record)}`, auditorAh);
      expect(r.status, record).toBe(403);
      expect(problemOf(r.body)).toMatchObject({ code: 'OUT_OF_SCOPE', reason: expect.stringContaining('justice-department:ah') });
    }
    for (const reader of [reviewer, supervisor, auditor, dutyLi]) {
      expect(made.some((m) => m.reader.sub === reader.sub)).toBe(true);
      expect(await allPages(`reader=${encodeURIComponent(reader.sub)}`, auditorAh)).toEqual([]);
    }
  });

  it("a person who read in both provinces: each province's auditor sees that province's reads, every page before the end full", async () => {
    const mine = made.filter((m) => m.reader.sub === seconded);
    expect(mine.filter(zhejiang)).toHaveLength(2);
    expect(mine.filter((m) => !zhejiang(m))).toHaveLength(4);
    for (const limit of [1, 2]) {
      const zj = await allPages(`reader=${seconded}`, auditorZj, limit);
      expect(sorted(zj.map(comparable)), `limit ${limit}`).toEqual(sorted(mine.filter(zhejiang).map(expected)));
      const ah = await allPages(`reader=${seconded}`, auditorAh, limit);
      expect(sorted(ah.map(comparable)), `limit ${limit}`).toEqual(sorted(mine.filter((m) => !zhejiang(m)).map(expected)));
    }
    // Who read the Anhui case is Anhui's to ask, not Zhejiang's.
    const readersOfAh = await allPages(`record=${encodeURIComponent(`case#${caseAh}`)}`, auditorAh);
    expect(sorted(readersOfAh.map(comparable))).toEqual(sorted(made.filter((m) => m.record === `case#${caseAh}`).map(expected)));
    expect((await audit(`record=${encodeURIComponent(`case#${caseAh}`)}`, auditorZj)).status).toBe(403);
  });

  it("an agency's administrator sees its own staff's reads and its own records' readers, not a bureau's auditor's reads", async () => {
    for (const reader of [reviewer, supervisor, dutyLi]) {
      const rows = await allPages(`reader=${encodeURIComponent(reader.sub)}`, admin);
      expect(sorted(rows.map(comparable)), reader.sub).toEqual(sorted(made.filter((m) => m.reader.sub === reader.sub).map(expected)));
    }
    expect(await allPages(`reader=${auditor.sub}`, admin)).toEqual([]);
    // The case's readers are its own agency's business, the auditor's reads of it included.
    const readers = await allPages(`record=${encodeURIComponent(`case#${caseId}`)}`, admin);
    expect(sorted(readers.map(comparable))).toEqual(sorted(made.filter((m) => m.record === `case#${caseId}`).map(expected)));
  });

  it('a record that does not exist is a 404, one of a kind without reads on record a 400 naming the field', async () => {
    expect(withProblem(await audit(`record=${encodeURIComponent('case#00000000-0000-4000-8000-000000000000')}`))).toMatchObject({
      status: 404,
      body: { code: 'CASE_NOT_FOUND' },
    });
    expect(withProblem(await audit(`record=${encodeURIComponent('consultation#none-such')}`))).toMatchObject({
      status: 404,
      body: { code: 'CONSULTATION_NOT_FOUND' },
    });
    expect(withProblem(await audit(`record=${encodeURIComponent('fund#agency:hz-xihu#2026#local')}`))).toMatchObject({
      status: 400,
      body: { code: 'INVALID_FIELD', field: 'record' },
    });
  });
});
