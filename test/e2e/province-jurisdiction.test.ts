import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf, chinaYearOf } from '../../domain/time/calendar.ts';
import { caseIdFor } from '../../functions/api/command-headers.ts';
import { loadRegistry } from '../../functions/lib/registry/load-registry.ts';
import { runRegistryCommand } from '../../functions/lib/registry/registry-command.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { withProblem } from '../support/problem.ts';

// Issue 15, points 4 and 5, over HTTP against the local stack with the seed loaded: a case's
// province follows its agency in the registry, an application for another agency's area is referred
// (Art 38), and after a merger the successor numbers the absorbed agency's notices and pays from its
// own funds.

const XIHU = 'agency:hz-xihu';
const BINJIANG = 'agency:hz-binjiang';
const reviewer = principal('agency-reviewer');
const reviewerBinjiang = principal('agency-reviewer', { sub: 'reviewer-bj-01', org: BINJIANG });
const court = principal('court');
const admin = principal('administrator');
const finance = principal('finance');
const lawyer = principal('aid-worker');

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-province');
  const r = await post(admin, '/workers', {
    workerId: lawyer.sub,
    agencyId: XIHU,
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '13301201510123456',
    relevantPracticeSince: '2015-06-01',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}, 120_000);
afterAll(async () => stack?.stop());

const post = (as: DevPrincipal, path: string, body: unknown, key = newKey()) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': key } });
const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const refused = (r: ApiResponse, status: number, code: string, field?: string) =>
  expect(withProblem(r)).toMatchObject({ status, body: { code, ...(field ? { field } : {}) } });
const streamOf = async (stream: string) => stack.store.readStream(stream);
/** An application as clients send it now: the province left to the registry. */
const { province: _typedIn, ...withoutProvince } = applicationBody();

describe("a case's province is its agency's in the registry", () => {
  it('a Hangzhou agency naming province 34 is refused on the field and nothing is written', async () => {
    const key = newKey();
    refused(await post(reviewer, '/applications', applicationBody({ province: '34' }), key), 409, 'PROVINCE_MISMATCH', 'province');
    expect(await streamOf(`case#${caseIdFor(XIHU, key)}`)).toEqual([]);
    // The key was not used up: the same request without the wrong province opens that case.
    const opened = ok(await post(reviewer, '/applications', withoutProvince, key), 201);
    expect(opened.body.caseId).toBe(caseIdFor(XIHU, key));
  });

  it("without a province the case is Zhejiang's (33) and judged by Zhejiang's rules", async () => {
    const caseId = ok(await post(reviewer, '/applications', withoutProvince), 201).body.caseId as string;
    const [receivedEvent] = await streamOf(`case#${caseId}`);
    expect(receivedEvent).toMatchObject({ type: 'ApplicationReceived', data: { agencyId: XIHU, province: '33' } });
    // Anhui's local waiver is not in Zhejiang's rules; Zhejiang's own is.
    const waive = (code: string) =>
      post(reviewer, `/cases/${caseId}/means-check-waiver`, { ground: { kind: 'local', code }, proof: ['证明'] });
    refused(await waive('poverty-alleviation-target'), 409, 'LOCAL_WAIVER_NOT_IN_FORCE', 'ground.code');
    const waived = ok(await waive('low-income-household'));
    expect((await streamOf(`case#${caseId}`)).at(-1)).toMatchObject({
      type: 'MeansCheckWaived',
      data: { ruleSetId: expect.stringMatching(/^zhejiang-/) },
    });
    expect(waived.body.version).toBe(2);
  });

  it('the province named must be the one of the agency on the day: 33 is accepted at a Hangzhou agency', async () => {
    const caseId = ok(await post(reviewer, '/applications', applicationBody({ province: '33' })), 201).body.caseId as string;
    expect((await streamOf(`case#${caseId}`))[0]).toMatchObject({ data: { province: '33' } });
  });

  it('a notification to an agency the registry does not know, or one merged away, is refused on agencyId', async () => {
    const notification = (agencyId: string) => ({
      agencyId,
      authority: { kind: 'court', organisationId: court.org },
      authorityReference: '(2026)浙0106刑初9号',
      ground: 'minor',
      stage: 'trial',
      defendant: { name: '小明', identityNumber: '330106200901011234' },
      charge: '盗窃',
      foundAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const unknownKey = newKey();
    refused(
      await post(court, '/defence-notifications', notification('agency:nowhere'), unknownKey),
      409,
      'AGENCY_NOT_REGISTERED',
      'agencyId',
    );
    expect(await streamOf(`case#${caseIdFor(court.org, unknownKey)}`)).toEqual([]);
    refused(await post(court, '/defence-notifications', notification('agency:hz-jianggan')), 409, 'AGENCY_NOT_OPEN', 'agencyId');
    refused(await post(court, '/defence-notifications', notification('court:hz-xihu')), 409, 'NOT_A_LEGAL_AID_AGENCY', 'agencyId');
    const opened = ok(await post(court, '/defence-notifications', notification(XIHU)), 201);
    expect((await streamOf(`case#${opened.body.caseId as string}`))[0]).toMatchObject({ data: { agencyId: XIHU, province: '33' } });
  });
});

describe('Art 38: an application for another agency area is referred there', () => {
  it('a matter before a Hefei court, applied for at Xihu: 202 naming agency:hf-shushan, a referral recorded, no case', async () => {
    const key = newKey();
    const body = { ...withoutProvince, handlingAuthorityId: 'court:hf-shushan' };
    const r = ok(await post(reviewer, '/applications', body, key), 202);
    const id = caseIdFor(XIHU, key);
    expect(r.body).toMatchObject({
      referralId: id,
      stream: `referral#${id}`,
      referral: { competentAgencyId: 'agency:hf-shushan', basis: 'handling-authority', areaId: 'justice-bureau:hf-shushan' },
    });
    expect(r.body.referral).toMatchObject({ competentAgencyName: expect.stringContaining('蜀山') });
    expect(await streamOf(`case#${id}`)).toEqual([]);
    const [referred] = await streamOf(`referral#${id}`);
    expect(referred).toMatchObject({
      type: 'ApplicationReferred',
      data: { agencyId: XIHU, province: '33', competentAgencyId: 'agency:hf-shushan', competentProvince: '34' },
      actor: { id: reviewer.sub, organisation: XIHU },
    });
    // A retry is the same referral, not a second one.
    const again = ok(await post(reviewer, '/applications', body, key), 202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await streamOf(`referral#${id}`)).toHaveLength(1);
  });

  it('a matter where it arose, by division code, goes there too; one in Xihu or one the registry cannot place is received', async () => {
    const shouxian = ok(await post(reviewer, '/applications', { ...withoutProvince, matterDivisionCode: '340422' }), 202);
    expect(shouxian.body.referral).toMatchObject({ competentAgencyId: 'agency:huainan-shouxian', basis: 'matter-division' });
    ok(await post(reviewer, '/applications', { ...withoutProvince, handlingAuthorityId: 'court:hz-xihu' }), 201);
    ok(await post(reviewer, '/applications', { ...withoutProvince, matterDivisionCode: '330106' }), 201);
    ok(await post(reviewer, '/applications', { ...withoutProvince, matterDivisionCode: '110101' }), 201);
  });

  it('a handling authority the registry does not hold is refused on its field', async () => {
    const key = newKey();
    refused(
      await post(reviewer, '/applications', { ...withoutProvince, handlingAuthorityId: 'court:nowhere' }, key),
      409,
      'HANDLING_AUTHORITY_UNKNOWN',
      'handlingAuthorityId',
    );
    expect(await streamOf(`referral#${caseIdFor(XIHU, key)}`)).toEqual([]);
    expect(await streamOf(`case#${caseIdFor(XIHU, key)}`)).toEqual([]);
  });
});

describe('funds follow the agency', () => {
  it("finance allocates to its own agency's fund only", async () => {
    const year = chinaYearOf(new Date().toISOString());
    const allocation = (agencyId: string) => ({
      agencyId,
      year,
      source: 'local-budget',
      amountFen: 1_000_000,
      reference: '财预〔2026〕1号',
    });
    refused(await post(finance, '/funds/allocations', allocation('agency:hf-shushan')), 403, 'OTHER_ORGANISATION', 'agencyId');
    expect(await streamOf(`fund#agency:hf-shushan#${year}#local-budget`)).toEqual([]);
    ok(await post(finance, '/funds/allocations', allocation(XIHU)));
  });
});

// Last: it merges Binjiang's agency into Xihu's in this stack's registry, from today.
describe("after a merger the successor numbers the absorbed agency's notices", () => {
  it("a Binjiang case granted before the merger is assigned after it under Xihu's next notice number", async () => {
    const received = ok(
      await post(reviewerBinjiang, '/applications', {
        ...withoutProvince,
        agencyId: BINJIANG,
        receivedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
        lateEntryReason: 'paper-ledger',
      }),
      201,
    );
    const caseId = received.body.caseId as string;
    ok(
      await post(reviewerBinjiang, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
    );
    ok(await post(reviewerBinjiang, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第四十三条' }));

    const today = chinaDateOf(new Date().toISOString());
    const year = chinaYearOf(new Date().toISOString());
    const meta = {
      actor: { id: 'bureau-officer-wu', role: 'administrator', organisation: 'justice-bureau:hz' },
      workstation: null,
      correlationId: randomUUID(),
    };
    await runRegistryCommand(
      stack.store,
      await loadRegistry(stack.store),
      BINJIANG,
      { type: 'MergeOrganisation', data: { successorId: XIHU, effectiveFrom: today } },
      meta,
    );

    // Binjiang's own staff are gone from the registry; Xihu's hold the case now.
    refused(await post(reviewerBinjiang, `/cases/${caseId}/assignment`, { workerId: lawyer.sub }), 403, 'ORGANISATION_NOT_OPEN');
    const before = (await streamOf(`notice#${XIHU}#${year}`)).length;
    const assigned = ok(await post(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub }));
    expect(assigned.body.notice).toEqual({ agencyId: XIHU, year, number: before + 1 });
    expect(await streamOf(`notice#${BINJIANG}#${year}`)).toEqual([]);
    expect((await streamOf(`notice#${XIHU}#${year}`)).at(-1)).toMatchObject({ data: { caseId, noticeNumber: before + 1 } });

    // Closed, its subsidy is Xihu's to pay: committed on Xihu's fund, never on Binjiang's.
    ok(
      await post(lawyer, `/cases/${caseId}/closing`, {
        outcome: 'mediation-agreement',
        summary: '调解结案',
        documents: [{ kind: 'handling-report', title: '结案报告' }],
        economicLossRecoveredFen: 0,
        closedAt: new Date().toISOString(),
      }),
    );
    ok(
      await post(finance, '/funds/allocations', {
        agencyId: XIHU,
        year,
        source: 'provincial-fund',
        amountFen: 1_000_000,
        reference: '浙财〔2026〕2号',
      }),
    );
    const approved = ok(await post(finance, `/cases/${caseId}/subsidy/approval`, { fund: { year, source: 'provincial-fund' } }));
    expect(approved.body).toMatchObject({ subsidy: { agencyId: BINJIANG, fund: { agencyId: XIHU, year, source: 'provincial-fund' } } });
    expect(await streamOf(`fund#${BINJIANG}#${year}#provincial-fund`)).toEqual([]);
    expect((await streamOf(`fund#${XIHU}#${year}#provincial-fund`)).at(-1)).toMatchObject({ type: 'SubsidyCommitted', data: { caseId } });
  });
});
