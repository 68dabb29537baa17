import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRegisterSchema } from '../../functions/api/responses/notice-answers.ts';
import { parseCsv } from '../../functions/lib/audit/csv.ts';
import { validBody } from '../support/command-bodies.ts';
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
type Register = { notices: Notice[]; gaps: { from: number; to: number }[]; nextAfter: number | null; misplaced: unknown[] };

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
