import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Files for the importer's tests, in one temporary directory per test file, removed after it.

const dir = mkdtempSync(join(tmpdir(), 'import-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `contents` to `name` in the test file's directory: its path. */
export const importFile = (name: string, contents: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/** A line of an import file that passes the envelope check (the data is not checked by the reader). */
export const validLine = (overrides: Record<string, unknown> = {}) => ({
  record: 'C2018-0007',
  command: 'ReceiveApplication',
  occurredAt: '2018-03-05T09:12:00+08:00',
  actor: { role: 'agency-reviewer', id: 'legacy:zhang-wei', organisation: 'agency:hz-xihu' },
  data: { channel: 'agency-window' },
  ...overrides,
});
