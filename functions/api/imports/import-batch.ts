import type { Registry } from '../../../domain/organisation/registry.ts';
import type { ImportBatch, NumberedLine } from '../../lib/import/import-line.ts';
import { summaryOf, type LineOutcome } from '../../lib/import/line-outcome.ts';
import { createLineNumbering } from '../../lib/import/parse-lines.ts';
import { runImport } from '../../lib/import/run-import.ts';
import { createLineRunner, type ImportDeps } from './run-lines.ts';

export type ImportOptions = {
  dryRun?: boolean;
  concurrency?: number;
  onOutcome?: (outcome: LineOutcome) => void;
  /** Refuses a line before it runs (throws an HttpError): the API's scope. */
  admit?: (line: NumberedLine, registry: Registry) => void;
};

/** A raw line: its number in the file and its parsed JSON, or its outcome already (a line that is not JSON). */
export type RawLine = { line: number; value: unknown } | LineOutcome;

/** Imports a batch's lines: numbered, each run through the command path, records side by side; the outcome of every line. */
export const importBatch = async (
  deps: ImportDeps,
  batch: ImportBatch,
  lines: Iterable<RawLine> | AsyncIterable<RawLine>,
  { dryRun = false, concurrency = 8, onOutcome, admit }: ImportOptions = {},
) => {
  const runLine = await createLineRunner(deps, batch, { dryRun, ...(admit ? { admit } : {}) });
  const numbering = createLineNumbering();
  const numbered = async function* () {
    for await (const raw of lines) yield 'status' in raw ? raw : numbering(raw.value, raw.line);
  };
  const outcomes = await runImport(numbered(), runLine, { concurrency, ...(onOutcome ? { onOutcome } : {}) });
  return { outcomes, summary: summaryOf(outcomes) };
};
