import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQuery, runAnalyticsQuery } from '../../infra/local/analytics/run-query.ts';
import { applicationBody } from '../support/fixtures.ts';
import { numbered, smallImport } from '../support/import-file.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';

// The analytics store against the local stack: a 2018 county file imported (cases received, closed,
// consultations) and live applications in two provinces this year; the stack writes them as Parquet
// and the shared SQL (analytics/queries/annual-report-by-province.sql) run by DuckDB over those files
// gives, figure by figure, what GET /reports/annual answers for each province and year.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let analyticsDir: string;
const HOUR = 3_600_000;
const admin = principal('administrator', { org: 'agency:hz-xihu' });
/** An auditor of each province's department: the report of a province is read by its own. */
const auditorOf = (department: string) => principal('auditor', { org: department, sub: `auditor-${department.slice(-2)}` });
const thisYear = Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));
// What this test sends: personal values it then looks for in the store (none may be there).
const applicantName = '欧阳测试甲';
const identityNumber = '340104199001017777';
const matter = '单位拖欠工资共计三万元整测试';

/** Report figures the SQL covers: counts, not ratios; a path with no row in the SQL's answer is 0. */
const covered =
  /^(cases\.(received|criminal)$|cases\.(byCategory|byFormOfAid)\.|closings\.(closed|economicLossRecoveredFen)$|closings\.byOutcome\.|consultations\.(total|toldOfRightToApply)$|consultations\.byChannel\.)/;
const figuresOf = (report: Record<string, unknown>): Map<string, number> => {
  const out = new Map<string, number>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number' && covered.test(path)) out.set(path, value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const section of ['cases', 'closings', 'consultations']) walk(report[section], section);
  return out;
};

beforeAll(async () => {
  analyticsDir = await mkdtemp(join(tmpdir(), 'analytics-e2e-'));
  stack = await startTestStack('e2e-analytics', { analyticsDir });
  // Two cases (one paid) and the consultations of the small file, a request per record: each stays
  // well inside the API's timeout on a busy machine.
  const file = smallImport().filter((l) => !['C2018-0002', 'C2018-0005'].includes(l.record));
  const records = [...new Set(file.map((l) => l.record))];
  for (const record of records) {
    const lines = numbered(file)
      .filter(({ value }) => value.record === record)
      .map(({ line, value }) => ({ line, ...value }));
    const imported = await stack.request('POST', '/imports', {
      as: admin,
      body: { system: 'xh-legacy', batch: `analytics-${record}`, lines },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  }
  const live = [
    { agencyId: 'agency:hz-xihu', province: '33', criminal: true },
    { agencyId: 'agency:hz-gongshu', province: '33', criminal: false },
    { agencyId: 'agency:hf-shushan', province: '34', criminal: true },
    { agencyId: 'agency:hf-shushan', province: '34', criminal: false },
  ];
  for (const s of live) {
    const body = applicationBody({
      agencyId: s.agencyId,
      province: s.province,
      receivedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
      lateEntryReason: 'paper-ledger',
      matter,
      applicant: { name: applicantName, identityNumber: s.province === '33' ? '330106199001017777' : identityNumber, priorityGroups: [] },
      ...(s.criminal ? { category: 'criminal', formOfAid: 'criminal-defence' } : {}),
    });
    const as = principal('agency-reviewer', { org: s.agencyId, sub: `reviewer-${s.agencyId.slice(7)}` });
    const r = await stack.request('POST', '/applications', { as, body, headers: { 'idempotency-key': newKey() } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  await stack.settle();
  await stack.analytics!.flush();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await rm(analyticsDir, { recursive: true, force: true });
});

describe('the analytics store (Parquet by business date and province, read with DuckDB)', () => {
  it("the shared annual-report SQL over the local Parquet equals GET /reports/annual, figure by figure, for each province's year", async () => {
    const rows = await runAnalyticsQuery(analyticsDir, await readQuery('annual-report-by-province'));
    const cells = [
      { year: 2018, province: '33', organisationId: 'justice-department:zj' },
      { year: thisYear, province: '33', organisationId: 'justice-department:zj' },
      { year: thisYear, province: '34', organisationId: 'justice-department:ah' },
    ];
    for (const cell of cells) {
      const res = await stack.request('GET', `/reports/annual?organisationId=${cell.organisationId}&year=${cell.year}`, {
        as: auditorOf(cell.organisationId),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const report = figuresOf(res.body);
      const sql = new Map(
        rows.filter((r) => r.year === cell.year && r.province === cell.province).map((r) => [r.figure as string, r.value as number]),
      );
      // Every figure the SQL answers is one the report has, and every covered report figure matches.
      for (const figure of sql.keys()) expect(report.has(figure), `${figure} is a report figure`).toBe(true);
      for (const [figure, value] of report) expect(sql.get(figure) ?? 0, `${cell.organisationId} ${cell.year} ${figure}`).toBe(value);
      // Not vacuous: the report counted what was sent.
      expect(report.get('cases.received'), `${cell.organisationId} ${cell.year}`).toBeGreaterThan(0);
    }
    expect(rows.some((r) => r.year === 2018 && r.figure === 'closings.closed' && (r.value as number) > 0)).toBe(true);
    expect(rows.some((r) => r.year === 2018 && r.figure === 'consultations.total' && (r.value as number) > 0)).toBe(true);
  });

  it('an event delivered twice is counted once', async () => {
    const before = await runAnalyticsQuery(analyticsDir, await readQuery('annual-report-by-province'));
    // The bus's at-least-once: the same EventBridge event again (as a redrive sends it).
    const [opening] = await runAnalyticsQuery(
      analyticsDir,
      "SELECT event_id, stream FROM legal_aid_events WHERE type = 'ApplicationReceived' AND province = '34' LIMIT 1",
    );
    const stored = await stack.store.readPage(opening!.stream as string, { from: 1, to: 1 });
    const { thinEnvelope } = await import('../../functions/lib/bus-entry.ts');
    stack.analytics!.append(thinEnvelope(stored.events[0]!));
    await stack.analytics!.flush();
    const copies = await runAnalyticsQuery(
      analyticsDir,
      `SELECT count(*) AS n FROM legal_aid_events WHERE event_id = '${opening!.event_id}'`,
    );
    expect(copies[0]!.n).toBe(2);
    expect(await runAnalyticsQuery(analyticsDir, await readQuery('annual-report-by-province'))).toEqual(before);
  });

  it('no personal field reaches the store: names, identity numbers, matters and topics are left out, by the catalogue marks', async () => {
    const rows = await runAnalyticsQuery(analyticsDir, 'SELECT * FROM legal_aid_events');
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    for (const value of [applicantName, identityNumber, '330106199001017777', matter, '赵六', '劳动争议', '[withheld]'])
      expect(text, value).not.toContain(value);
    const opening = rows.find((r) => r.type === 'ApplicationReceived' && r.province === '34')!;
    const data = JSON.parse(opening.data as string) as Record<string, unknown>;
    expect(data).toMatchObject({ agencyId: 'agency:hf-shushan', category: expect.any(String) });
    expect(Object.keys(data)).not.toContain('matter');
    // The applicant's facts stay (priority groups: what the report counts), the person's data goes.
    const applicant = data.applicant as Record<string, unknown>;
    expect(applicant).toHaveProperty('priorityGroups');
    for (const key of ['name', 'identityNumber', 'phone', 'address']) expect(Object.keys(applicant)).not.toContain(key);
  });
});
