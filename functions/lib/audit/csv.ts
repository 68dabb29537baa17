// RFC 4180 CSV: fields with a comma, a double quote, CR or LF are quoted and their quotes doubled;
// records end with CRLF. Written with a UTF-8 byte-order mark so that Excel reads Chinese text as
// UTF-8 rather than the system code page.

export const BOM = '\uFEFF';

// A cell starting with = + - @ (or tab / CR) is a formula to a spreadsheet: it is written with a
// leading apostrophe, as is a cell that itself starts with one, so the escape can be undone exactly.
const FORMULA_START = /^[=+\-@\t\r']/;
export const escapeCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
export const unescapeCell = (value: string): string => (value.startsWith("'") ? value.slice(1) : value);

const quote = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

export const formatCsv = (rows: readonly (readonly string[])[]): string => rows.map((r) => `${r.map(quote).join(',')}\r\n`).join('');

export class CsvSyntaxError extends Error {
  readonly code = 'CSV_SYNTAX';
  constructor(reason: string) {
    super(reason);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses RFC 4180 text (CRLF or LF line ends, an optional BOM) into rows of fields. */
export const parseCsv = (text: string): string[][] => {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  // Whether the current row has begun (a last record without CRLF still counts).
  let dirty = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    line++;
    dirty = false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"' && field === '') {
      // A quoted field: runs to the next lone quote; "" is a quote inside it.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvSyntaxError(`line ${startLine}: a quoted field is not closed`);
        const q = src[i]!;
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
        throw new CsvSyntaxError(`line ${line}: text after a closing quote`);
      dirty = true;
      continue;
    }
    if (c === ',') {
      endField();
      dirty = true;
      i++;
    } else if (c === '\r' && src[i + 1] === '\n') {
      endRow();
      i += 2;
    } else if (c === '\n') {
      endRow();
      i++;
    } else if (c === '"') {
      throw new CsvSyntaxError(`line ${line}: a quote inside an unquoted field`);
    } else {
      field += c;
      dirty = true;
      i++;
    }
  }
  if (dirty) endRow();
  return rows;
};
