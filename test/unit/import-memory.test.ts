import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readImportFile, type ReadLine } from '../../scripts/import/read-file.ts';
import { runInRecordOrder } from '../../functions/lib/import/schedule.ts';
import { importFile, validLine } from '../support/import-files.ts';

// The importer streams: a file of 100,000 lines goes through the reader and the scheduler while at
// most maxQueued + concurrency lines are held between being read and being done, counted by
// instrumenting both ends (RSS is measured and shown, but asserting it would depend on the machine:
// its goal, ≤ 300 MiB for such a file, is checked by the import benchmark).

const LINES = 100_000;
const RECORDS = 10_000;

/**
 * Half the file in date order (each record's next line 10,000 lines later, the way a year's events
 * interleave), half grouped by record (long runs of one record, which only one line at a time can
 * work on).
 */
const writeYear = async (path: string) => {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const half = LINES / 2;
  for (let i = 0; i < half; i++)
    await write(`${JSON.stringify(validLine({ record: `R${i % RECORDS}`, step: String(Math.floor(i / RECORDS)) }))}\n`);
  for (let i = 0; i < half; i++) await write(`${JSON.stringify(validLine({ record: `G${Math.floor(i / 50)}`, step: String(i % 50) }))}\n`);
  out.end();
  await once(out, 'finish');
};

describe('importing a 100,000-line file', () => {
  it('holds at most maxQueued + concurrency lines at once however the file is ordered', { timeout: 120_000 }, async ({ annotate }) => {
    const path = importFile('year.jsonl', '');
    await writeYear(path);
    const concurrency = 8;
    const maxQueued = 500;
    const seen = { read: 0, done: 0, maxHeld: 0, maxRunning: 0, running: 0, rejected: 0 };
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;

    async function* counted(lines: AsyncIterable<ReadLine>) {
      for await (const line of lines) {
        seen.read += 1;
        seen.maxHeld = Math.max(seen.maxHeld, seen.read - seen.done);
        yield line;
      }
    }
    const run = async (line: ReadLine) => {
      seen.running += 1;
      seen.maxRunning = Math.max(seen.maxRunning, seen.running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.running -= 1;
      return line.ok;
    };
    const recordOf = (line: ReadLine) => (line.ok ? line.value.record : `line ${line.line}`);
    for await (const ok of runInRecordOrder(counted(readImportFile(path)), recordOf, run, { concurrency, maxQueued })) {
      seen.done += 1;
      if (!ok) seen.rejected += 1;
      if (seen.done % 5_000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }

    expect(seen.done).toBe(LINES);
    expect(seen.rejected).toBe(0);
    expect(seen.maxRunning).toBeLessThanOrEqual(concurrency);
    expect(seen.maxHeld).toBeLessThanOrEqual(maxQueued + concurrency);
    await annotate(
      `RSS grew ${((rssPeak - rssBefore) / 2 ** 20).toFixed(1)} MiB over ${LINES} lines (at most ${seen.maxHeld} held at once)`,
    );
  });
});
