import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../domain/rules/choose-rule-set.ts';
import type { CountyYear } from '../../scripts/import/county-year.ts';
import { countyYearWith } from '../support/county-year-with.ts';
import { enterLines } from '../support/enter-lines.ts';
import { cleanUp, importCli, stackWithKeyFile, writeLines } from '../support/import-cli.ts';
import type { Line } from '../support/import-file.ts';
import { principal } from '../support/local-stack.ts';

// Issue 17 point 4, checked directly: the same records entered live (each line one request of the
// API, dated when it happened, as a clerk enters paper records late) into one stack and imported
// with `npm run import` into another give the same monthly and annual reports, field by field. Not
// against the generator's own figures (import-year and late-entry-month do that), against each other.

type Stack = Awaited<ReturnType<typeof stackWithKeyFile>>;
let live: Stack;
let imported: Stack;
const DAY = 86_400_000;
const chinaNow = new Date(Date.now() + 8 * 3_600_000);
const monthStart = (back: number) => new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth() - back, 1));
// Receipts over three months that end three months back, so every step (the latest some 90 days
// after receipt) is past, and the first inside the late-entry window of 366 days.
const first = monthStart(6);
const end = monthStart(3);
const days = (from: Date, below: Date) => Math.round((below.getTime() - from.getTime()) / DAY);
const months = [6, 5, 4, 3].map((back) => monthStart(back).toISOString().slice(0, 7));
const years = [...new Set(months.map((m) => m.slice(0, 4)))];
const rules = ruleSetFor('33', `${months[0]}-01T00:00:00+08:00`);
const auditor = principal('auditor', { org: 'justice-department:zj', sub: 'auditor-zj' });
let year: CountyYear;
/** Late steps and closings, so the reports compared have them to count. */
const countable = (y: CountyYear) => y.figures.deadlines.agency.missed > 0 && y.figures.closings.closed > 0;

beforeAll(async () => {
  [live, imported] = await Promise.all([stackWithKeyFile('e2e-reports-live'), stackWithKeyFile('e2e-reports-import')]);
  year = countyYearWith(
    {
      year: first.getUTCFullYear(),
      cases: 12,
      consultations: 6,
      workers: 3,
      period: { firstDay: first.toISOString().slice(0, 10), days: days(first, end) },
      report: { firstDay: `${months[1]}-01`, days: days(monthStart(5), monthStart(4)) },
      recordsEnd: new Date(Date.now() - 2 * DAY).toISOString(),
      periods: { reviewDays: rules.periods.reviewDays!, assignmentDays: rules.periods.assignmentDays! },
    },
    countable,
  );
  const ran = await importCli(imported, writeLines(year.lines as unknown as Line[]), [], { system: 'paper-ledger', batch: 'reports-1' })
    .done;
  expect(ran.code, ran.out).toBe(0);
  await enterLines(live.request, year.lines);
  // A bound on the wait for the projections, not a timing goal: a slow machine takes longer, never fails for it.
  await Promise.all([live.settle(120_000), imported.settle(120_000)]);
}, 600_000);
afterAll(cleanUp);

const report = async (stack: Stack, path: string) => {
  const res = await stack.request('GET', path, { as: auditor });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { generatedAt: _g, ...rest } = res.body as Record<string, unknown>;
  return rest;
};

describe('records entered live and the same records imported', () => {
  it('have late steps and closings to count', () => {
    expect(year.figures.deadlines.agency.missed).toBeGreaterThan(0);
    expect(year.figures.closings.closed).toBeGreaterThan(0);
  });

  it.each(months)('give the same monthly report for %s', async (month) => {
    const path = `/reports/monthly?agencyId=agency:hz-xihu&month=${month}`;
    const fromImport = await report(imported, path);
    expect(fromImport).toEqual(await report(live, path));
  });

  it.each(years)('give the same annual report for %s', async (y) => {
    const path = `/reports/annual?agencyId=agency:hz-xihu&year=${y}`;
    const fromImport = await report(imported, path);
    expect(fromImport).toEqual(await report(live, path));
  });
});
