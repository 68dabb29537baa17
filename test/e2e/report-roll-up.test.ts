import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { problemOf, withProblem } from '../support/problem.ts';

// Reports of any node of the registry over HTTP, against the local stack and its seed: cases in
// several agencies of Hangzhou and Ningbo and in Zhejiang's own centre, and some in Hefei (Anhui)
// that no Zhejiang figure may count. The expected sums are computed here from the per-agency
// answers, never written down; each agency's count is held to what this test sent it.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-report-roll-up');
});
afterAll(async () => stack?.stop());

const HOUR = 3_600_000;
/** The China calendar month of an instant, computed here independently of the code under test. */
const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);

type Report = {
  scope: { kind: string; organisationId?: string; agencyIds: string[] };
  agencies: { agencyId: string; received: number }[];
  cases: { received: number };
} & Record<string, unknown>;

const get = (as: DevPrincipal, path: string) => stack.request<Report>('GET', path, { as });
const ok = <T extends ApiResponse>(r: T): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r;
};

// The seed's agencies of the two Zhejiang cities (domain/organisation/seed.ts): fixture data.
const hangzhou = [
  'agency:hz-city',
  'agency:hz-shangcheng',
  'agency:hz-gongshu',
  'agency:hz-xihu',
  'agency:hz-binjiang',
  'agency:hz-xiaoshan',
  'agency:hz-yuhang',
];
const ningbo = ['agency:nb-city', 'agency:nb-haishu', 'agency:nb-yinzhou'];

/** What this test sends: per agency, the applications (and their province). */
const sent: { agencyId: string; province: '33' | '34'; criminal: boolean; groups: string[] }[] = [
  { agencyId: 'agency:hz-xihu', province: '33', criminal: false, groups: ['migrant-worker'] },
  { agencyId: 'agency:hz-xihu', province: '33', criminal: true, groups: [] },
  { agencyId: 'agency:hz-xihu', province: '33', criminal: false, groups: ['elderly', 'disabled'] },
  { agencyId: 'agency:hz-gongshu', province: '33', criminal: true, groups: ['minor'] },
  { agencyId: 'agency:hz-gongshu', province: '33', criminal: false, groups: [] },
  { agencyId: 'agency:hz-city', province: '33', criminal: false, groups: ['migrant-worker'] },
  { agencyId: 'agency:nb-haishu', province: '33', criminal: true, groups: [] },
  { agencyId: 'agency:nb-haishu', province: '33', criminal: false, groups: ['elderly'] },
  { agencyId: 'agency:nb-yinzhou', province: '33', criminal: false, groups: [] },
  { agencyId: 'agency:zj', province: '33', criminal: true, groups: ['minor'] },
  { agencyId: 'agency:hf-shushan', province: '34', criminal: false, groups: ['migrant-worker'] },
  { agencyId: 'agency:hf-shushan', province: '34', criminal: true, groups: [] },
];
const receivedAt = Date.now() - 2 * HOUR;
const month = chinaMonth(receivedAt);
const sentTo = (agencyIds: readonly string[]) => sent.filter((s) => agencyIds.includes(s.agencyId)).length;

const zjAuditor = principal('auditor', { org: 'justice-department:zj', sub: 'auditor-zj' });
const monthly = (as: DevPrincipal, scope: string) => get(as, `/reports/monthly?${scope}&month=${month}`);

/**
 * The counts of a report as dotted paths (cases, aided persons, closings, consultations,
 * satisfaction, deadlines), without ratios: what a parent's report must hold as its parts' sum.
 */
const countsOf = (report: Record<string, unknown>): Map<string, number> => {
  const out = new Map<string, number>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') {
      if (!/(Share|Rate|rate|target)$/.test(path)) out.set(path, value);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const section of ['cases', 'aidedPersons', 'closings', 'consultations', 'satisfaction', 'deadlines']) walk(report[section], section);
  return out;
};
const sumOf = (reports: readonly Record<string, unknown>[]): Map<string, number> => {
  const total = new Map<string, number>();
  for (const r of reports) for (const [k, v] of countsOf(r)) total.set(k, (total.get(k) ?? 0) + v);
  return total;
};

beforeAll(async () => {
  for (const s of sent) {
    const reviewer = principal('agency-reviewer', { org: s.agencyId, sub: `reviewer-${s.agencyId.slice(7)}` });
    const body = applicationBody({
      agencyId: s.agencyId,
      province: s.province,
      receivedAt: new Date(receivedAt).toISOString(),
      lateEntryReason: 'paper-ledger',
      applicant: {
        name: '王五',
        identityNumber: s.province === '33' ? '330106199001011234' : '340104199001011234',
        priorityGroups: s.groups,
      },
      ...(s.criminal ? { category: 'criminal', formOfAid: 'criminal-defence' } : {}),
    });
    const r = await stack.request('POST', '/applications', { as: reviewer, body, headers: { 'idempotency-key': newKey() } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  await stack.settle();
});

describe('reports roll up along the registry', () => {
  it("a city's report is the sum of its agencies', and each agency's counts what was sent to it", async () => {
    for (const [city, agencies] of [
      ['justice-bureau:hz', hangzhou],
      ['justice-bureau:nb', ningbo],
    ] as const) {
      const parts = await Promise.all(agencies.map(async (a) => ok(await monthly(zjAuditor, `agencyId=${a}`)).body));
      parts.forEach((p, i) => expect(p.cases.received, agencies[i]).toBe(sentTo([agencies[i]!])));
      const whole = ok(await monthly(zjAuditor, `organisationId=${city}`)).body;
      expect(whole.scope).toMatchObject({ kind: 'organisation', organisationId: city });
      expect(countsOf(whole)).toEqual(sumOf(parts));
      // Not vacuous: the city holds what was sent to its agencies, and more than one of them sent.
      expect(whole.cases.received).toBe(sentTo(agencies));
      expect(parts.filter((p) => p.cases.received > 0).length).toBeGreaterThan(1);
      // Its per-agency lines are the agencies' own answers.
      for (const [i, a] of agencies.entries())
        expect(whole.agencies.find((x) => x.agencyId === a)?.received ?? 0, a).toBe(parts[i]!.cases.received);
    }
  });

  it("a province's report is the sum of its cities' and its own centre's; Anhui's cases are not in it", async () => {
    const parts = await Promise.all(
      ['organisationId=justice-bureau:hz', 'organisationId=justice-bureau:nb', 'agencyId=agency:zj'].map(
        async (scope) => ok(await monthly(zjAuditor, scope)).body,
      ),
    );
    const province = ok(await monthly(zjAuditor, 'organisationId=justice-department:zj')).body;
    expect(countsOf(province)).toEqual(sumOf(parts));
    expect(province.cases.received).toBe(sentTo([...hangzhou, ...ningbo, 'agency:zj']));
    expect(province.scope.agencyIds).not.toContain('agency:hf-shushan');
    // Anhui's own department counts them: they were there to be (wrongly) counted.
    const ahAuditor = principal('auditor', { org: 'justice-department:ah', sub: 'auditor-ah' });
    expect(ok(await monthly(ahAuditor, 'organisationId=justice-department:ah')).body.cases.received).toBe(sentTo(['agency:hf-shushan']));
  });

  it('the old cityId parameter still names a city, by its bureau', async () => {
    const byCity = ok(await monthly(zjAuditor, 'cityId=city:hz')).body;
    const byNode = ok(await monthly(zjAuditor, 'organisationId=justice-bureau:hz')).body;
    expect(countsOf(byCity)).toEqual(countsOf(byNode));
    expect(byCity.scope).toMatchObject({ organisationId: 'justice-bureau:hz' });
    expect(withProblem(await monthly(zjAuditor, 'cityId=city:nowhere'))).toMatchObject({ status: 404, body: { field: 'cityId' } });
  });

  it('the annual report rolls up the same way', async () => {
    const year = month.slice(0, 4);
    const annual = (scope: string) => get(zjAuditor, `/reports/annual?${scope}&year=${year}`);
    const parts = await Promise.all(hangzhou.map(async (a) => ok(await annual(`agencyId=${a}`)).body));
    expect(countsOf(ok(await annual('organisationId=justice-bureau:hz')).body)).toEqual(sumOf(parts));
  });
});

describe('scorecards and counts for any node', () => {
  type Card = {
    scorecard: { cases: number };
    consultations: { total: number };
    deadlines: { agency: { met: number; missed: number; pending: number } };
  };
  const card = (scope: string) => stack.request<Card>('GET', `/quality/agency?${scope}`, { as: zjAuditor });
  const counted = (scope: string) =>
    stack.request<{ total: number; byStatus: Record<string, number> }>('GET', `/cases/counts?${scope}`, { as: zjAuditor });

  it("a city's and a province's quality scorecard are the sum of their parts'", async () => {
    const figures = (c: Card) => [
      c.scorecard.cases,
      c.consultations.total,
      c.deadlines.agency.met,
      c.deadlines.agency.missed,
      c.deadlines.agency.pending,
    ];
    const add = (xs: number[][]) => xs.reduce((a, b) => a.map((v, i) => v + b[i]!));
    const hzParts = await Promise.all(hangzhou.map(async (a) => figures(ok(await card(`agencyId=${a}`)).body)));
    const hz = figures(ok(await card('organisationId=justice-bureau:hz')).body);
    expect(hz).toEqual(add(hzParts));
    expect(hz[0]).toBe(sentTo(hangzhou));
    const nb = figures(ok(await card('organisationId=justice-bureau:nb')).body);
    const zjCentre = figures(ok(await card('agencyId=agency:zj')).body);
    const zj = ok(await card('organisationId=justice-department:zj')).body;
    expect(figures(zj)).toEqual(add([hz, nb, zjCentre]));
    expect(zj.scorecard.cases).toBe(sentTo([...hangzhou, ...ningbo, 'agency:zj']));
  });

  it("a node's case counts by status are the sum of its agencies'", async () => {
    const parts = await Promise.all(hangzhou.map(async (a) => ok(await counted(`agencyId=${a}`)).body));
    const whole = ok(await counted('organisationId=justice-bureau:hz')).body;
    expect(whole.total).toBe(sentTo(hangzhou));
    for (const status of Object.keys(whole.byStatus))
      expect(whole.byStatus[status], status).toBe(parts.reduce((n, p) => n + p.byStatus[status]!, 0));
    expect(ok(await counted('organisationId=justice-department:zj')).body.total).toBe(sentTo([...hangzhou, ...ningbo, 'agency:zj']));
  });
});

describe('case lists for any node', () => {
  type Page = { items: { caseId: string; agencyId: string; receivedAt: string }[]; nextCursor: string | null };
  const list = (path: string) => stack.request<Page>('GET', path, { as: zjAuditor });
  /** Every page of a list, two items a page. */
  const allPages = async (path: string) => {
    const items: Page['items'] = [];
    let pages = 0;
    for (let cursor: string | null = ''; cursor !== null; pages += 1) {
      const r: ApiResponse<Page> = ok(await list(`${path}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      items.push(...r.body.items);
      cursor = r.body.nextCursor;
    }
    return { items, pages };
  };

  it("a city's list, paged, is every case of its agencies' lists, each once, in receipt order", async () => {
    const perAgency = await Promise.all(hangzhou.map(async (a) => (await allPages(`/cases?agencyId=${a}`)).items));
    const expected = perAgency.flat().map((i) => i.caseId);
    const { items, pages } = await allPages('/cases?organisationId=justice-bureau:hz');
    expect(items.map((i) => i.caseId).sort()).toEqual([...expected].sort());
    expect(new Set(items.map((i) => i.caseId)).size).toBe(items.length);
    expect(items.length).toBe(sentTo(hangzhou));
    expect(pages).toBeGreaterThan(1);
    expect(items.every((i) => hangzhou.includes(i.agencyId))).toBe(true);
    const order = (i: Page['items'][number]) => `${new Date(i.receivedAt).toISOString()}#${i.caseId}`;
    expect(items.map(order)).toEqual(items.map(order).sort());
    // A queue by status merges the same way.
    const queued = await allPages('/cases?organisationId=justice-department:zj&status=under-review');
    expect(queued.items.length).toBe(sentTo([...hangzhou, ...ningbo, 'agency:zj']));
  });

  it('a cursor from another list is a 400', async () => {
    const first = ok(await list('/cases?organisationId=justice-bureau:hz&limit=1')).body.nextCursor!;
    expect(withProblem(await list(`/cases?organisationId=justice-bureau:nb&limit=1&cursor=${encodeURIComponent(first)}`))).toMatchObject({
      status: 400,
      body: { field: 'cursor' },
    });
  });
});

describe('who reads which node', () => {
  const hfAuditor = principal('auditor', { org: 'justice-bureau:hf', sub: 'auditor-hf' });
  const xihuReviewer = principal('agency-reviewer', { org: 'agency:hz-xihu', sub: 'reviewer-hz-xihu' });
  const hzAdmin = principal('administrator', { org: 'justice-bureau:hz', sub: 'admin-hz' });
  const zjAdmin = principal('administrator', { org: 'justice-department:zj', sub: 'admin-zj' });

  it('nobody reads a node outside their area: 403 with the reason', async () => {
    const refused: [DevPrincipal, string][] = [
      [hfAuditor, 'organisationId=justice-department:zj'],
      [hfAuditor, 'organisationId=justice-bureau:hz'],
      [hfAuditor, 'agencyId=agency:hz-xihu'],
      [hfAuditor, 'organisationId=justice-department:ah'],
      [hzAdmin, 'organisationId=justice-bureau:nb'],
      [hzAdmin, 'organisationId=justice-department:zj'],
      [zjAdmin, 'organisationId=justice-department:ah'],
      [zjAdmin, 'agencyId=agency:hf-shushan'],
      // Agency staff read their own agency only: not its county bureau, its city or a sibling.
      [xihuReviewer, 'organisationId=justice-bureau:hz-xihu'],
      [xihuReviewer, 'organisationId=justice-bureau:hz'],
      [xihuReviewer, 'agencyId=agency:hz-gongshu'],
    ];
    for (const [who, scope] of refused) {
      const r = await monthly(who, scope);
      expect(r.status, `${who.org} ${scope}`).toBe(403);
      expect(problemOf(r.body)).toMatchObject({ code: 'OUT_OF_SCOPE', field: scope.split('=')[0] });
    }
  });

  it("each reads what lies under it: a bureau's administrators and auditors any node below, agency staff their agency", async () => {
    const allowed: [DevPrincipal, string][] = [
      [hfAuditor, 'agencyId=agency:hf-shushan'],
      [hfAuditor, 'organisationId=justice-bureau:hf'],
      [hzAdmin, 'organisationId=justice-bureau:hz'],
      [hzAdmin, 'organisationId=justice-bureau:hz-xihu'],
      [hzAdmin, 'agencyId=agency:hz-xihu'],
      [zjAdmin, 'organisationId=justice-department:zj'],
      [zjAdmin, 'organisationId=justice-bureau:nb'],
      [xihuReviewer, 'agencyId=agency:hz-xihu'],
      [xihuReviewer, 'organisationId=agency:hz-xihu'],
    ];
    for (const [who, scope] of allowed) expect((await monthly(who, scope)).status, `${who.org} ${scope}`).toBe(200);
    // A bureau's administrators read figures, not case lists; its auditors both.
    expect((await get(hzAdmin, '/cases/counts?agencyId=agency:hz-xihu')).status).toBe(403);
    const hzAuditor = principal('auditor', { org: 'justice-bureau:hz', sub: 'auditor-hz' });
    expect(ok(await get(hzAuditor, '/cases/counts?agencyId=agency:hz-xihu')).body).toMatchObject({ total: sentTo(['agency:hz-xihu']) });
    expect((await get(hfAuditor, '/cases/counts?agencyId=agency:hz-xihu')).status).toBe(403);
    expect((await get(hfAuditor, '/cases/counts?organisationId=justice-department:zj')).status).toBe(403);
    expect((await get(hfAuditor, '/cases?organisationId=justice-bureau:hz')).status).toBe(403);
    expect((await get(hzAdmin, '/cases?organisationId=justice-bureau:hz')).status).toBe(403);
    expect((await get(xihuReviewer, '/cases/overdue?organisationId=justice-bureau:hz')).status).toBe(403);
    expect((await get(hfAuditor, '/quality/agency?organisationId=justice-bureau:hz')).status).toBe(403);
    expect((await get(xihuReviewer, '/quality/agency?organisationId=justice-bureau:hz')).status).toBe(403);
    expect((await get(hzAdmin, '/quality/agency?organisationId=justice-bureau:hz-xihu')).status).toBe(200);
  });

  it('a node the registry does not know is a 404, one that is not an agency or a justice body a 400, naming the parameter', async () => {
    expect(withProblem(await monthly(zjAuditor, 'organisationId=agency:nowhere'))).toMatchObject({
      status: 404,
      body: { code: 'ORGANISATION_NOT_FOUND', field: 'organisationId' },
    });
    expect(withProblem(await monthly(zjAuditor, 'organisationId=court:hz-xihu'))).toMatchObject({
      status: 400,
      body: { field: 'organisationId' },
    });
    expect(withProblem(await monthly(zjAuditor, 'agencyId=justice-bureau:hz'))).toMatchObject({ status: 400, body: { field: 'agencyId' } });
  });
});

describe("a node's overdue list", () => {
  // Last in the file: these cases are older than the report month's and the counts above do not
  // expect them. Two Hangzhou agencies that received nothing else, ten days ago: their review is overdue.
  const stale = ['agency:hz-binjiang', 'agency:hz-yuhang'];
  const staleIds: string[] = [];
  beforeAll(async () => {
    for (const agencyId of stale) {
      const reviewer = principal('agency-reviewer', { org: agencyId, sub: `reviewer-${agencyId.slice(7)}` });
      const body = applicationBody({
        agencyId,
        receivedAt: new Date(Date.now() - 10 * 24 * HOUR).toISOString(),
        lateEntryReason: 'paper-ledger',
      });
      const r = await stack.request('POST', '/applications', { as: reviewer, body, headers: { 'idempotency-key': newKey() } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      staleIds.push(r.body.caseId as string);
    }
    await stack.settle();
  });

  it("is its agencies' overdue lists merged, most overdue first, paged", async () => {
    type Page = { items: { caseId: string; nextDue: { dueAt: string } }[]; nextCursor: string | null };
    const allOverdue = async (scope: string) => {
      const items: Page['items'] = [];
      for (let cursor: string | null = ''; cursor !== null; ) {
        const r: ApiResponse<Page> = ok(
          await stack.request<Page>('GET', `/cases/overdue?${scope}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
            as: zjAuditor,
          }),
        );
        items.push(...r.body.items);
        cursor = r.body.nextCursor;
      }
      return items;
    };
    const perAgency = (await Promise.all(hangzhou.map((a) => allOverdue(`agencyId=${a}`)))).flat();
    const city = await allOverdue('organisationId=justice-bureau:hz');
    expect(city.map((i) => i.caseId).sort()).toEqual(perAgency.map((i) => i.caseId).sort());
    expect(city.map((i) => i.caseId)).toEqual(expect.arrayContaining(staleIds));
    const due = city.map((i) => Date.parse(i.nextDue.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    // Ningbo's list holds none of them.
    expect((await allOverdue('organisationId=justice-bureau:nb')).filter((i) => staleIds.includes(i.caseId))).toEqual([]);
  });
});
