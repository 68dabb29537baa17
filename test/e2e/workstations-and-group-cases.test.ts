import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { registerOrganisations } from '../support/registry.ts';
import { ok, refused } from '../support/answers.ts';

// Issue 19 points 3 and 6 over HTTP, on an agency of this file's own (so its figures are its own):
// a township station's clerk takes consultations and applications and gives preliminary opinions,
// the agency's reviewer decides (following one opinion, departing from another), and the station's
// month counts both, with the days from the station's receipt to the decision; a clerk cannot grant
// nor act for another station. And a group wage claim of several migrant workers counted per person
// in the monthly report.

let stack: Awaited<ReturnType<typeof startTestStack>>;
const AGENCY = `agency:net19-${randomBytes(3).toString('hex')}`;
/** The group cases' agency: its month holds only what that test sent. */
const GROUP_AGENCY = `agency:net19g-${randomBytes(3).toString('hex')}`;
const STATION = `workstation:net19-${randomBytes(3).toString('hex')}`;
const as = (role: string, sub: string, org = AGENCY): DevPrincipal => principal(role, { sub, org });
const reviewer = as('agency-reviewer', 'reviewer-net19');
const supervisor = as('supervisor', 'supervisor-net19');
const groupReviewer = as('agency-reviewer', 'reviewer-net19g', GROUP_AGENCY);
const groupSupervisor = as('supervisor', 'supervisor-net19g', GROUP_AGENCY);
const clerk = as('workstation-clerk', 'clerk-net19', STATION);
/** The clerk of a seeded station of another agency (the Xihu agency's Lingyin station). */
const otherClerk = as('workstation-clerk', 'clerk-lingyin', 'workstation:hz-xihu-lingyin');

const HOUR = 3_600_000;
/** The China calendar month of an instant, computed here independently of the code under test. */
const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);

const post = (by: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as: by, body, headers: { 'idempotency-key': newKey() } });
const get = (by: DevPrincipal, path: string) => stack.request('GET', path, { as: by });

beforeAll(async () => {
  stack = await startTestStack('e2e-workstations-group-cases');
  await registerOrganisations(stack.store, [
    { id: AGENCY, kind: 'legal-aid-agency', parentId: 'justice-bureau:hz-xihu', divisionCode: '330106' },
    { id: GROUP_AGENCY, kind: 'legal-aid-agency', parentId: 'justice-bureau:hz-xihu', divisionCode: '330106' },
  ]);
  await registerOrganisations(stack.store, [{ id: STATION, kind: 'township-workstation', parentId: AGENCY, divisionCode: '330106' }]);
}, 120_000);
afterAll(async () => stack?.stop());

const worker = (i: number, priorityGroups: string[]) => ({
  name: `农民工${i}`,
  identityNumber: `33010619900101${String(1000 + i).slice(1)}X`,
  priorityGroups,
});

/** The China calendar date of an instant, computed here independently of the code under test. */
const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 10);
const daysFromTo = (from: string, to: string) => Math.round((Date.parse(chinaDate(to)) - Date.parse(chinaDate(from))) / (24 * HOUR));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

describe('the workstation tier (issue 19 point 3)', () => {
  it("a station's preliminary opinions, the agency's decisions following or departing from them, and the station's month", async () => {
    const consultation = { ...validBody('RecordConsultation', { org: STATION, agencyId: AGENCY, workerId: '' }), channel: 'workstation' };
    const consulted = ok(await post(clerk, '/consultations', { ...consultation, workstationId: STATION }), 201).body
      .consultationId as string;
    // The clerk reads back what its station recorded; another station's clerk does not.
    expect((await get(clerk, `/consultations/${consulted}`)).status).toBe(200);
    refused(await get(otherClerk, `/consultations/${consulted}`), 403, 'OUT_OF_SCOPE');
    // Only at its own station, for the station's agency.
    refused(await post(clerk, '/consultations', { ...consultation, workstationId: 'workstation:hz-xihu-lingyin' }), 403, 'OTHER_STATION');

    const application = applicationBody({ agencyId: AGENCY, channel: 'township-workstation', stationId: STATION });
    refused(await post(otherClerk, '/applications', application), 403, 'OTHER_STATION');
    refused(await post(clerk, '/applications', { ...application, agencyId: 'agency:hz-xihu' }), 403, 'OTHER_ORGANISATION');
    const followed = ok(await post(clerk, '/applications', application), 201).body.caseId as string;
    const departed = ok(await post(clerk, '/applications', application), 201).body.caseId as string;
    // Taken at the agency's window: no station, no opinion.
    const atWindow = ok(await post(reviewer, '/applications', applicationBody({ agencyId: AGENCY })), 201).body.caseId as string;

    ok(await post(clerk, `/cases/${followed}/preliminary-opinion`, { recommendation: 'grant', reasons: '农民工追索劳动报酬，符合条件' }));
    ok(await post(clerk, `/cases/${departed}/preliminary-opinion`, { recommendation: 'refuse', reasons: '材料显示收入高于标准' }));
    refused(
      await post(clerk, `/cases/${followed}/preliminary-opinion`, { recommendation: 'grant', reasons: '再次' }),
      409,
      'OPINION_ALREADY_GIVEN',
    );
    refused(
      await post(otherClerk, `/cases/${followed}/preliminary-opinion`, { recommendation: 'grant', reasons: '越站' }),
      403,
      'OUT_OF_SCOPE',
    );
    refused(
      await post(clerk, `/cases/${atWindow}/preliminary-opinion`, { recommendation: 'grant', reasons: '非本站' }),
      403,
      'OUT_OF_SCOPE',
    );
    // The clerk gives an opinion; it does not decide.
    refused(await post(clerk, `/cases/${followed}/grant`, { legalBasis: '《法律援助法》第四十三条' }), 403, 'ROLE_NOT_ALLOWED');

    const decided: { caseId: string; opinion: string }[] = [
      { caseId: followed, opinion: 'followed' },
      { caseId: departed, opinion: 'departed' },
    ];
    for (const { caseId } of decided) {
      ok(
        await post(reviewer, `/cases/${caseId}/means-assessment`, {
          method: 'integrity-pledge',
          result: 'within-standard',
          reference: null,
        }),
      );
      ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第四十三条' }));
    }
    // The clerk reads back its station's application; the decision records how it stood to the opinion.
    const days: number[] = [];
    for (const { caseId, opinion } of decided) {
      const history = ok(await get(reviewer, `/cases/${caseId}/history`)).body.events as {
        type: string;
        occurredAt: string;
        data: Record<string, unknown>;
      }[];
      const received = history.find((e) => e.type === 'ApplicationReceived')!;
      const grant = history.find((e) => e.type === 'AidGranted')!;
      expect(received.data.stationId).toBe(STATION);
      expect(grant.data.preliminaryOpinion).toBe(opinion);
      days.push(daysFromTo(received.occurredAt, grant.occurredAt));
    }
    expect((await get(clerk, `/cases/${followed}`)).status).toBe(200);
    expect((await get(otherClerk, `/cases/${followed}`)).status).toBe(403);
    await stack.settle();

    const month = chinaDate(new Date().toISOString()).slice(0, 7);
    const figures = ok(await get(clerk, `/workstations/${STATION}/figures?month=${month}`)).body;
    expect(figures).toMatchObject({
      stationId: STATION,
      agencyId: AGENCY,
      applications: decided.length,
      consultations: 1,
      opinions: decided.length,
      decisions: {
        total: decided.length,
        followedOpinion: decided.filter((d) => d.opinion === 'followed').length,
        departedFromOpinion: decided.filter((d) => d.opinion === 'departed').length,
      },
      medianDaysToDecision: median(days),
    });
    // The agency's staff read it too; another station's clerk does not.
    expect((await get(supervisor, `/workstations/${STATION}/figures?month=${month}`)).status).toBe(200);
    refused(await get(otherClerk, `/workstations/${STATION}/figures?month=${month}`), 403, 'OUT_OF_SCOPE');
  });
});

describe('group cases (issue 19 point 6)', () => {
  it('counts each applicant of a group wage claim as an aided person in the monthly report', async () => {
    const now = Date.now();
    const group = {
      applicant: worker(0, ['migrant-worker']),
      coApplicants: [worker(1, ['migrant-worker']), worker(2, ['migrant-worker', 'disabled']), worker(3, [])],
    };
    const single = applicationBody({ agencyId: GROUP_AGENCY, receivedAt: new Date(now).toISOString() });
    ok(await post(groupReviewer, '/applications', { ...single, ...group, matter: '建筑工地拖欠四名农民工工资' }), 201);
    ok(await post(groupReviewer, '/applications', single), 201);
    await stack.settle();

    const persons = [group.applicant, ...group.coApplicants, single.applicant];
    const inGroup = (g: string) => persons.filter((p) => p.priorityGroups.includes(g)).length;
    const report = ok(await get(groupSupervisor, `/reports/monthly?agencyId=${GROUP_AGENCY}&month=${chinaMonth(now)}`)).body as {
      cases: { received: number };
      aidedPersons: { total: number; inPriorityGroups: number; byPriorityGroup: Record<string, number> };
    };
    expect(report.cases.received).toBe(2);
    expect(report.aidedPersons.total).toBe(persons.length);
    expect(report.aidedPersons.inPriorityGroups).toBe(persons.filter((p) => p.priorityGroups.length > 0).length);
    expect(report.aidedPersons.byPriorityGroup['migrant-worker']).toBe(inGroup('migrant-worker'));
    expect(report.aidedPersons.byPriorityGroup.disabled).toBe(inGroup('disabled'));
  });
});
