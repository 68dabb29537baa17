import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { registerOrganisations } from '../support/registry.ts';

// Issue 19 points 3 and 6 over HTTP, on an agency of this file's own (so its figures are its own):
// a group wage claim of several migrant workers counted per person in the monthly report.

let stack: Awaited<ReturnType<typeof startTestStack>>;
const AGENCY = `agency:net19-${randomBytes(3).toString('hex')}`;
const as = (role: string, sub: string, org = AGENCY): DevPrincipal => principal(role, { sub, org });
const reviewer = as('agency-reviewer', 'reviewer-net19');
const supervisor = as('supervisor', 'supervisor-net19');

const HOUR = 3_600_000;
/** The China calendar month of an instant, computed here independently of the code under test. */
const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);

const post = (by: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as: by, body, headers: { 'idempotency-key': newKey() } });
const get = (by: DevPrincipal, path: string) => stack.request('GET', path, { as: by });
const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};

beforeAll(async () => {
  stack = await startTestStack('e2e-workstations-group-cases');
  await registerOrganisations(stack.store, [
    { id: AGENCY, kind: 'legal-aid-agency', parentId: 'justice-bureau:hz-xihu', divisionCode: '330106' },
  ]);
}, 120_000);
afterAll(async () => stack?.stop());

const worker = (i: number, priorityGroups: string[]) => ({
  name: `农民工${i}`,
  identityNumber: `33010619900101${String(1000 + i).slice(1)}X`,
  priorityGroups,
});

describe('group cases (issue 19 point 6)', () => {
  it('counts each applicant of a group wage claim as an aided person in the monthly report', async () => {
    const now = Date.now();
    const group = {
      applicant: worker(0, ['migrant-worker']),
      coApplicants: [worker(1, ['migrant-worker']), worker(2, ['migrant-worker', 'disabled']), worker(3, [])],
    };
    const single = applicationBody({ agencyId: AGENCY, receivedAt: new Date(now).toISOString() });
    ok(await post(reviewer, '/applications', { ...single, ...group, matter: '建筑工地拖欠四名农民工工资' }), 201);
    ok(await post(reviewer, '/applications', single), 201);
    await stack.settle();

    const persons = [group.applicant, ...group.coApplicants, single.applicant];
    const inGroup = (g: string) => persons.filter((p) => p.priorityGroups.includes(g)).length;
    const report = ok(await get(supervisor, `/reports/monthly?agencyId=${AGENCY}&month=${chinaMonth(now)}`)).body as {
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
