import { describe, expect, it } from 'vitest';
import type { NumberedLine } from '../../functions/lib/import/import-line.ts';
import type { LineOutcome } from '../../functions/lib/import/line-outcome.ts';
import { runImport } from '../../functions/lib/import/run-import.ts';
import { importItemsOf } from '../../scripts/import/import-items.ts';
import { readImportFile } from '../../scripts/import/read-file.ts';
import { collect, importFile, validLine } from '../support/import-files.ts';

// The CLI's path from a file's lines to their outcomes, the store replaced by a runner that accepts
// every line it is given: what a line refused as it was read does to its record's steps and later lines.

const jsonl = (...lines: unknown[]) => `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;

const acceptAll = () => {
  const ran: NumberedLine[] = [];
  const runLine = async (line: NumberedLine): Promise<LineOutcome> => {
    ran.push(line);
    return { line: line.line, record: line.value.record, status: 'accepted', stream: `s#${line.value.record}`, version: 1 };
  };
  return { ran, runLine };
};

const importOf = async (contents: string) => {
  const { ran, runLine } = acceptAll();
  const items = importItemsOf(readImportFile(importFile('run.jsonl', contents)));
  const outcomes = await collect(runImport(items, runLine, { concurrency: 4, maxQueued: 2 }));
  return { ran, outcomes: outcomes.sort((a, b) => a.line - b.line) };
};

describe('importing a file line by line', () => {
  it('numbers each record’s steps in file order, a given step kept', async () => {
    const { ran } = await importOf(
      jsonl(validLine({ record: 'A' }), validLine({ record: 'B' }), validLine({ record: 'A', step: 'x9' }), validLine({ record: 'A' })),
    );
    expect(ran.map((l) => [l.line, l.value.record, l.step]).sort()).toEqual([
      [1, 'A', '1'],
      [2, 'B', '1'],
      [3, 'A', 'x9'],
      [4, 'A', '3'],
    ]);
  });

  it('rejects a line refused as it was read, with its line, code and field, stops its record there, and goes on with the others', async () => {
    const { ran, outcomes } = await importOf(
      jsonl(
        validLine({ record: 'A' }),
        validLine({ record: 'A', occurredAt: 'March' }),
        validLine({ record: 'B' }),
        validLine({ record: 'A' }),
      ),
    );
    expect(outcomes.map((o) => [o.line, o.record, o.status])).toEqual([
      [1, 'A', 'accepted'],
      [2, 'A', 'rejected'],
      [3, 'B', 'accepted'],
      [4, 'A', 'skipped'],
    ]);
    expect(outcomes[1]).toMatchObject({ code: 'INVALID_FIELD', field: 'occurredAt' });
    expect(outcomes[3]).toMatchObject({ reason: expect.stringContaining('line 2') });
    expect(ran.map((l) => l.line).sort()).toEqual([1, 3]);
  });

  it('a line that is not JSON names no record: rejected as MALFORMED_JSON, it stops nothing', async () => {
    const { ran, outcomes } = await importOf(jsonl(validLine({ record: 'A' }), '{"record":"A",', validLine({ record: 'A' })));
    expect(outcomes.map((o) => [o.line, o.record, o.status])).toEqual([
      [1, 'A', 'accepted'],
      [2, null, 'rejected'],
      [3, 'A', 'accepted'],
    ]);
    expect(outcomes[1]).toMatchObject({ code: 'MALFORMED_JSON', field: 'line' });
    expect(ran.map((l) => l.step)).toEqual(['1', '2']);
  });
});
