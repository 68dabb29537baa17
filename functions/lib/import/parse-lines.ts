import { importLineSchema, type NumberedLine } from './import-line.ts';
import { rejected, type LineOutcome } from './line-outcome.ts';

/**
 * Each record's next ordinal, counted in file order over every line naming the record. What it keeps
 * grows with the records of the file, not its lines: one map entry per record (the record's id and a
 * number, about 100 bytes with the map's own), ~1 MB for 10,000 records, ~10 MB for a file of
 * 100,000 one-line records (a consultation ledger). It cannot be dropped earlier: a record's next
 * line may come anywhere further on in the file.
 */
export const createStepNumbering = () => {
  const ordinals = new Map<string, number>();
  return (record: string): number => {
    const ordinal = (ordinals.get(record) ?? 0) + 1;
    ordinals.set(record, ordinal);
    return ordinal;
  };
};

/**
 * Numbers the lines of a file (or an API body) as the engine runs them: each parsed, refused with its
 * field when it is no import line, its step given or its ordinal among its record's lines. The
 * ordinal counts every line of the record, parsed or not, so a fixed line keeps its step on a re-run.
 */
export const createLineNumbering = () => {
  const ordinalOf = createStepNumbering();
  return (raw: unknown, line: number): NumberedLine | LineOutcome => {
    const record =
      raw && typeof raw === 'object' && typeof (raw as { record?: unknown }).record === 'string'
        ? (raw as { record: string }).record
        : null;
    const ordinal = record === null ? 0 : ordinalOf(record);
    const parsed = importLineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejected(line, record, 'INVALID_FIELD', issue?.path.join('.') || 'line', issue?.message ?? 'not an import line');
    }
    return { line, step: String(parsed.data.step ?? ordinal), value: parsed.data };
  };
};
