import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseLines, consultationLine, numbered, smallImport, type Line } from '../support/import-file.ts';
import { cleanUp, comparable, importCli, imported, stackWithKeyFile, tmp, writeLines } from '../support/import-cli.ts';

// `npm run import` as an operator runs it, against the local stack (its tables, its master key):
// killed with SIGKILL half-way and run again, it ends with the store a clean single run gives; a
// dry run stores nothing and reports the rejections; exit codes 0, 1, 2.

/** A larger file: 20 cases, some with printed notice numbers, some paid, and consultations. */
const largerFile = (): Line[] => {
  const small = smallImport();
  const head = small.filter((l) => ['RegisterAidWorker', 'AllocateFund'].includes(l.command));
  const cases = Array.from({ length: 20 }, (_, i) =>
    caseLines(`C2018-1${String(i).padStart(3, '0')}`, 1 + (i % 11), {
      worker: i % 2 ? 'W-2' : 'W-1',
      paid: i % 5 === 0,
      ...(i % 3 === 0 ? { notice: `(2018)杭西援指字第${String(100 + i).padStart(4, '0')}号` } : {}),
    }),
  ).flat();
  const consultations = Array.from({ length: 10 }, (_, i) => consultationLine(`Z2018-1${String(i).padStart(3, '0')}`, 1 + (i % 11), 10));
  return [...head, ...cases, ...consultations];
};

afterAll(cleanUp);

describe('npm run import', () => {
  let crashed: Awaited<ReturnType<typeof stackWithKeyFile>>;
  let clean: Awaited<ReturnType<typeof stackWithKeyFile>>;
  beforeAll(async () => {
    crashed = await stackWithKeyFile('import-crash');
    clean = await stackWithKeyFile('import-clean');
  }, 120_000);

  it('killed with SIGKILL mid-import and run again, ends with the store of a clean single run', async () => {
    const lines = largerFile();
    const file = writeLines(lines);
    const single = await importCli(clean, file).done;
    expect(single.code, single.out).toBe(0);

    const whole = (await imported(clean)).length;

    const first = importCli(crashed, file, ['--concurrency', '4']);
    let exited = false;
    void first.done.then(() => (exited = true));
    // Killed once a quarter of what the file stores is stored.
    while (!exited && (await imported(crashed)).length < whole / 4) await sleep(100);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal, killed.out).toBe('SIGKILL');
    const partial = (await imported(crashed)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(whole);

    const again = await importCli(crashed, file).done;
    expect(again.code, again.out).toBe(0);
    expect(await comparable(crashed, await imported(crashed))).toEqual(await comparable(clean, await imported(clean)));
  }, 240_000);

  it('--dry-run stores nothing and reports the rejections; exit 1 when a line is rejected, 2 on a usage error', async () => {
    const stack = await stackWithKeyFile('import-dry');
    const file = writeLines(smallImport({ forbidden: true }));
    const report = join(tmp(), 'report.jsonl');
    const dry = await importCli(stack, file, ['--dry-run', '--report', report]).done;
    expect(dry.code, dry.out).toBe(1);
    expect(await imported(stack)).toEqual([]);
    const outcomes = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; status: string; code?: string });
    const lines = numbered(smallImport({ forbidden: true }));
    expect(outcomes).toHaveLength(lines.length);
    const assign = lines.find((l) => l.value.record === 'C2018-0004' && l.value.command === 'AssignAidWorker')!.line;
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([expect.objectContaining({ line: assign, code: 'NOTHING_TO_ASSIGN' })]);
    expect(dry.out).toContain(`REJECTED line ${assign} (C2018-0004): NOTHING_TO_ASSIGN`);

    const usage = await importCli(stack, file, ['--concurrency', '0']).done;
    expect(usage.code).toBe(2);
  }, 120_000);
});
