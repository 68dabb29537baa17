import { ImportFileError } from './import-file-error.ts';
import { MAX_LINE_BYTES, type PhysicalLine } from './physical-lines.ts';

// RFC 4180 rows over the file's lines: fields separated by commas, a field in double quotes may hold
// commas, line breaks and "" for a quote. A row is numbered by the line it starts on, since that is
// where a person looking at the file finds it. A line break inside quotes is kept as \n whatever the
// file used. Blank lines between rows are skipped (spreadsheets leave them at the end).

export type CsvRow =
  | { line: number; bytesThrough: number; ok: true; cells: string[] }
  | { line: number; bytesThrough: number; ok: false; reason: string };

export async function* csvRows(lines: AsyncIterable<PhysicalLine>): AsyncGenerator<CsvRow> {
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false;
  let startLine = 0;
  let rowChars = 0;
  let bytesThrough = 0;
  const reset = () => {
    cells = [];
    field = '';
    inQuotes = false;
    afterQuote = false;
    rowChars = 0;
  };
  for await (const physical of lines) {
    bytesThrough = physical.bytesThrough;
    const text = physical.text;
    if (!inQuotes) {
      if (text === '') continue;
      startLine = physical.line;
    }
    rowChars += text.length + 1;
    if (rowChars > MAX_LINE_BYTES)
      throw new ImportFileError(
        'LINE_TOO_LONG',
        startLine,
        'a row runs on past 1 MiB: is the closing quote of a field on this row missing?',
      );
    let error: string | null = null;
    for (let i = 0; i < text.length && error === null; i++) {
      const c = text[i];
      if (inQuotes) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else if (c === ',') {
        cells.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '"') {
        if (field === '' && !afterQuote) inQuotes = true;
        else error = `column ${cells.length + 1} has a quote inside an unquoted field: quote the whole field and double the quote ("")`;
      } else if (afterQuote) {
        error = `column ${cells.length + 1} has text after its closing quote`;
      } else field += c;
    }
    if (error !== null) {
      yield { line: startLine, bytesThrough, ok: false, reason: error };
      reset();
      continue;
    }
    if (inQuotes) {
      field += '\n';
      continue;
    }
    cells.push(field);
    yield { line: startLine, bytesThrough, ok: true, cells };
    reset();
  }
  if (inQuotes) yield { line: startLine, bytesThrough, ok: false, reason: 'a quoted field opened on this row is never closed' };
}
