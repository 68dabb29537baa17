// A ledger: the columns of a CSV file kept by hand or exported from a spreadsheet, and how one row
// becomes one import line. Headers are matched loosely (case, spaces, `_` and `-` ignored) against
// each column's accepted names, so an agency's own header row works without editing.

export type LedgerColumn = {
  names: readonly string[];
  required: boolean;
  /** Required unless the file as a whole names its organisation (a ledger of one agency seldom has the column). */
  orFileOrganisation?: true;
};

export type LedgerRowContext = {
  /** The row's ordinal among the data rows (the header not counted), from 1. */
  row: number;
  /** The file's name without directory or extension. */
  stem: string;
  /** The organisation the whole file belongs to, when its rows do not say. */
  organisation?: string | undefined;
};

/** A row's cells by column key; a column the file does not have is absent. */
export type LedgerCells = Readonly<Record<string, string | undefined>>;

export type LedgerResult = { ok: true; value: unknown } | { ok: false; column: string; reason: string };

export type Ledger = {
  name: string;
  description: string;
  columns: Readonly<Record<string, LedgerColumn>>;
  toLine: (cells: LedgerCells, context: LedgerRowContext) => LedgerResult;
};

/** The key of a column with an empty header. */
export const UNNAMED = '';

export const headerKey = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/** Each header's column key, or what keeps the header from being this ledger's. */
export const bindHeader = (
  ledger: Ledger,
  headers: readonly string[],
  context: { organisation?: string | undefined },
): { ok: true; keys: string[] } | { ok: false; reason: string } => {
  const byName = new Map<string, string>();
  for (const [key, column] of Object.entries(ledger.columns)) for (const name of column.names) byName.set(headerKey(name), key);
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const header of headers) {
    // Spreadsheets export empty columns at the right; their cells must stay empty (read-file.ts).
    if (headerKey(header) === '') {
      keys.push(UNNAMED);
      continue;
    }
    const key = byName.get(headerKey(header));
    if (key === undefined) unknown.push(header);
    else if (keys.includes(key)) return { ok: false, reason: `columns "${header}" and another both mean ${key}` };
    keys.push(key ?? '');
  }
  // A column the ledger does not know is refused rather than dropped: nothing the paper holds goes missing unseen.
  if (unknown.length > 0)
    return { ok: false, reason: `the ${ledger.name} ledger has no column ${unknown.map((u) => `"${u}"`).join(', ')}` };
  const missing = Object.entries(ledger.columns)
    .filter(([key, column]) => column.required && !keys.includes(key))
    .filter(([, column]) => !(column.orFileOrganisation && context.organisation))
    .map(([, column]) => `"${column.names[0]}"`);
  if (missing.length > 0) return { ok: false, reason: `the ${ledger.name} ledger needs the column(s) ${missing.join(', ')}` };
  return { ok: true, keys };
};

/** A cell's value with surrounding blanks removed; a blank cell reads as absent. */
export const cell = (cells: LedgerCells, key: string): string | undefined => {
  const value = cells[key]?.trim();
  return value ? value : undefined;
};
