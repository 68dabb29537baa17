import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { problemOf, withProblem } from '../support/problem.ts';

// The four stories, over HTTP against the local stack, as the workstations would tell them.
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-lifecycle');
  const r = await post(admin, '/workers', {
    workerId: lawyer.sub,
    agencyId: 'agency:hz-xihu',
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '13301201510123456',
    relevantPracticeSince: '2015-06-01',
  });
  expect(r.status).toBe(201);
});
afterAll(async () => stack?.stop());

const reviewer = principal('agency-reviewer');
const court = principal('court');
const detentionCentre = principal('detention-centre');
const admin = principal('administrator');
const bureau = principal('administrator', { sub: 'bureau-officer-wu', org: 'justice-bureau:hz-xihu' });
const lawyer = principal('aid-worker');

const post = (as: typeof reviewer, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const ok = <T extends ApiResponse>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
/** The case as the read model shows it, once it has caught up with `version`. */
const caseAt = (caseId: string, version: number, as = reviewer) =>
  stack.eventually(async () => {
    const r = await stack.request('GET', `/cases/${caseId}`, { as });
    return r.status === 200 && (r.body.version as number) >= version ? r.body : null;
  });
type Deadline = { kind: string; overdue: boolean; open: boolean; satisfiedAt: string | null; dueAt: string };
const deadline = (view: Record<string, unknown>, kind: string) => (view.deadlines as Deadline[]).find((d) => d.kind === kind);

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const HOUR = 3_600_000;

describe('a court notifies a defence and the agency assigns a lawyer within the deadline', () => {
  it('numbers the notice, tells the court, and keeps the 3-day assignment clock', async () => {
    const notified = ok(
      await post(court, '/defence-notifications', {
        agencyId: 'agency:hz-xihu',
        province: '33',
        authority: { kind: 'court', organisationId: court.org },
        authorityReference: '(2026)浙0106刑初123号',
        ground: 'minor',
        stage: 'trial',
        defendant: { name: '小明', identityNumber: '330106200901011234' },
        charge: '盗窃',
        foundAt: iso(30 * HOUR),
      }),
      201,
    );
    const caseId = notified.body.caseId as string;
    const assigned = ok(await post(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub }));
    expect(assigned.body.notice).toMatchObject({ agencyId: 'agency:hz-xihu', number: expect.any(Number) });

    // The court sees the case it notified, with the assignment made in time.
    const view = await caseAt(caseId, assigned.body.version as number, court);
    expect(view).toMatchObject({
      status: 'in-progress',
      origin: { kind: 'notification', ground: 'minor' },
      assignment: { workerId: lawyer.sub },
    });
    expect(deadline(view, 'assignment')).toMatchObject({ open: false, overdue: false });
    expect(deadline(view, 'notification')).toMatchObject({ overdue: false });
    // Another court does not.
    const other = await stack.request('GET', `/cases/${caseId}`, { as: principal('court', { org: 'court:hz-gongshu', sub: 'clerk-gs' }) });
    expect(other.status).toBe(403);
  });
});

describe("a detention centre's late forwarding is flagged", () => {
  it('accepts the application and shows the forwarding deadline as missed (Art 39)', async () => {
    const forwarded = ok(
      await post(detentionCentre, '/forwarded-applications', {
        ...applicationBody({ category: 'criminal', formOfAid: 'criminal-defence' }),
        channel: undefined,
        forwarder: { kind: 'detention-centre', organisationId: detentionCentre.org },
        receivedByForwarderAt: iso(50 * HOUR),
        forwardedAt: iso(2 * HOUR),
      }),
      201,
    );
    const view = await caseAt(forwarded.body.caseId as string, 1, detentionCentre);
    expect(view).toMatchObject({ status: 'under-review', origin: { kind: 'forwarded-application', lateForwarding: true } });
    expect(deadline(view, 'forwarding')).toMatchObject({ overdue: true, open: false });
    expect(view.overdue).toContain('forwarding');
  });

  it('does not flag forwarding within 24 hours', async () => {
    const forwarded = ok(
      await post(detentionCentre, '/forwarded-applications', {
        ...applicationBody({ category: 'criminal', formOfAid: 'criminal-defence' }),
        channel: undefined,
        forwarder: { kind: 'detention-centre', organisationId: detentionCentre.org },
        receivedByForwarderAt: iso(10 * HOUR),
        forwardedAt: iso(2 * HOUR),
      }),
      201,
    );
    const view = await caseAt(forwarded.body.caseId as string, 1, detentionCentre);
    expect(view).toMatchObject({ origin: { lateForwarding: false } });
    expect(view.overdue).not.toContain('forwarding');
  });
});

describe('a refused application, objected to and corrected', () => {
  it('refuses with basis and reasons, passes the objection on, the bureau orders correction and the agency grants (Art 49)', async () => {
    const opened = ok(await post(reviewer, '/applications', applicationBody()), 201);
    const caseId = opened.body.caseId as string;
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'above-standard', reference: null }),
    );
    // A refusal without written reasons is refused itself.
    const bare = await post(reviewer, `/cases/${caseId}/refusal`, { legalBasis: '《法律援助法》第三十四条', reasons: '' });
    expect(bare.status).toBe(400);
    ok(
      await post(reviewer, `/cases/${caseId}/refusal`, { legalBasis: '《法律援助法》第三十四条', reasons: '家庭收入超过本省经济困难标准' }),
    );
    // Handed in at the agency, passed on to the bureau that set it up (the registry's, not named by the agency).
    const lodged = ok(
      await post(reviewer, `/cases/${caseId}/objection-transmittals`, {
        objectionId: 'obj-1',
        against: 'refusal',
        grounds: '收入计算有误',
        receivedAt: iso(0),
      }),
    );
    const refusedView = await caseAt(caseId, lodged.body.version as number);
    expect(refusedView).toMatchObject({
      status: 'refused',
      objections: [{ objectionId: 'obj-1', justiceBureauId: bureau.org, transmittedBy: { agencyId: 'agency:hz-xihu' }, decision: null }],
    });
    expect(deadline(refusedView, 'objection-decision')).toMatchObject({ open: true, overdue: false });

    const decided = ok(
      await post(bureau, `/cases/${caseId}/objection-decision`, {
        objectionId: 'obj-1',
        decision: 'correction-ordered',
        reasons: '申请人符合经济困难标准',
      }),
    );
    // The order sends the case back to the agency, which decides again.
    const corrected = await caseAt(caseId, decided.body.version as number);
    expect(corrected).toMatchObject({ status: 'under-review', objections: [{ decision: 'correction-ordered' }] });
    expect(deadline(corrected, 'correction-redecision')).toMatchObject({ open: true, overdue: false });
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null }),
    );
    const granted = ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    const regranted = await caseAt(caseId, granted.body.version as number);
    expect(regranted).toMatchObject({ status: 'awaiting-assignment' });
    expect(deadline(regranted, 'assignment')).toMatchObject({ open: true });
  });
});

describe('a closed case', () => {
  it('goes from application to grant, assignment, handling and closing', async () => {
    const opened = ok(await post(reviewer, '/applications', applicationBody()), 201);
    const caseId = opened.body.caseId as string;
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, {
        method: 'data-sharing-query',
        result: 'within-standard',
        reference: 'DS-2026-1',
      }),
    );
    ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条、第四十三条' }));
    ok(await post(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub }));
    // Only the assigned worker records handling and closes.
    expect((await post(reviewer, `/cases/${caseId}/meetings`, { at: iso(0), place: '律师事务所', summary: '了解案情' })).status).toBe(403);
    ok(await post(lawyer, `/cases/${caseId}/meetings`, { at: iso(0), place: '律师事务所', summary: '了解案情' }));
    const closed = ok(
      await post(lawyer, `/cases/${caseId}/closing`, {
        outcome: 'mediation-agreement',
        summary: '调解结案，追回工资',
        documents: [
          { kind: 'handling-report', title: '结案报告' },
          { kind: 'mediation-agreement', title: '调解协议书' },
        ],
        economicLossRecoveredFen: 4_800_000,
        closedAt: iso(0),
      }),
    );
    const view = await caseAt(caseId, closed.body.version as number);
    expect(view).toMatchObject({ status: 'closed', closing: { outcome: 'mediation-agreement', economicLossRecoveredFen: 4_800_000 } });
    // Nothing but archiving and supervision after closing.
    const late = await post(lawyer, `/cases/${caseId}/meetings`, { at: iso(0), place: '律师事务所', summary: '结案后会见' });
    expect(late.status).toBe(409);
    expect(problemOf(late.body)).toMatchObject({ code: expect.any(String) });
  });
});

describe('commands answer clearly when the case or its version is not what the caller thinks', () => {
  it('412 with the current version for a stale If-Match, and nothing written', async () => {
    const opened = ok(await post(reviewer, '/applications', applicationBody()), 201);
    const caseId = opened.body.caseId as string;
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null }),
    );
    const stale = await stack.request('POST', `/cases/${caseId}/grant`, {
      as: reviewer,
      body: { legalBasis: '《法律援助法》第四十三条' },
      headers: { 'idempotency-key': newKey(), 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(problemOf(stale.body)).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersion: 2, expectedVersion: 1 });
    expect(await stack.store.readStream(`case#${caseId}`)).toHaveLength(2);
  });

  it('404 for a command on a case that does not exist, 409 with the rule for one the law forbids', async () => {
    const missing = await post(reviewer, '/cases/no-such-case/grant', { legalBasis: '《法律援助法》第四十三条' });
    expect(withProblem(missing)).toMatchObject({ status: 404, body: { code: 'CASE_NOT_FOUND' } });
    const opened = ok(await post(reviewer, '/applications', applicationBody()), 201);
    const early = await post(reviewer, `/cases/${opened.body.caseId as string}/grant`, { legalBasis: '《法律援助法》第四十三条' });
    expect(withProblem(early)).toMatchObject({
      status: 409,
      body: { code: 'MEANS_CONDITION_UNSETTLED', rule: expect.stringContaining('Art') },
    });
  });
});
