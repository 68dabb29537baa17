import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsOf, serviceStandardFor, type ServiceStandard } from '../../domain/standard/service-standard.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { ok, refused } from '../support/answers.ts';

// Issue 20 point 2 over HTTP: the Hangzhou bureau inspects two agencies and two workstations of last
// year; the city's pass rate and share of model stations are what the scores sent give under the
// standards' own pass marks and targets (computed here from the rule data, not written in).

const XIHU = 'agency:hz-xihu';
const GONGSHU = 'agency:hz-gongshu';
const BINJIANG = 'agency:hz-binjiang';
const LINGYIN = 'workstation:hz-xihu-lingyin';
const COURT_STATION = 'workstation:hz-xihu-court';
const xihuAdmin = principal('administrator', { sub: 'admin-xihu-ss', org: XIHU });
const gongshuAdmin = principal('administrator', { sub: 'admin-gongshu-ss', org: GONGSHU });
const binjiangAdmin = principal('administrator', { sub: 'admin-binjiang-ss', org: BINJIANG });
const xihuReviewer = principal('agency-reviewer', { org: XIHU });
const cityAdmin = principal('administrator', { sub: 'officer-hz-ss', org: 'justice-bureau:hz' });
const hefeiAdmin = principal('administrator', { sub: 'officer-hf-ss', org: 'justice-bureau:hf' });
const provinceAuditor = principal('auditor', { sub: 'auditor-zj-ss', org: 'justice-department:zj' });
const YEAR = new Date().getUTCFullYear() - 1;

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-service-standard');
}, 120_000);
afterAll(async () => stack?.stop());

const post = (as: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const get = (path: string, as: DevPrincipal) => stack.request('GET', path, { as });

const now = new Date().toISOString();
const agencyStandard = serviceStandardFor('agency', null, now)!;
const stationStandard = serviceStandardFor('workstation', null, now)!;
const fullMarks = (s: ServiceStandard) => itemsOf(s).map((i) => ({ itemId: i.id, score: i.maxPoints, evidence: ['自查报告'] }));

type Deduct = { deductionId: string; times: number; reason: string };
/** An inspection deducting `times` of each item's first rule on the first `itemsHit` items. */
const inspection = (s: ServiceStandard, itemsHit: number, times: number) =>
  itemsOf(s).map((i, n) => ({
    itemId: i.id,
    deductions: (n < itemsHit ? [{ deductionId: i.deductions[0]!.id, times, reason: '抽查发现' }] : []) as Deduct[],
    evidence: ['检查记录'],
  }));
/** The total the rule data gives for the deductions sent: each item its points less its rules' points × times, never below 0. */
const totalOf = (s: ServiceStandard, sent: ReturnType<typeof inspection>) =>
  sent.reduce((sum, i) => {
    const item = itemsOf(s).find((x) => x.id === i.itemId)!;
    const lost = i.deductions.reduce((l, d) => l + item.deductions.find((r) => r.id === d.deductionId)!.points * d.times, 0);
    return sum + Math.max(0, item.maxPoints - lost);
  }, 0);

describe('the service standard: self-assessment, inspection, pass rates', () => {
  const id = (organisationId: string) => `${organisationId}:${YEAR}`;
  const xihuInspection = inspection(agencyStandard, 1, 1);
  const gongshuInspection = inspection(agencyStandard, 4, 2);
  const lingyinInspection = inspection(stationStandard, 0, 0);
  const courtStationInspection = inspection(stationStandard, 2, 1);

  it('an agency opens its year with its self-assessment, or opens it and self-assesses after; never another agency’s', async () => {
    refused(await post(xihuAdmin, '/service-assessments', { organisationId: GONGSHU, year: YEAR }), 403, 'OTHER_ORGANISATION');
    const over = fullMarks(agencyStandard).map((i, n) => (n === 0 ? { ...i, score: i.score + 1 } : i));
    refused(await post(xihuAdmin, '/service-assessments', { organisationId: XIHU, year: YEAR, items: over }), 409, 'POINTS_OVER_MAXIMUM');
    const r = ok(
      await post(xihuAdmin, '/service-assessments', { organisationId: XIHU, year: YEAR, items: fullMarks(agencyStandard) }),
      201,
    );
    expect(r.headers.get('location')).toBe(`/service-assessments/${id(XIHU)}`);
    refused(await post(xihuAdmin, '/service-assessments', { organisationId: XIHU, year: YEAR }), 409, 'ASSESSMENT_EXISTS');
    ok(await post(gongshuAdmin, '/service-assessments', { organisationId: GONGSHU, year: YEAR }), 201);
    ok(await post(gongshuAdmin, `/service-assessments/${id(GONGSHU)}/self-assessment`, { items: fullMarks(agencyStandard) }));
    ok(await post(binjiangAdmin, '/service-assessments', { organisationId: BINJIANG, year: YEAR }), 201);
    for (const station of [LINGYIN, COURT_STATION])
      ok(await post(xihuAdmin, '/service-assessments', { organisationId: station, year: YEAR }), 201);
  });

  it('the city bureau inspects; another province’s bureau may not, nor before a self-assessment, nor twice', async () => {
    refused(await post(hefeiAdmin, `/service-assessments/${id(XIHU)}/inspection`, { items: xihuInspection }), 403, 'OUT_OF_SCOPE');
    refused(
      await post(cityAdmin, `/service-assessments/${id(BINJIANG)}/inspection`, { items: inspection(agencyStandard, 0, 0) }),
      409,
      'SELF_ASSESSMENT_REQUIRED',
    );
    const unknown = xihuInspection.map((i, n) =>
      n === 0 ? { ...i, deductions: [{ deductionId: 'no-such-rule', times: 1, reason: 'x' }] } : i,
    );
    refused(await post(cityAdmin, `/service-assessments/${id(XIHU)}/inspection`, { items: unknown }), 409, 'UNKNOWN_DEDUCTION');
    ok(await post(cityAdmin, `/service-assessments/${id(XIHU)}/inspection`, { items: xihuInspection }));
    ok(await post(cityAdmin, `/service-assessments/${id(GONGSHU)}/inspection`, { items: gongshuInspection }));
    refused(await post(cityAdmin, `/service-assessments/${id(XIHU)}/inspection`, { items: xihuInspection }), 409, 'ALREADY_INSPECTED');
    ok(await post(cityAdmin, `/service-assessments/${id(LINGYIN)}/inspection`, { items: lingyinInspection, modelStation: true }));
    ok(await post(cityAdmin, `/service-assessments/${id(COURT_STATION)}/inspection`, { items: courtStationInspection }));

    const xihu = ok(await get(`/service-assessments/${id(XIHU)}`, xihuReviewer)).body;
    expect(xihu).toMatchObject({
      status: 'inspected',
      standardId: agencyStandard.id,
      inspection: { bureauId: 'justice-bureau:hz', total: totalOf(agencyStandard, xihuInspection), passMark: agencyStandard.passMark },
    });
    refused(await get(`/service-assessments/${id(XIHU)}`, gongshuAdmin), 403, 'OUT_OF_SCOPE');
  });

  it("the city's and the province's pass rates are what the scores give against the targets; a model station counts in the share", async () => {
    await stack.settle();
    const agencyTotals = [totalOf(agencyStandard, xihuInspection), totalOf(agencyStandard, gongshuInspection)];
    const passed = agencyTotals.filter((t) => t >= agencyStandard.passMark).length;
    const stationTotals = [totalOf(stationStandard, lingyinInspection), totalOf(stationStandard, courtStationInspection)];
    const expected = {
      agencies: {
        assessed: 2,
        passed,
        passRate: passed / 2,
        target: agencyStandard.targetPassRate,
        met: passed / 2 >= agencyStandard.targetPassRate,
      },
      workstations: {
        assessed: 2,
        passed: stationTotals.filter((t) => t >= stationStandard.passMark).length,
        modelStations: 1,
        modelShare: 1 / 2,
        target: stationStandard.modelStation!.targetShare,
        met: 1 / 2 >= stationStandard.modelStation!.targetShare,
      },
    };
    // The scores sent make one agency pass and one fail: the rate is neither 0 nor 1 by accident.
    expect(passed).toBe(1);
    const city = ok(await get(`/service-standard/pass-rates?bureauId=justice-bureau:hz&year=${YEAR}`, cityAdmin)).body;
    expect(city).toMatchObject({ bureauId: 'justice-bureau:hz', year: YEAR, ...expected });
    const province = ok(await get(`/service-standard/pass-rates?bureauId=justice-department:zj&year=${YEAR}`, provinceAuditor)).body;
    expect(province).toMatchObject(expected);
    refused(await get(`/service-standard/pass-rates?bureauId=justice-bureau:hz&year=${YEAR}`, xihuAdmin), 403, 'OUT_OF_SCOPE');
    refused(await get(`/service-standard/pass-rates?bureauId=justice-bureau:hz&year=${YEAR}`, hefeiAdmin), 403, 'OUT_OF_SCOPE');
  });
});
