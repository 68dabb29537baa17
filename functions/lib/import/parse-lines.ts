import { importLineSchema, type NumberedLine } from './import-line.ts';
import { rejected, type LineOutcome } from './line-outcome.ts';

/**
 * Numbers the lines of a file (or an API body) as the engine runs them: each parsed, refused with its
 * field when it is no import line, its step given or its ordinal among its record's lines. The
 * ordinal counts every line of the record, parsed or not, so a fixed line keeps its step on a re-run.
 */
export const createLineNumbering = () => {
  const ordinals = new Map<string, number>();
  return (raw: unknown, line: number): NumberedLine | LineOutcome => {
    const record =
      raw && typeof raw === 'object' && typeof (raw as { record?: unknown }).record === 'string'
        ? (raw as { record: string }).record
        : null;
    const ordinal = record === null ? 0 : (ordinals.get(record) ?? 0) + 1;
    if (record !== null) ordinals.set(record, ordinal);
    const parsed = importLineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejected(line, record, 'INVALID_FIELD', issue?.path.join('.') || '(line)', issue?.message ?? 'not an import line');
    }
    return { line, step: String(parsed.data.step ?? ordinal), value: parsed.data };
  };
};

/** A JSON line of a file, parsed, or refused as MALFORMED_JSON. */
export const jsonOfLine = (text: string, line: number): unknown | LineOutcome => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return rejected(line, null, 'MALFORMED_JSON', '(line)', 'the line is not valid JSON');
  }
};
