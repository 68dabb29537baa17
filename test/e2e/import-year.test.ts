import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCountyYear } from '../../scripts/import/county-year.ts';
import { importCli } from '../support/import-cli.ts';
import { principal, startTestStack } from '../support/local-stack.ts';

// The done-when of issue 17: a generated 2018 year of a county agency (cases of every origin and
// category with their whole lifecycle, late reviews and assignments among them, consultations,
// lawyers, a fund, subsidies) imported with `npm run import` gives the 2018 annual report the
// generator counted off its own plan — deadlines judged by the Zhejiang rules of 2018, lateness and
// the compliance rate included — and a re-run adds nothing: the store's heads and the report stay.

type Stack = Awaited<ReturnType<typeof startTestStack>> & { masterKey: string };
let stack: Stack;
const dir = mkdtempSync(join(tmpdir(), 'import-year-'));
const auditor = principal('auditor', { org: 'justice-department:zj', sub: 'auditor-zj' });
const year = generateCountyYear({ seed: 2018, year: 2018, cases: 32, consultations: 48, workers: 8 });
const file = join(dir, 'county-2018.jsonl');

// The CLI as a child process (test/support/import-cli.ts), under this year's own system and batch.
const importYear = () => importCli(stack, file, [], { system: 'xh-2018', batch: 'county-2018' }).done;

/** Every stream's head (its last version) in the events table. */
const heads = async (s: Stack) => {
  const out = new Map<string, number>();
  let start: Record<string, never> | undefined;
  do {
    const page = await s.client.send(
      new ScanCommand({
        TableName: s.eventsTable,
        ConsistentRead: true,
        ExclusiveStartKey: start,
        ProjectionExpression: '#s, #v',
        ExpressionAttributeNames: { '#s': 'stream', '#v': 'version' },
      }),
    );
    for (const item of page.Items ?? []) {
      const stream = String(item.stream?.S);
      out.set(stream, Math.max(out.get(stream) ?? 0, Number(item.version?.N)));
    }
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return out;
};

const annualReport = async () => {
  const res = await stack.request('GET', '/reports/annual?agencyId=agency:hz-xihu&year=2018', { as: auditor });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { generatedAt: _g, ...report } = res.body;
  return report;
};

beforeAll(async () => {
  writeFileSync(file, year.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const dataDir = join(dir, 'stack');
  stack = { ...(await startTestStack('e2e-import-year', { dataDir })), masterKey: join(dataDir, 'master-key') };
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a generated 2018 county year, imported', () => {
  let first: Awaited<ReturnType<typeof annualReport>>;

  it('is imported whole', async () => {
    expect(year.figures.deadlines.agency.missed).toBeGreaterThan(0);
    const run = await importYear();
    expect(run.code, run.out).toBe(0);
    await stack.settle(180_000);
  }, 600_000);

  it('gives the 2018 annual report the year had: cases, closings, consultations, lateness and the compliance rate', async () => {
    first = await annualReport();
    const { decisions: _d, subsidies: _s, ...reported } = year.figures;
    expect(first).toMatchObject(reported);
  });

  it('pays in 2018 the subsidies the year paid', async () => {
    const res = await stack.request<{ months: { paidCases: number; paidFen: number }[] }>(
      'GET',
      '/funding/months?agencyId=agency:hz-xihu&year=2018',
      { as: auditor },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const paid = res.body.months.reduce((n, m) => ({ paid: n.paid + m.paidCases, paidFen: n.paidFen + m.paidFen }), {
      paid: 0,
      paidFen: 0,
    });
    expect(paid).toEqual(year.figures.subsidies);
  });

  it('adds nothing when run again: the heads and the report stay', async () => {
    const before = await heads(stack);
    // Every record's stream, and the workers', the fund's and the notice counters' besides.
    expect(before.size).toBeGreaterThan(year.figures.cases.received + year.figures.consultations.total);
    const again = await importYear();
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/ 0 accepted, \d+ already there/);
    await stack.settle(180_000);
    expect(await heads(stack)).toEqual(before);
    expect(await annualReport()).toEqual(first);
  }, 600_000);
});
