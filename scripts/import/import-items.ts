import { createStepNumbering } from '../../functions/lib/import/parse-lines.ts';
import type { ImportItem } from '../../functions/lib/import/run-import.ts';
import type { ReadLine } from './import-line.ts';

/**
 * The file's lines as the engine runs them: a line read whole is numbered with its step (given, or
 * its ordinal among its record's lines), a line refused as it was read becomes its rejection. A
 * refused line that names its record counts among that record's lines, as POST /imports counts it
 * (functions/lib/import/parse-lines.ts): the same lines get the same steps by either way in.
 */
export async function* importItemsOf(lines: AsyncIterable<ReadLine>): AsyncGenerator<ImportItem> {
  const ordinalOf = createStepNumbering();
  for await (const read of lines) {
    if (read.ok) {
      const ordinal = ordinalOf(read.value.record);
      yield { line: read.line, step: String(read.value.step ?? ordinal), value: read.value };
      continue;
    }
    if (read.record !== undefined) ordinalOf(read.record);
    const { line, code, field, reason } = read;
    yield { line, record: read.record ?? null, status: 'rejected', code, field, reason };
  }
}
