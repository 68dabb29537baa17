import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openAnalytics } from './duckdb-session.ts';

// `npm run analytics` and the tests read the local Parquet through here: the SQL as Athena would run
// it, over the view and macro duckdb-session.ts defines.

/** The folder of the shared SQL files: the stack's named queries are made from the same files. */
export const QUERIES_DIR = fileURLToPath(new URL('../../../analytics/queries/', import.meta.url));

export const readQuery = (name: string): Promise<string> => readFile(new URL(`${name}.sql`, `file://${QUERIES_DIR}`), 'utf8');

/** Rows as plain objects; DuckDB's BIGINT and HUGEINT (sums, counts) come back as numbers when they fit. */
export const runAnalyticsQuery = async (analyticsDir: string, sql: string): Promise<Record<string, unknown>[]> => {
  const db = await openAnalytics(analyticsDir);
  try {
    const reader = await db.connection.runAndReadAll(sql);
    return reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v]),
        ),
      );
  } finally {
    db.close();
  }
};
