import type { Registry } from '../../../domain/organisation/registry.ts';
import type { ImportBatch, NumberedLine } from '../../lib/import/import-line.ts';
import { summaryOf, type LineOutcome } from '../../lib/import/line-outcome.ts';
import { createLineNumbering } from '../../lib/import/parse-lines.ts';
import { runImport, type ImportItem } from '../../lib/import/run-import.ts';
import { createLineRunner, type ImportDeps } from './run-lines.ts';

export type ImportOptions = {
  dryRun?: boolean;
  /** Each line's events written on their own, as the API writes a request's (run-lines.ts); by default lines finishing together are written together. */
  lineByLine?: boolean;
  concurrency?: number;
  /** Refuses a line before it runs (throws an HttpError): the API's scope. */
  admit?: (line: NumberedLine, registry: Registry) => void;
};

/** A raw line: its number in the file and its parsed JSON, or its outcome already (a line that is not JSON). */
export type RawLine = { line: number; value: unknown } | Extract<LineOutcome, { status: 'rejected' }>;

/**
 * Imports a batch's lines, all held (POST /imports takes at most 100; a file goes through `npm run
 * import`, which streams): numbered, each run through the command path, records side by side; the
 * outcome of every line in line order.
 */
export const importBatch = async (
  deps: ImportDeps,
  batch: ImportBatch,
  lines: Iterable<RawLine> | AsyncIterable<RawLine>,
  { dryRun = false, lineByLine = false, concurrency = 8, admit }: ImportOptions = {},
) => {
  const runLine = await createLineRunner(deps, batch, { dryRun, lineByLine, ...(admit ? { admit } : {}) });
  const numbering = createLineNumbering();
  const numbered = async function* () {
    for await (const raw of lines) {
      const item = 'status' in raw ? raw : numbering(raw.value, raw.line);
      // Numbering refuses a line only by rejecting it.
      yield item as ImportItem;
    }
  };
  const outcomes: LineOutcome[] = [];
  for await (const outcome of runImport(numbered(), runLine, { concurrency, maxQueued: 1000 })) outcomes.push(outcome);
  outcomes.sort((a, b) => a.line - b.line);
  return { outcomes, summary: summaryOf(outcomes) };
};
