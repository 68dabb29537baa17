import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { RawLine } from '../../functions/api/imports/import-batch.ts';
import { jsonOfLine } from '../../functions/lib/import/parse-lines.ts';

// A simple JSON-lines reader: the file streamed line by line, blank lines skipped (they keep their
// number, so the report's line numbers are the editor's). Lane "io" brings the CSV ledgers and the
// bounded-memory scheduler beside it.

export async function* jsonLinesOf(path: string): AsyncGenerator<RawLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    const value = jsonOfLine(text, n);
    yield value !== null && typeof value === 'object' && 'status' in value ? (value as RawLine) : { line: n, value };
  }
}

/** The default batch of a file: its name and a hash of its content, so the same file is the same batch wherever it is run from. */
export const defaultBatchOf = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const name =
    basename(path)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 80) || 'import';
  return `${name}-${hash.digest('hex').slice(0, 12)}`;
};
