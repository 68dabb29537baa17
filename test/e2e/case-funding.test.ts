import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFundingSchema } from '../../functions/api/responses/case-funding-answers.ts';
import type { caseFundingView } from '../../functions/api/views/case-funding.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { problemOf } from '../support/problem.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';

// A case's funding view over HTTP, read at once after each step (it is folded from the event store):
// assessed after closing and a file review, approved below the assessment with a reason, paid. What
// the approval and the payment answered is what the view must show, with who made them and when.

const XIHU = 'agency:hz-xihu';
let stack: Awaited<ReturnType<typeof startTestStack>>;
const reviewer = principal('agency-reviewer');
const supervisor = principal('supervisor');
const finance = principal('finance');
const lawyer = principal('aid-worker');
const admin = principal('administrator');

const post = async (as: typeof reviewer, path: string, body: unknown) => {
  const r = await stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
};
const ok = (r: ApiResponse) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  // Every answer as the OpenAPI document declares it.
  caseFundingSchema.parse(r.body);
  return r.body as unknown as FundingView;
};
const funding = (caseId: string, as = finance) => stack.request('GET', `/cases/${caseId}/funding`, { as });

type FundingView = ReturnType<typeof caseFundingView>;
type Approval = { subsidy: { rateTableId: string; baseFen: number; assessedFen: number; approvedFen: number } };

let caseId: string;
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
beforeAll(async () => {
  stack = await startTestStack('e2e-case-funding');
  await post(admin, '/workers', validBody('RegisterAidWorker', { org: XIHU, agencyId: XIHU, workerId: lawyer.sub }));
  await post(finance, '/funds/allocations', {
    agencyId: XIHU,
    year,
    source: 'local-budget',
    amountFen: 10_000_000,
    reference: '财预〔2026〕9号',
  });
  caseId = (await post(reviewer, '/applications', applicationBody())).caseId as string;
  await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });
  await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' });
  await post(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub });
}, 120_000);
afterAll(async () => stack?.stop());

describe('GET /cases/{id}/funding', () => {
  it('before closing: nothing assessable, nothing outstanding, and why', async () => {
    const v = ok(await funding(caseId));
    expect(v.status).toBe('not-assessable');
    expect(v.notAssessable?.code).toBe('SUBSIDY_CASE_NOT_CLOSED');
    expect([v.assessment, v.outstandingFen, v.approvals, v.payments]).toEqual([null, 0, [], []]);
  });

  it('assessed, approved and paid: the rate table, base, adjustments with their rules, who approved and paid, what is outstanding', async () => {
    await post(lawyer, `/cases/${caseId}/closing`, validBody('CloseCase', { org: XIHU, agencyId: XIHU, workerId: lawyer.sub }));
    await post(
      supervisor,
      `/cases/${caseId}/supervision/file-reviews`,
      validBody('RecordCaseFileReview', { org: XIHU, agencyId: XIHU, workerId: '' }),
    );
    const assessed = ok(await funding(caseId));
    expect(assessed.status).toBe('assessed');
    const a = assessed.assessment!;
    expect(a.rateTable.source).toEqual(expect.any(String));
    expect(a.rateTable.effectiveFrom! <= a.relevantDate).toBe(true);
    const grade = a.adjustments.find((x) => x.kind === 'quality-grade')!;
    expect(grade.rule).toContain(a.rateTable.id);
    expect(a.assessedFen).toBe(a.baseFen + grade.amountFen);
    expect(assessed.outstandingFen).toBe(a.assessedFen);

    const approvedFen = a.assessedFen - 100;
    const approval = (await post(finance, `/cases/${caseId}/subsidy/approval`, {
      fund: { year, source: 'local-budget' },
      approvedFen,
      note: '结案报告迟交',
    })) as unknown as Approval;
    const approved = ok(await funding(caseId));
    expect(approved.status).toBe('approved');
    expect(approved.approvals).toHaveLength(1);
    const ap = approved.approvals[0]!;
    // What the approval command answered, read back.
    expect([ap.rateTable.id, ap.baseFen, ap.assessedFen, ap.approvedFen]).toEqual([
      approval.subsidy.rateTableId,
      approval.subsidy.baseFen,
      approval.subsidy.assessedFen,
      approval.subsidy.approvedFen,
    ]);
    expect(ap.rateTable.id).toBe(a.rateTable.id);
    expect(ap.recordedBy).toMatchObject({ id: finance.sub, role: 'finance', organisation: XIHU });
    expect(ap.fund).toMatchObject({ agencyId: XIHU, year, source: 'local-budget' });
    expect(approved.assessment?.adjustments.find((x) => x.kind === 'approval-reduction')?.amountFen).toBe(-100);
    expect(approved.outstandingFen).toBe(approvedFen);

    await post(finance, `/cases/${caseId}/subsidy/payment`, { fund: { year, source: 'local-budget' }, reference: 'PAY-CF-1' });
    const paid = ok(await funding(caseId));
    expect(paid.status).toBe('paid');
    expect(paid.payments).toEqual([
      expect.objectContaining({ amountFen: approvedFen, reference: 'PAY-CF-1', fund: expect.objectContaining({ source: 'local-budget' }) }),
    ]);
    expect(paid.payments[0]?.recordedBy.id).toBe(finance.sub);
    expect([paid.paidFen, paid.outstandingFen]).toEqual([approvedFen, 0]);
  });

  it("in the case's scope: its lawyer and the bureau's auditor read it; another agency's finance and a court do not", async () => {
    ok(await funding(caseId, lawyer));
    ok(await funding(caseId, principal('auditor')));
    const other = await funding(caseId, principal('finance', { sub: 'finance-gs', org: 'agency:hz-gongshu' }));
    expect(other.status).toBe(403);
    expect(problemOf(other.body).code).toBe('OUT_OF_SCOPE');
    expect((await funding(caseId, principal('court'))).status).toBe(403);
    expect(problemOf((await funding(randomUUID())).body).code).toBe('CASE_NOT_FOUND');
  });
});
