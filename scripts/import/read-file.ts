import { basename, extname } from 'node:path';
import { csvRows } from './csv-rows.ts';
import { ImportFileError } from './import-file-error.ts';
import { checkImportLine, type ReadLine } from './import-line.ts';
import { ledgers } from './ledgers/index.ts';
import { bindHeader, type Ledger, UNNAMED } from './ledgers/ledger.ts';
import { physicalLines, type PhysicalLine } from './physical-lines.ts';

export type { ReadLine } from './import-line.ts';

export type ReadImportOptions = {
  /** By the file's extension when not given: .csv is CSV, anything else JSON lines. */
  format?: 'jsonl' | 'csv';
  /** The ledger of a CSV file (ledgers/index.ts); by default the one whose columns its header names. */
  ledger?: string;
  /** The organisation of a ledger whose rows do not name one. */
  organisation?: string;
  /** Told the bytes read so far after each line, for a progress bar. */
  onBytes?: (bytesThrough: number) => void;
};

/**
 * The file's import lines, each checked, in file order, streamed: a line is read when the consumer
 * asks for it, so memory holds one line (one CSV row) at a time. A problem with one line is that
 * line's error and reading goes on; a problem with the file (not UTF-8, a header no ledger has)
 * throws an ImportFileError.
 */
export async function* readImportFile(path: string, options: ReadImportOptions = {}): AsyncGenerator<ReadLine> {
  const format = options.format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
  const lines = physicalLines(path);
  if (format === 'jsonl') yield* jsonLines(lines, options);
  else yield* ledgerLines(lines, basename(path, extname(path)), options);
}

async function* jsonLines(lines: AsyncIterable<PhysicalLine>, options: ReadImportOptions): AsyncGenerator<ReadLine> {
  for await (const { line, text, bytesThrough } of lines) {
    options.onBytes?.(bytesThrough);
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, ok: false, code: 'MALFORMED_JSON', field: 'line', reason: `not JSON: ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, ok: false, code: 'INVALID_FIELD', field: 'line', reason: 'not a JSON object: a line holds one object' };
      continue;
    }
    yield checkImportLine(line, value);
  }
}

const ledgerOf = (headers: string[], options: ReadImportOptions): { ledger: Ledger; keys: string[] } => {
  const context = { organisation: options.organisation };
  if (options.ledger !== undefined) {
    const ledger = ledgers[options.ledger];
    if (!ledger)
      throw new ImportFileError('UNKNOWN_LEDGER', 1, `no ledger "${options.ledger}"; the ledgers are ${Object.keys(ledgers).join(', ')}`);
    const bound = bindHeader(ledger, headers, context);
    if (!bound.ok) throw new ImportFileError('BAD_HEADER', 1, bound.reason);
    return { ledger, keys: bound.keys };
  }
  const reasons: string[] = [];
  for (const ledger of Object.values(ledgers)) {
    const bound = bindHeader(ledger, headers, context);
    if (bound.ok) return { ledger, keys: bound.keys };
    reasons.push(bound.reason);
  }
  throw new ImportFileError('BAD_HEADER', 1, `the header is no ledger's: ${reasons.join('; ')}`);
};

async function* ledgerLines(lines: AsyncIterable<PhysicalLine>, stem: string, options: ReadImportOptions): AsyncGenerator<ReadLine> {
  let bound: { ledger: Ledger; keys: string[]; headers: string[] } | null = null;
  let row = 0;
  for await (const csvRow of csvRows(lines)) {
    options.onBytes?.(csvRow.bytesThrough);
    if (!bound) {
      if (!csvRow.ok) throw new ImportFileError('BAD_HEADER', csvRow.line, `the header row: ${csvRow.reason}`);
      bound = { ...ledgerOf(csvRow.cells, options), headers: csvRow.cells };
      continue;
    }
    const { line } = csvRow;
    // A spreadsheet's empty row (every cell blank) is no entry and is not counted.
    if (csvRow.ok && csvRow.cells.every((c) => c.trim() === '')) continue;
    row += 1;
    if (!csvRow.ok) {
      yield { line, ok: false, code: 'MALFORMED_ROW', field: 'row', reason: csvRow.reason };
      continue;
    }
    if (csvRow.cells.length !== bound.keys.length) {
      yield {
        line,
        ok: false,
        code: 'MALFORMED_ROW',
        field: 'row',
        reason: `has ${csvRow.cells.length} cells where the header has ${bound.keys.length}`,
      };
      continue;
    }
    const stray = bound.keys.findIndex((key, i) => key === UNNAMED && csvRow.cells[i]!.trim() !== '');
    if (stray >= 0) {
      yield { line, ok: false, code: 'INVALID_FIELD', field: `column ${stray + 1}`, reason: 'holds a value under an empty header' };
      continue;
    }
    const cells = Object.fromEntries(bound.keys.map((key, i) => [key, csvRow.cells[i]]).filter(([key]) => key !== UNNAMED));
    const result = bound.ledger.toLine(cells, { row, stem, organisation: options.organisation });
    if (result.ok) {
      yield checkImportLine(line, result.value);
      continue;
    }
    // The error names the column as the file's own header does.
    const i = bound.keys.indexOf(result.column);
    if (i >= 0) yield { line, ok: false, code: 'INVALID_FIELD', field: bound.headers[i]!, reason: result.reason };
    else {
      const names = bound.ledger.columns[result.column]?.names ?? [result.column];
      yield {
        line,
        ok: false,
        code: 'INVALID_FIELD',
        field: names[0]!,
        reason: `${result.reason} (the file has no column ${names.join(' / ')})`,
      };
    }
  }
}
