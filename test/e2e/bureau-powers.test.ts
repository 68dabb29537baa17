import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { problemOf } from '../support/problem.ts';

// The justice bureau's powers over HTTP (Art 49, Art 64): objections are lodged with and decided by
// the bureau that set up the case's agency, as the registry has it; a correction order sends the
// case back to the agency, which decides again; deception is found only by that bureau.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-bureau-powers');
});
afterAll(async () => stack?.stop());

const reviewer = principal('agency-reviewer');
const agencyAdmin = principal('administrator');
const bureau = principal('administrator', { sub: 'bureau-officer-wu', org: 'justice-bureau:hz-xihu' });
const otherBureaus = [
  principal('administrator', { sub: 'officer-gongshu', org: 'justice-bureau:hz-gongshu' }),
  principal('administrator', { sub: 'officer-shushan', org: 'justice-bureau:hf-shushan' }),
  // The city bureau above the county bureau that set the agency up is not the one the law names.
  principal('administrator', { sub: 'officer-hz', org: 'justice-bureau:hz' }),
];

const post = (as: typeof reviewer, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const ok = <T extends ApiResponse>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const refusedWith = (r: ApiResponse, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(problemOf(r.body).code).toBe(code);
};
const typesOf = (r: ApiResponse) => (r.body.events as { type: string }[]).map((e) => e.type);
const caseAt = (caseId: string, version: number) =>
  stack.eventually(async () => {
    const r = await stack.request('GET', `/cases/${caseId}`, { as: reviewer });
    return r.status === 200 && (r.body.version as number) >= version ? r.body : null;
  });
type Deadline = { kind: string; open: boolean; overdue: boolean };
const deadline = (view: Record<string, unknown>, kind: string) => (view.deadlines as Deadline[]).find((d) => d.kind === kind);
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

/** An application at agency:hz-xihu with the means assessed as `result`. */
const openApplication = async (result: 'within-standard' | 'above-standard') => {
  const caseId = ok(await post(reviewer, '/applications', applicationBody()), 201).body.caseId as string;
  ok(await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result, reference: null }));
  return caseId;
};

const objection = () => ({ objectionId: 'obj-1', against: 'refusal', grounds: '收入计算有误', lodgedAt: iso(0) });
const decision = { objectionId: 'obj-1', decision: 'correction-ordered', reasons: '申请人符合经济困难标准' };

describe('an objection to a refusal, with the bureau over agency:hz-xihu', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await openApplication('above-standard');
    ok(
      await post(reviewer, `/cases/${caseId}/refusal`, { legalBasis: '《法律援助法》第三十四条', reasons: '家庭收入超过本省经济困难标准' }),
    );
  });

  it('is recorded only by that bureau: not the agency, not another bureau, not a bureau named in the body', async () => {
    refusedWith(await post(agencyAdmin, `/cases/${caseId}/objections`, objection()), 403, 'NOT_THE_BUREAU_OVER_AGENCY');
    refusedWith(await post(reviewer, `/cases/${caseId}/objections`, objection()), 403, 'ROLE_NOT_ALLOWED');
    for (const other of otherBureaus)
      refusedWith(await post(other, `/cases/${caseId}/objections`, objection()), 403, 'NOT_THE_BUREAU_OVER_AGENCY');
    const elsewhere = await post(bureau, `/cases/${caseId}/objections`, { ...objection(), justiceBureauId: 'justice-bureau:hz-gongshu' });
    refusedWith(elsewhere, 422, 'BUREAU_MISMATCH');
    expect(problemOf(elsewhere.body).field).toBe('justiceBureauId');

    const lodged = ok(await post(bureau, `/cases/${caseId}/objections`, objection()));
    expect(typesOf(lodged)).toEqual(['ObjectionLodged']);
    const view = await caseAt(caseId, lodged.body.version as number);
    expect(view).toMatchObject({
      status: 'refused',
      objections: [{ objectionId: 'obj-1', justiceBureauId: 'justice-bureau:hz-xihu', transmittedBy: null, decision: null }],
    });
    expect(deadline(view, 'objection-decision')).toMatchObject({ open: true, overdue: false });
  });

  it('is decided only by that bureau, and a correction order grants nothing: the case goes back to the agency', async () => {
    refusedWith(await post(agencyAdmin, `/cases/${caseId}/objection-decision`, decision), 403, 'NOT_THE_BUREAU_OVER_AGENCY');
    for (const other of otherBureaus)
      refusedWith(await post(other, `/cases/${caseId}/objection-decision`, decision), 403, 'NOT_THE_BUREAU_OVER_AGENCY');

    const decided = ok(await post(bureau, `/cases/${caseId}/objection-decision`, decision));
    expect(typesOf(decided)).toEqual(['ObjectionDecided']);
    const view = await caseAt(caseId, decided.body.version as number);
    expect(view).toMatchObject({ status: 'under-review', objections: [{ decision: 'correction-ordered' }] });
    expect(deadline(view, 'objection-decision')).toMatchObject({ open: false, overdue: false });
    expect(deadline(view, 'correction-redecision')).toMatchObject({ open: true, overdue: false });
    expect(deadline(view, 'assignment')).toBeUndefined();
  });

  it('the agency decides again: it reassesses and grants, and the re-decision is met', async () => {
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null }),
    );
    const granted = ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    expect(typesOf(granted)).toEqual(['AidGranted']);
    const view = await caseAt(caseId, granted.body.version as number);
    expect(view).toMatchObject({ status: 'awaiting-assignment' });
    expect(deadline(view, 'correction-redecision')).toMatchObject({ open: false, overdue: false });
    expect(deadline(view, 'assignment')).toMatchObject({ open: true });
  });

  it('deception is found and fined only by that bureau (Art 64)', async () => {
    const finding = { findings: '隐瞒房产收入', repaymentDueFen: 10_000, fineFen: 10_000 };
    refusedWith(await post(agencyAdmin, `/cases/${caseId}/deception-finding`, finding), 403, 'NOT_THE_BUREAU_OVER_AGENCY');
    for (const other of otherBureaus)
      refusedWith(await post(other, `/cases/${caseId}/deception-finding`, finding), 403, 'NOT_THE_BUREAU_OVER_AGENCY');
    const found = ok(await post(bureau, `/cases/${caseId}/deception-finding`, finding));
    expect(typesOf(found)).toEqual(['DeceptionFound', 'AidTerminated']);
    expect(await caseAt(caseId, found.body.version as number)).toMatchObject({ status: 'terminated' });
  });
});

describe('an objection to a termination, handed in at the agency', () => {
  it('the agency passes it on, the bureau orders correction, and the agency reinstates the aid', async () => {
    const caseId = await openApplication('within-standard');
    ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    ok(
      await post(reviewer, `/cases/${caseId}/termination`, {
        ground: 'aided-person-request-with-good-reason',
        reasons: '受援人要求终止',
        legalBasis: null,
      }),
    );
    // Only the case's own agency passes one on, and never names the bureau itself.
    const body = { objectionId: 'obj-1', against: 'termination', grounds: '并未要求终止', receivedAt: iso(0) };
    refusedWith(
      await post(reviewer, `/cases/${caseId}/objection-transmittals`, { ...body, justiceBureauId: 'justice-bureau:hz' }),
      400,
      'INVALID_FIELD',
    );
    const transmitted = ok(await post(reviewer, `/cases/${caseId}/objection-transmittals`, body));
    const lodgedView = await caseAt(caseId, transmitted.body.version as number);
    expect(lodgedView).toMatchObject({
      objections: [{ justiceBureauId: 'justice-bureau:hz-xihu', transmittedBy: { agencyId: 'agency:hz-xihu' } }],
    });

    refusedWith(await post(agencyAdmin, `/cases/${caseId}/objection-decision`, decision), 403, 'NOT_THE_BUREAU_OVER_AGENCY');
    const decided = ok(await post(bureau, `/cases/${caseId}/objection-decision`, decision));
    expect(typesOf(decided)).toEqual(['ObjectionDecided']);
    expect(await caseAt(caseId, decided.body.version as number)).toMatchObject({ status: 'terminated' });

    const reinstated = ok(await post(reviewer, `/cases/${caseId}/reinstatement`, {}));
    expect(typesOf(reinstated)).toEqual(['AidReinstated']);
    const view = await caseAt(caseId, reinstated.body.version as number);
    expect(view).toMatchObject({ status: 'awaiting-assignment', objections: [{ decision: 'correction-ordered' }] });
    expect(deadline(view, 'correction-redecision')).toMatchObject({ open: false, overdue: false });
  });
});
