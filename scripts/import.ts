// `npm run import -- <file> --system <code>`: imports an older system's records (docs/import.md), one
// command per JSON line, each through the same command path as the API (the deciders of the time,
// sealing, idempotency). A re-run of the same file replays instead of adding, so a crashed import is
// simply run again.
import { createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importBatch } from '../functions/api/imports/import-batch.ts';
import { importBatchPattern, importSystemPattern } from '../functions/lib/import/import-line.ts';
import type { LineOutcome } from '../functions/lib/import/line-outcome.ts';
import { eventsTable as eventsTableDefinition, keysTable as keysTableDefinition } from '../infra/definitions/tables.ts';
import { localTableName } from '../infra/local/create-tables.ts';
import { dynamoClientOf, runCli, UsageError, wholeNumber } from './lib/cli.ts';
import { importDepsOf } from './import/connect.ts';
import { progressReporter } from './import/progress.ts';
import { defaultBatchOf, jsonLinesOf } from './import/read-lines.ts';

const usage = `usage:
  npm run import -- <file.jsonl> --system <code> [options]

  --system <code>        the old system the records come from (letters, digits, . _ -); ids derive from it
  --batch <id>           the batch recorded in every event's provenance (default: the file's name and content hash)
  --dry-run              decide every line on an in-memory copy of what it would write; store nothing
  --report <out.jsonl>   one outcome per line: accepted, replayed, rejected {code, field, reason}, skipped
  --concurrency <n>      lines running at once across records (default 8, at most 64)
  --imported-by <id>     the importing administrator recorded in the provenance (default cli:<your user name>)
  --endpoint <url>       DynamoDB endpoint (default: $DYNAMODB_ENDPOINT, else the local stack's)
  --local-api <url>      the local stack's API, asked for its DynamoDB endpoint (default http://127.0.0.1:3000)
  --master-key <file>    the local stack's master key (default .local/data/master-key, where npm start keeps it)
  --aws                  use AWS itself (credentials and region from the environment); needs --table, --keys-table, --data-key-arn
  --region <region>      AWS region (with --aws)
  --table <name>         events table (default ${localTableName('local-', eventsTableDefinition)}; in AWS the stack output EventsTableName)
  --keys-table <name>    keys table (default ${localTableName('local-', keysTableDefinition)}; in AWS the stack output KeysTableName)
  --data-key-arn <arn>   the stack's KMS key that wraps record keys (with --aws)

exit code: 0 every line accepted or already there, 1 some line rejected or skipped, 2 usage or connection error`;

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

const run = async (file: string, values: Record<string, string | boolean | undefined>): Promise<number> => {
  const system = text(values.system);
  if (!system || !importSystemPattern.test(system))
    throw new UsageError('--system <code> names the old system: 1-60 letters, digits, . _ -');
  const batch: string =
    text(values.batch) ??
    (await defaultBatchOf(file).catch((e: Error): never => {
      throw new UsageError(`cannot read ${file}: ${e.message}`);
    }));
  if (!importBatchPattern.test(batch)) throw new UsageError('--batch takes 1-120 letters, digits, . _ : -');
  const aws = values.aws === true;
  if (aws && (!text(values.table) || !text(values['keys-table']) || values.endpoint))
    throw new UsageError('--aws needs --table and --keys-table and takes no --endpoint');
  const concurrency = wholeNumber(text(values.concurrency), 'concurrency', 8, 64);
  const client = await dynamoClientOf({
    aws,
    region: text(values.region),
    endpoint: text(values.endpoint),
    localApi: text(values['local-api']),
  });
  const report = text(values.report) ? createWriteStream(text(values.report)!) : null;
  try {
    const deps = await importDepsOf(client, {
      aws,
      eventsTable: text(values.table) ?? localTableName('local-', eventsTableDefinition),
      keysTable: text(values['keys-table']) ?? localTableName('local-', keysTableDefinition),
      masterKey: text(values['master-key']) ?? join('.local', 'data', 'master-key'),
      dataKeyArn: text(values['data-key-arn']),
      region: text(values.region),
    });
    const progress = progressReporter();
    const importedBy = text(values['imported-by']) ?? `cli:${userInfo().username}`;
    const { summary } = await importBatch(deps, { system, batch, importedBy }, jsonLinesOf(file), {
      dryRun: values['dry-run'] === true,
      concurrency,
      onOutcome: (o: LineOutcome) => {
        progress.onOutcome(o);
        report?.write(`${JSON.stringify(o)}\n`);
        if (o.status === 'rejected')
          console.log(`REJECTED line ${o.line} (${o.record ?? '?'}): ${o.code}${o.field ? ` ${o.field}` : ''}: ${o.reason}`);
      },
    });
    progress.end();
    const verb = values['dry-run'] === true ? 'WOULD IMPORT (dry run, nothing stored)' : 'IMPORTED';
    console.log(
      `${verb} ${file} as ${system}/${batch}: ${summary.lines} lines, ${summary.accepted} accepted, ${summary.replayed} already there, ${summary.rejected} rejected, ${summary.skipped} skipped`,
    );
    return summary.rejected + summary.skipped === 0 ? 0 : 1;
  } finally {
    await new Promise((resolve) => (report ? report.end(resolve) : resolve(null)));
    client.destroy();
  }
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      system: { type: 'string' },
      batch: { type: 'string' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      concurrency: { type: 'string' },
      'imported-by': { type: 'string' },
      endpoint: { type: 'string' },
      'local-api': { type: 'string' },
      'master-key': { type: 'string' },
      aws: { type: 'boolean' },
      region: { type: 'string' },
      table: { type: 'string' },
      'keys-table': { type: 'string' },
      'data-key-arn': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('name one import file');
  return run(positionals[0]!, values);
};

void runCli(main, usage, (error) => `the import failed: ${error.name}: ${error.message}`);
