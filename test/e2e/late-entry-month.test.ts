import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../domain/rules/choose-rule-set.ts';
import type { CountyYear } from '../../scripts/import/county-year.ts';
import { countyYearWith } from '../support/county-year-with.ts';
import { enterLines } from '../support/enter-lines.ts';
import { principal, startTestStack } from '../support/local-stack.ts';

// Four months of an agency's paper records, entered late over the API (each step dated when it happened,
// with its reason), gives the monthly report the generator counted off its own plan: cases by
// category, origin and form, aided persons, closings, consultations, and deadlines met and missed on
// the business dates, judged by the rules in force on each receipt. The same records imported give
// the same report (test/e2e/import-year.test.ts).

let stack: Awaited<ReturnType<typeof startTestStack>>;
const DAY = 86_400_000;
const chinaNow = new Date(Date.now() + 8 * 3_600_000);
const monthStart = (back: number) => new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth() - back, 1));
// Cases received over four months, the report of the last: its cases, and closings and payments of
// the cases before it. The last month ends four months back, so the steps of its cases (the latest
// some 90 days after receipt) are past; the first starts eight back, inside the 366-day window.
const first = monthStart(7);
const reported = monthStart(4);
const month = reported.toISOString().slice(0, 7);
const days = (from: Date, below: Date) => Math.round((below.getTime() - from.getTime()) / DAY);
const rules = ruleSetFor('33', `${month}-01T00:00:00+08:00`);
const auditor = principal('auditor', { org: 'justice-department:zj', sub: 'auditor-zj' });
let year: CountyYear;

beforeAll(async () => {
  stack = await startTestStack('e2e-late-month');
  year = countyYearWith(
    {
      year: first.getUTCFullYear(),
      cases: 12,
      consultations: 8,
      workers: 4,
      period: { firstDay: first.toISOString().slice(0, 10), days: days(first, monthStart(3)) },
      report: { firstDay: `${month}-01`, days: days(reported, monthStart(3)) },
      recordsEnd: new Date(Date.now() - 2 * DAY).toISOString(),
      periods: { reviewDays: rules.periods.reviewDays!, assignmentDays: rules.periods.assignmentDays! },
    },
    (y) => y.figures.deadlines.agency.missed > 0 && y.figures.closings.closed > 0 && y.figures.subsidies.paid > 0,
  );
  await enterLines(stack.request, year.lines);
  // A bound on the wait for the projections, not a timing goal: a slow machine takes longer, never fails for it.
  await stack.settle(120_000);
}, 400_000);
afterAll(async () => stack?.stop());

describe('a month entered late from paper', () => {
  it('has late steps, closings and payments to count', () => {
    expect(year.figures.deadlines.agency.missed).toBeGreaterThan(0);
    expect(year.figures.closings.closed).toBeGreaterThan(0);
    expect(year.figures.subsidies.paid).toBeGreaterThan(0);
  });

  it('gives the monthly report the records say, deadlines on their business dates', async () => {
    const res = await stack.request('GET', `/reports/monthly?agencyId=agency:hz-xihu&month=${month}`, { as: auditor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { decisions: _d, subsidies: _s, ...reported } = year.figures;
    expect(res.body).toMatchObject(reported);
  });

  it('pays in the month the subsidies the records say', async () => {
    const res = await stack.request<{ months: { month: string; paidCases: number; paidFen: number }[] }>(
      'GET',
      `/funding/months?agencyId=agency:hz-xihu&year=${month.slice(0, 4)}`,
      { as: auditor },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const paid = res.body.months.find((m) => m.month === month)!;
    expect({ paid: paid.paidCases, paidFen: paid.paidFen }).toEqual(year.figures.subsidies);
  });
});
