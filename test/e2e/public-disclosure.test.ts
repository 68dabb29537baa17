import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosureRules } from '../../domain/rules/disclosure.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { problemOf } from '../support/problem.ts';

// GET /public/statistics over HTTP on the local stack, without a token: Zhejiang's figures for this
// year after this test sent applications to three agencies, one of them fewer than the minimum.

let stack: Awaited<ReturnType<typeof startTestStack>>;
const HOUR = 3_600_000;
const year = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4);
const minimum = disclosureRules.at(-1)!.minimumCount;
/** Applications sent per agency: one at the minimum and above, one below it. */
const sent = { 'agency:hz-xihu': minimum + 1, 'agency:hz-gongshu': minimum - 2, 'agency:nb-haishu': minimum };

type Row = { organisationId: string; cityId?: string | null; casesReceived: number | 'suppressed' } & Record<string, unknown>;
type Answer = { province: Row; cities: Row[]; agencies: Row[]; suppression: { minimumCount: number } };

beforeAll(async () => {
  stack = await startTestStack('e2e-public-disclosure');
  for (const [agencyId, n] of Object.entries(sent)) {
    const as = principal('agency-reviewer', { org: agencyId, sub: `reviewer-${agencyId.slice(7)}` });
    for (let i = 0; i < n; i++) {
      const body = applicationBody({ agencyId, receivedAt: new Date(Date.now() - HOUR).toISOString(), lateEntryReason: 'paper-ledger' });
      // On a machine busy with other suites a command may outlive the API's timeout (a 500); the same
      // idempotency key makes sending it again safe, as a workstation would.
      const headers = { 'idempotency-key': newKey() };
      let r = await stack.request('POST', '/applications', { as, body, headers });
      for (let attempt = 1; r.status === 500 && attempt < 3; attempt++)
        r = await stack.request('POST', '/applications', { as, body, headers });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  }
  await stack.settle();
}, 180_000);
afterAll(async () => stack?.stop());

const path = `/public/statistics?provinceId=justice-department:zj&year=${year}`;

describe('GET /public/statistics', () => {
  it('answers without a token; a count under the minimum is suppressed, not 0, and no suppressed count can be recovered from a total', async () => {
    const res = await stack.request<Answer>('GET', path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = new Map([res.body.province, ...res.body.cities, ...res.body.agencies].map((r) => [r.organisationId, r]));
    expect(res.body.suppression.minimumCount).toBe(minimum);
    expect(rows.get('agency:hz-xihu')!.casesReceived).toBe(sent['agency:hz-xihu']);
    expect(rows.get('agency:nb-haishu')!.casesReceived).toBe(sent['agency:nb-haishu']);
    expect(rows.get('agency:hz-gongshu')!.casesReceived).toBe('suppressed');

    // The relations, read from the answer: a city is the sum of the agencies naming it, the province
    // the sum of its cities and of the agencies naming none. None may hold exactly one suppressed cell.
    const cityIds = res.body.cities.map((c) => c.organisationId);
    const relations = [
      ...cityIds.map((c) => [c, ...res.body.agencies.filter((a) => a.cityId === c).map((a) => a.organisationId)]),
      [res.body.province.organisationId, ...cityIds, ...res.body.agencies.filter((a) => !a.cityId).map((a) => a.organisationId)],
    ];
    for (const figure of ['casesReceived', 'criminalCases', 'casesClosed', 'consultations']) {
      for (const cells of relations) {
        const withheld = cells.filter((id) => rows.get(id)![figure] === 'suppressed');
        expect(withheld.length, `${figure} of ${cells[0]}: ${withheld.join(', ')}`).not.toBe(1);
        // A published total equals its published parts when none is withheld.
        if (withheld.length === 0) {
          const [total, ...parts] = cells.map((id) => rows.get(id)![figure] as number);
          expect(
            parts.reduce((n, v) => n + v, 0),
            `${figure} of ${cells[0]}`,
          ).toBe(total);
        }
      }
    }
    // Every published count is at the minimum or above.
    for (const row of rows.values())
      for (const figure of ['casesReceived', 'criminalCases', 'casesClosed', 'consultations'])
        if (row[figure] !== 'suppressed') expect(row[figure] as number, `${row.organisationId} ${figure}`).toBeGreaterThanOrEqual(minimum);
    // Hangzhou's own count (xihu + gongshu) is published: above the minimum, two of its agencies withheld.
    expect(rows.get('justice-bureau:hz')!.casesReceived).toBe(sent['agency:hz-xihu'] + sent['agency:hz-gongshu']);
  });

  it('is cacheable: public Cache-Control, an ETag, and a 304 without a body for If-None-Match', async () => {
    const first = await stack.request('GET', path);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${stack.url}${path}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('refuses a year outside 2000–2100 and a province the registry does not know, naming the field', async () => {
    const badYear = await stack.request('GET', '/public/statistics?provinceId=justice-department:zj&year=9999');
    expect(badYear.status).toBe(400);
    expect(problemOf(badYear.body).field).toBe('year');
    const notProvince = await stack.request('GET', `/public/statistics?provinceId=justice-bureau:hz&year=${year}`);
    expect(notProvince.status).toBe(404);
    expect(problemOf(notProvince.body).field).toBe('provinceId');
  });
});
