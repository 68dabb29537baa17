import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../functions/lib/audit/csv.ts';
import { nationalQualityStandard2022 } from '../../domain/quality/standard.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { problemOf } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// The monthly supervision bulletin (seed 004) over HTTP: in a month two months back, entered late as
// paper records, applications left unreviewed (their deadlines overdue, one already found so by a
// later complaint), a case closed without any check, and complaints; beside them a case of the next month and cases of other agencies. The
// bulletin of the month lists exactly the first three, the city's adds its other agency's overdue
// case and not Ningbo's; the CSV holds the same rows. Then a file review by the items of the case's
// type (seed 004's quality standards) is refused when it strays and scored when it fits.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-supervision-bulletin');
});
afterAll(async () => stack?.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** The China calendar month of an instant, computed here independently of the code under test. */
const chinaMonth = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);
const monthStart = (month: string) => Date.parse(`${month}-01T00:00:00+08:00`);
const REASON = 'system-outage';

const ok = <T extends ApiResponse>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const post = (as: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const get = <T = Record<string, unknown>>(as: DevPrincipal, path: string, headers: Record<string, string> = {}) =>
  stack.request<T>('GET', path, { as, headers });

const XIHU = 'agency:hz-xihu';
const GONGSHU = 'agency:hz-gongshu';
const HAISHU = 'agency:nb-haishu';
const staff = (org: string) => ({
  reviewer: principal('agency-reviewer', { org, sub: `reviewer-${org.slice(7)}` }),
  supervisor: principal('supervisor', { org, sub: `supervisor-${org.slice(7)}` }),
  admin: principal('administrator', { org, sub: `admin-${org.slice(7)}` }),
});
const xihu = staff(XIHU);
const lawyer = principal('aid-worker', { org: XIHU, sub: 'lawyer-bulletin' });
const cityAuditor = principal('auditor', { org: 'justice-bureau:hz', sub: 'auditor-hz' });

// The month of the bulletin: two months back, its next month also past.
const month = chinaMonth(monthStart(chinaMonth(Date.now())) - 40 * DAY);
const start = monthStart(month);
const nextMonth = chinaMonth(start + 40 * DAY);
const nextStart = monthStart(nextMonth);

type Bulletin = {
  organisationId: string;
  agencyIds: string[];
  agencies: {
    agencyId: string;
    overdue: { caseId: string; deadline: string; dueAt: string }[];
    missingChecks: { caseId: string; missingChecks: string[]; closedAt: string }[];
    complaints: { caseId: string; complaintId: string; subject: string; state: string; lodgedAt: string }[];
    totals: Record<string, number>;
  }[];
  totals: Record<string, number>;
  commendations: { recorded: boolean };
};
const bulletin = async (as: DevPrincipal, organisationId: string, m: string) =>
  ok(await get<Bulletin>(as, `/supervision-bulletins?organisationId=${organisationId}&month=${m}`)).body;
const agencyOf = (b: Bulletin, agencyId: string) => b.agencies.find((a) => a.agencyId === agencyId)!;

const receive = async (agencyId: string, at: number) => {
  const { reviewer } = staff(agencyId);
  const body = applicationBody({
    agencyId,
    province: '33',
    receivedAt: iso(at),
    lateEntryReason: REASON,
    applicant: { name: '王五', identityNumber: '330106199001011234', priorityGroups: [] },
  });
  return ok(await post(reviewer, '/applications', body), 201).body.caseId as string;
};

const ids = { unreviewed: '', complainedLate: '', closed: '', nextMonth: '', gongshu: '', haishu: '' };

beforeAll(async () => {
  ok(
    await post(xihu.admin, '/workers', {
      workerId: lawyer.sub,
      agencyId: XIHU,
      name: '律师',
      kind: 'lawyer',
      licenceNumber: '13301201510123451',
      relevantPracticeSince: '2015-06-01',
    }),
    201,
  );
  const late = (at: number) => ({ occurredAt: iso(at), lateEntryReason: REASON });
  // Overdue in the month: received on its second day, never reviewed.
  ids.unreviewed = await receive(XIHU, start + DAY + 10 * HOUR);
  // Closed in the month with no check at all: reviewed, granted and assigned in time.
  ids.closed = await receive(XIHU, start + DAY + 10 * HOUR);
  const t = start + 2 * DAY + 10 * HOUR;
  ok(
    await post(xihu.reviewer, `/cases/${ids.closed}/means-assessment`, {
      method: 'integrity-pledge',
      result: 'within-standard',
      reference: null,
      ...late(t),
    }),
  );
  ok(await post(xihu.reviewer, `/cases/${ids.closed}/grant`, { legalBasis: '《法律援助法》第三十一条', ...late(t) }));
  ok(await post(xihu.reviewer, `/cases/${ids.closed}/assignment`, { workerId: lawyer.sub, ...late(t + HOUR) }));
  ok(
    await post(lawyer, `/cases/${ids.closed}/closing`, {
      outcome: 'arbitration-award',
      summary: '裁决支持全部请求',
      documents: [
        { kind: 'handling-report', title: '结案报告' },
        { kind: 'arbitration-award', title: '仲裁裁决书' },
      ],
      economicLossRecoveredFen: 0,
      closedAt: iso(t + 3 * DAY),
      ...late(t + 3 * DAY),
    }),
  );
  // A complaint about the agency lodged in the month, on the unreviewed application.
  ok(
    await post(xihu.reviewer, `/cases/${ids.unreviewed}/complaints`, {
      complaintId: 'cmp-month',
      summary: '窗口推诿',
      requestsChangeOfWorker: false,
      lodgedAt: iso(start + 4 * DAY),
      about: { kind: 'agency', organisationId: XIHU },
      ...late(start + 4 * DAY),
    }),
  );
  // Overdue too, though a later step already found it past due (so the open-deadline index no longer holds it).
  ids.complainedLate = await receive(XIHU, start + DAY + 10 * HOUR);
  ok(
    await post(xihu.reviewer, `/cases/${ids.complainedLate}/complaints`, {
      complaintId: 'cmp-late',
      summary: '迟迟不审查',
      requestsChangeOfWorker: false,
      lodgedAt: iso(start + 24 * DAY),
      about: { kind: 'agency', organisationId: XIHU },
      ...late(start + 24 * DAY),
    }),
  );
  // Outside the month: received and complained about in the next one.
  ids.nextMonth = await receive(XIHU, nextStart + DAY + 10 * HOUR);
  ok(
    await post(xihu.reviewer, `/cases/${ids.nextMonth}/complaints`, {
      complaintId: 'cmp-next',
      summary: '窗口推诿',
      requestsChangeOfWorker: false,
      lodgedAt: iso(nextStart + 4 * DAY),
      about: { kind: 'agency', organisationId: XIHU },
      ...late(nextStart + 4 * DAY),
    }),
  );
  // Outside the agency: the same city's Gongshu, and Ningbo's Haishu.
  ids.gongshu = await receive(GONGSHU, start + DAY + 10 * HOUR);
  ids.haishu = await receive(HAISHU, start + DAY + 10 * HOUR);
  await stack.settle();
});

const overdueIds = (b: Bulletin) => [...new Set(b.agencies.flatMap((a) => a.overdue.map((d) => d.caseId)))].sort();

describe('the monthly supervision bulletin (案件监督实行月通报制度)', () => {
  it("lists the agency's month: the overdue application, the closed case lacking checks, the complaint, and nothing else", async () => {
    const b = await bulletin(xihu.supervisor, XIHU, month);
    expect(b.agencyIds).toEqual([XIHU]);
    const mine = agencyOf(b, XIHU);
    expect(overdueIds(b)).toEqual([ids.unreviewed, ids.complainedLate].sort());
    for (const d of mine.overdue) expect(chinaMonth(Date.parse(d.dueAt))).toBe(month);
    expect(mine.missingChecks.map((m) => m.caseId)).toEqual([ids.closed]);
    expect(mine.missingChecks[0]!.missingChecks).toContain('file-review');
    expect(mine.complaints).toMatchObject([
      { caseId: ids.unreviewed, complaintId: 'cmp-month', subject: 'agency', state: 'open' },
      { caseId: ids.complainedLate, complaintId: 'cmp-late', subject: 'agency', state: 'open' },
    ]);
    expect(mine.totals).toEqual({ overdue: mine.overdue.length, missingChecks: 1, complaints: 2, complaintsOpen: 2 });
    expect(b.totals).toEqual(mine.totals);
    expect(b.commendations.recorded).toBe(false);
    // The next month has its own overdue application and complaint, and none of this month's.
    const next = agencyOf(await bulletin(xihu.supervisor, XIHU, nextMonth), XIHU);
    expect([...new Set(next.overdue.map((d) => d.caseId))]).toEqual([ids.nextMonth]);
    expect(next.complaints.map((c) => c.complaintId)).toEqual(['cmp-next']);
    expect(next.missingChecks).toEqual([]);
  });

  it("the city's bulletin rolls up its agencies: Gongshu's overdue case too, never Ningbo's", async () => {
    const b = await bulletin(cityAuditor, 'justice-bureau:hz', month);
    expect(b.agencyIds).toEqual(expect.arrayContaining([XIHU, GONGSHU]));
    expect(b.agencyIds).not.toContain(HAISHU);
    expect(overdueIds(b)).toEqual([ids.unreviewed, ids.complainedLate, ids.gongshu].sort());
    expect(b.totals.overdue).toBe(b.agencies.reduce((n, a) => n + a.overdue.length, 0));
    expect(b.totals.complaints).toBe(2);
    // An agency's staff may not read another city's bulletin.
    const r = await get(xihu.supervisor, `/supervision-bulletins?organisationId=justice-bureau:nb&month=${month}`);
    expect(r.status).toBe(403);
    expect(problemOf(r.body).field).toBe('organisationId');
  });

  it('answers CSV with Accept: text/csv or format=csv, one row per listed item, the same as the JSON', async () => {
    const json = agencyOf(await bulletin(xihu.supervisor, XIHU, month), XIHU);
    const fetchCsv = async (query: string, headers: Record<string, string>) => {
      const res = await contractFetch(`${stack.url}/supervision-bulletins?organisationId=${XIHU}&month=${month}${query}`, {
        headers: { authorization: `Bearer ${await stack.issuer.mint(xihu.supervisor)}`, ...headers },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      return res.text();
    };
    const byAccept = await fetchCsv('', { accept: 'text/csv' });
    expect(await fetchCsv('&format=csv', {})).toBe(byAccept);
    const [header, ...rows] = parseCsv(byAccept);
    const col = (name: string) => header!.indexOf(name);
    const listed = rows.filter((r) => r[col('section')] !== 'total');
    expect(listed.map((r) => [r[col('section')], r[col('caseId')], r[col('date')]])).toEqual([
      ...json.overdue.map((d) => ['overdue', d.caseId, d.dueAt]),
      ...json.missingChecks.map((m) => ['missing-checks', m.caseId, m.closedAt]),
      ...json.complaints.map((c) => ['complaint', c.caseId, c.lodgedAt]),
    ]);
    const totals = rows.filter((r) => r[col('section')] === 'total' && r[col('agencyId')] === '');
    expect(Object.fromEntries(totals.map((r) => [r[col('item')], Number(r[col('count')])]))).toEqual(json.totals);
  });
});

describe('file review by the items of the case type (seed 004)', () => {
  const items = nationalQualityStandard2022.fileReviewItems['labour-arbitration'];
  const review = (answers: { itemId: string; met: boolean }[]) =>
    post(xihu.supervisor, `/cases/${ids.closed}/supervision/file-reviews`, {
      at: iso(Date.now() - HOUR),
      remarks: '按劳动仲裁案件质量标准检查',
      deductions: [],
      items: answers,
    });

  it('refuses a review naming an item of another type or omitting one, with the field; scores one that fits', async () => {
    const criminalItem = nationalQualityStandard2022.fileReviewItems.criminal.find((c) => !items.some((i) => i.id === c.id))!;
    const stray = await review([...items.map((i) => ({ itemId: i.id, met: true })), { itemId: criminalItem.id, met: true }]);
    expect(stray.status).toBe(409);
    expect(problemOf(stray.body)).toMatchObject({ code: 'FILE_REVIEW_ITEM_NOT_OF_CASE_TYPE', field: `items.${items.length}.itemId` });
    const omitted = await review(items.slice(1).map((i) => ({ itemId: i.id, met: true })));
    expect(problemOf(omitted.body)).toMatchObject({ code: 'FILE_REVIEW_ITEM_OMITTED', field: 'items' });
    const missed = items[items.length - 1]!;
    ok(await review(items.map((i) => ({ itemId: i.id, met: i.id !== missed.id }))));
    await stack.settle();
    type Card = {
      fileReviews: { byCaseType: Record<string, { count: number; averageScore: number | null; missedItems: Record<string, number> }> };
    };
    const agency = ok(
      await get<{ scorecard: Card; lawyers: ({ workerId: string } & Card)[] }>(xihu.supervisor, `/quality/agency?agencyId=${XIHU}`),
    ).body;
    expect(agency.scorecard.fileReviews.byCaseType['labour-arbitration']).toEqual({
      count: 1,
      byItems: 1,
      averageScore: 100 - missed.points,
      missedItems: { [missed.id]: 1 },
    });
    expect(agency.scorecard.fileReviews.byCaseType.criminal).toMatchObject({ count: 0 });
    const mine = ok(await get<{ scorecard: Card }>(lawyer, `/quality/lawyer?workerId=${lawyer.sub}`)).body;
    expect(mine.scorecard.fileReviews.byCaseType['labour-arbitration']).toMatchObject({ count: 1, averageScore: 100 - missed.points });
  });
});
