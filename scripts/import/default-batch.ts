import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

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
