// `npm run analytics -- "<sql>"` (or `--file analytics/queries/<name>.sql`): a question to the local
// analytics store, the Parquet files the local stack writes under <data-dir>/analytics, with DuckDB.
// The table is `legal_aid_events`, as in Athena; the files in analytics/queries/ run in both.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runAnalyticsQuery } from '../infra/local/analytics/run-query.ts';
import { runCli, UsageError } from './lib/cli.ts';

const usage = `usage:
  npm run analytics -- "<sql>" [--data-dir .local/data] [--json]
  npm run analytics -- --file analytics/queries/<name>.sql [--data-dir .local/data] [--json]

The table is legal_aid_events (year, month, day, province partitions; data is JSON without personal
fields: json_extract_scalar(data, '$.category')). Count events with count(DISTINCT event_id): the
store is written at least once.

exit code: 0 answered, 2 usage or query error`;

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      'data-dir': { type: 'string', default: '.local/data' },
      json: { type: 'boolean', default: false },
    },
  });
  if ((values.file ? 1 : 0) + positionals.length !== 1) throw new UsageError('give one SQL statement or --file <path>');
  const sql = values.file ? await readFile(values.file, 'utf8') : positionals[0]!;
  const rows = await runAnalyticsQuery(resolve(values['data-dir'], 'analytics'), sql);
  if (values.json) for (const row of rows) console.log(JSON.stringify(row));
  else console.table(rows);
  return 0;
};

await runCli(main, usage, (error) => `analytics query failed: ${error.message}`);
