import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRegisterSchema } from '../../functions/api/responses/notice-answers.ts';
import { parseCsv } from '../../functions/lib/audit/csv.ts';
import { importedIdOf } from '../../functions/lib/import/record-ids.ts';
import { validBody } from '../support/command-bodies.ts';
import { caseLines, numbered, smallImport } from '../support/import-file.ts';
import { problemOf } from '../support/problem.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';

// The notice register of an agency and year, over HTTP: the numbers the assignments answered, in
// order, with their cases and stubs; paged; as CSV; for the agency's staff and the bureau's auditors,
// not for another agency or a court. Then the store is damaged (a stub item deleted in DynamoDB
// Local, which no API call can do) and the register shows the hole instead of closing it.

const XIHU = 'agency:hz-xihu';
let stack: Awaited<ReturnType<typeof startTestStack>>;
const reviewer = principal('agency-reviewer');
const court = principal('court');
const admin = principal('administrator');

const post = async (as: typeof reviewer, path: string, body: unknown, status: number) => {
  const r = await stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const ok = (r: ApiResponse) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  // Every answer as the OpenAPI document declares it.
  noticeRegisterSchema.parse(r.body);
  return r.body;
};

type Notice = { number: number; printed: string; caseId: string; workerId: string; assignedAt: string; recordedAt: string };
type LegacyNotice = {
  printed: string;
  caseId: string;
  workerId: string;
  assignedAt: string;
  stub: { stream: string; version: number; hash: string } | null;
};
type Register = {
  notices: Notice[];
  gaps: { from: number; to: number }[];
  nextAfter: number | null;
  misplaced: unknown[];
  legacy: { spaces: { system: string; notices: LegacyNotice[] }[]; nextAfter: number | null };
};

/** What each assignment answered: its case and number, in the order they were made. */
const assigned: { caseId: string; number: number; year: number }[] = [];

beforeAll(async () => {
  stack = await startTestStack('e2e-notice-register');
  await post(admin, '/workers', validBody('RegisterAidWorker', { org: XIHU, agencyId: XIHU, workerId: 'lawyer-wang' }), 201);
  for (let i = 0; i < 4; i++) {
    const opened = await post(
      court,
      '/defence-notifications',
      validBody('ReceiveDefenceNotification', { org: court.org, agencyId: XIHU, workerId: '' }),
      201,
    );
    const caseId = opened.body.id as string;
    const answer = await post(reviewer, `/cases/${caseId}/assignment`, { workerId: 'lawyer-wang' }, 200);
    const notice = answer.body.notice as { number: number; year: number };
    assigned.push({ caseId, number: notice.number, year: notice.year });
  }
}, 120_000);
afterAll(async () => stack?.stop());

const registerOf = async (query: string, as = reviewer) => stack.request<Register>('GET', `/notice-register?${query}`, { as });

describe('GET /notice-register', () => {
  it('lists the numbers the assignments took, in order, with their cases and stubs, and no gap', async () => {
    const year = assigned[0]!.year;
    const r = ok(await registerOf(`agencyId=${XIHU}&year=${year}`)) as Register;
    expect(r.notices.map((n) => [n.number, n.caseId])).toEqual(assigned.map((a) => [a.number, a.caseId]));
    expect(r.notices.every((n) => n.workerId === 'lawyer-wang' && n.printed.includes(String(n.number).padStart(4, '0')))).toBe(true);
    expect(r.gaps).toEqual([]);
    expect(r.misplaced).toEqual([]);
    expect(r.nextAfter).toBeNull();
  });

  it('pages by number: the next page starts after the last number of the one before', async () => {
    const year = assigned[0]!.year;
    const first = ok(await registerOf(`agencyId=${XIHU}&year=${year}&limit=3`)) as Register;
    expect(first.notices).toHaveLength(3);
    expect(first.nextAfter).toBe(first.notices[2]!.number);
    const rest = ok(await registerOf(`agencyId=${XIHU}&year=${year}&after=${first.nextAfter}`)) as Register;
    expect([...first.notices, ...rest.notices].map((n) => n.caseId)).toEqual(assigned.map((a) => a.caseId));
    expect(rest.gaps).toEqual([]);
  });

  it('answers CSV with one row per notice', async () => {
    const year = assigned[0]!.year;
    const res = await fetch(`${stack.url}/notice-register?agencyId=${XIHU}&year=${year}&format=csv`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(reviewer)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toContain('caseId');
    expect(rows.slice(1).map((row) => row[3])).toEqual(assigned.map((a) => a.caseId));
  });

  it("is read by the bureau's auditor; refused to another agency's staff and to a court", async () => {
    const year = assigned[0]!.year;
    ok(await registerOf(`agencyId=${XIHU}&year=${year}`, principal('auditor')));
    const sibling = await registerOf(
      `agencyId=${XIHU}&year=${year}`,
      principal('agency-reviewer', { sub: 'r-gs', org: 'agency:hz-gongshu' }),
    );
    expect(sibling.status).toBe(403);
    expect(problemOf(sibling.body).field).toBe('agencyId');
    expect((await registerOf(`agencyId=${XIHU}&year=${year}`, court)).status).toBe(403);
    const bad = await registerOf(`agencyId=${XIHU}&year=26`);
    expect(bad.status).toBe(400);
    expect(problemOf(bad.body).field).toBe('year');
  });

  it('shows a stub deleted from the store as a gap, and keeps the numbers after it', async () => {
    const { year } = assigned[0]!;
    const lost = assigned[1]!;
    await stack.client.send(
      new DeleteItemCommand({
        TableName: stack.eventsTable,
        Key: { stream: { S: `notice#${XIHU}#${year}` }, version: { N: String(lost.number) } },
      }),
    );
    const r = ok(await registerOf(`agencyId=${XIHU}&year=${year}`)) as Register;
    expect(r.gaps).toEqual([{ from: lost.number, to: lost.number }]);
    expect(r.notices.map((n) => n.caseId)).toEqual(assigned.filter((a) => a !== lost).map((a) => a.caseId));
    // A page that starts right at the hole shows it too.
    const after = ok(await registerOf(`agencyId=${XIHU}&year=${year}&after=${assigned[0]!.number}`)) as Register;
    expect(after.gaps).toEqual([{ from: lost.number, to: lost.number }]);
  });
});

describe('GET /notice-register: numbers imported from an older system', () => {
  const SYSTEM = 'xh-register';
  const importer = principal('administrator', { sub: 'admin-xihu', org: XIHU });
  // The small 2018 file (two printed numbers, 0031 and 0032), then a case printed 0005 later in the
  // file: the register lists them in printed order, not in the order they were imported.
  const file = [...smallImport(), ...caseLines('C2018-0009', 11, { notice: '(2018)杭西援指字第0005号' })];
  const lines = numbered(file).map(({ line, value }) => ({ line, ...value }));
  const printedAssignments = file
    .filter((l) => l.command === 'AssignAidWorker' && typeof l.noticeNumber === 'string')
    .map((l) => ({ printed: l.noticeNumber as string, caseId: importedIdOf(SYSTEM, l.record), occurredAt: l.occurredAt }));
  const importAs = async (batch: string) => {
    const res = await stack.request<{ summary: Record<string, number> }>('POST', '/imports', {
      as: importer,
      body: { system: SYSTEM, batch, lines },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.summary;
  };
  const legacyOf = async () => (ok(await registerOf(`agencyId=${XIHU}&year=2018`)) as Register).legacy;

  it("lists the year's imported numbers under legacy, per system, in printed order, with their cases, dates and stubs", async () => {
    const summary = await importAs('register-1');
    expect(summary.rejected ?? 0).toBe(0);
    const legacy = await legacyOf();
    expect(legacy.spaces.map((s) => s.system)).toEqual([SYSTEM]);
    const listed = legacy.spaces[0]!.notices;
    // Every number is printed alike, so the text's order is the numbers' order.
    const expected = [...printedAssignments].sort((a, b) => (a.printed < b.printed ? -1 : 1));
    expect(expected.map((e) => e.printed)).not.toEqual(printedAssignments.map((e) => e.printed));
    expect(listed.map((n) => [n.printed, n.caseId])).toEqual(expected.map((e) => [e.printed, e.caseId]));
    listed.forEach((n, i) => {
      expect(Date.parse(n.assignedAt)).toBe(Date.parse(expected[i]!.occurredAt));
      expect(n.stub).toMatchObject({ stream: `notice-legacy#${XIHU}#${SYSTEM}#${n.printed}`, version: 1 });
    });
    expect(legacy.nextAfter).toBeNull();
    // The agency's own numbering of 2018 holds only the two the file left unnumbered.
    const own = ok(await registerOf(`agencyId=${XIHU}&year=2018`)) as Register;
    expect(own.notices.map((n) => n.caseId)).toEqual([importedIdOf(SYSTEM, 'C2018-0003'), importedIdOf(SYSTEM, 'C2018-0005')]);
    // Another year's register has none of them.
    expect((ok(await registerOf(`agencyId=${XIHU}&year=2019`)) as Register).legacy.spaces).toEqual([]);
  });

  it('a re-run of the import adds no entry twice', async () => {
    const before = await legacyOf();
    const again = await importAs('register-1-again');
    expect(again.accepted).toBe(0);
    expect(await legacyOf()).toEqual(before);
  });

  it('pages the legacy numbers on their own, and lists them in CSV under their space', async () => {
    const first = (ok(await registerOf(`agencyId=${XIHU}&year=2018&limit=2`)) as Register).legacy;
    expect(first.nextAfter).not.toBeNull();
    const rest = (ok(await registerOf(`agencyId=${XIHU}&year=2018&limit=2&legacyAfter=${first.nextAfter}`)) as Register).legacy;
    expect(rest.nextAfter).toBeNull();
    const paged = [...first.spaces, ...rest.spaces].flatMap((s) => s.notices.map((n) => n.printed)).sort();
    expect(paged).toEqual(printedAssignments.map((p) => p.printed).sort());

    const res = await fetch(`${stack.url}/notice-register?agencyId=${XIHU}&year=2018&format=csv`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(reviewer)}` },
    });
    const rows = parseCsv(await res.text());
    const legacyRows = rows.filter((row) => row[0] === `legacy:${SYSTEM}`);
    expect(legacyRows.map((row) => [row[2], row[3]])).toEqual(
      [...printedAssignments].sort((a, b) => (a.printed < b.printed ? -1 : 1)).map((e) => [e.printed, e.caseId]),
    );
  });

  it('shows a stub deleted from the store as missing, its index entry kept', async () => {
    const lost = printedAssignments[0]!;
    await stack.client.send(
      new DeleteItemCommand({
        TableName: stack.eventsTable,
        Key: { stream: { S: `notice-legacy#${XIHU}#${SYSTEM}#${lost.printed}` }, version: { N: '1' } },
      }),
    );
    const listed = (await legacyOf()).spaces[0]!.notices;
    expect(listed.find((n) => n.printed === lost.printed)?.stub).toBeNull();
    expect(listed.filter((n) => n.stub === null)).toHaveLength(1);
  });
});
