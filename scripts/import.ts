// `npm run import -- <file> --system <code>`: imports an older system's records (docs/import.md), one
// command per JSON line or per row of a CSV ledger (docs/import-files.md), each through the same
// command path as the API (the deciders of the time, sealing, idempotency). A re-run of the same file
// replays instead of adding, so a crashed import is simply run again. The file is streamed: what the
// importer holds is bounded by the scheduler (MAX_QUEUED lines read ahead, --concurrency running),
// plus one entry per record of the file for its step ordinals (parse-lines.ts) and one per rejected
// record for its skipped lines (run-import.ts, schedule.ts).
import { createWriteStream, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLineRunner } from '../functions/api/imports/run-lines.ts';
import { organisationIdSchema } from '../events/catalogue/vocabulary.ts';
import { importBatchPattern, importSystemPattern } from '../functions/lib/import/import-line.ts';
import type { ImportSummary, LineOutcome } from '../functions/lib/import/line-outcome.ts';
import { runImport } from '../functions/lib/import/run-import.ts';
import { eventsTable as eventsTableDefinition, keysTable as keysTableDefinition } from '../infra/definitions/tables.ts';
import { localTableName } from '../infra/local/create-tables.ts';
import { dynamoClientOf, runCli, UsageError, wholeNumber } from './lib/cli.ts';
import { importDepsOf } from './import/connect.ts';
import { defaultBatchOf } from './import/default-batch.ts';
import { ImportFileError } from './import/import-file-error.ts';
import { importItemsOf } from './import/import-items.ts';
import { ledgers } from './import/ledgers/index.ts';
import { progressReporter } from './import/progress.ts';
import { readImportFile } from './import/read-file.ts';
import { startMemoryLog } from './import/memory-log.ts';
import { countRequests, formatRequestCount } from './import/request-count.ts';

/**
 * Lines read ahead of the ones running, at most (functions/lib/import/schedule.ts): enough for every
 * running slot to find a line of another record in a file in date order, small enough to hold (a
 * line is a few KB parsed: a few MB).
 */
const MAX_QUEUED = 1000;

const usage = `usage:
  npm run import -- <file.jsonl | ledger.csv> --system <code> [options]

  --system <code>        the old system the records come from (letters, digits, . _ -); ids derive from it
  --format <jsonl|csv>   the file's format (default: csv for a .csv file, else jsonl); docs/import-files.md
  --ledger <name>        a CSV file's ledger: ${Object.keys(ledgers).join(', ')} (default: the one its header fits)
  --organisation <id>    the organisation (agency:hz-xihu) of a ledger whose rows name none
  --batch <id>           the batch recorded in every event's provenance (default: the file's name and content hash)
  --dry-run              decide every line on an in-memory copy of what it would write; store nothing
  --report <out.jsonl>   one outcome per line: accepted, replayed, rejected {code, field, reason}, skipped
  --concurrency <n>      lines running at once across records (default 16, at most 64); their writes go together
  --line-by-line         write each line's events on its own, as the API does (default: the events of the
                         lines that finish together in one transaction)
  --imported-by <id>     the importing administrator recorded in the provenance (default cli:<your user name>)
  --endpoint <url>       DynamoDB endpoint (default: $DYNAMODB_ENDPOINT, else the local stack's)
  --local-api <url>      the local stack's API, asked for its DynamoDB endpoint (default http://127.0.0.1:3000)
  --master-key <file>    the local stack's master key (default .local/data/master-key, where npm start keeps it)
  --aws                  use AWS itself (credentials and region from the environment); needs --table, --keys-table, --data-key-arn
  --region <region>      AWS region (with --aws)
  --table <name>         events table (default ${localTableName('local-', eventsTableDefinition)}; in AWS the stack output EventsTableName)
  --keys-table <name>    keys table (default ${localTableName('local-', keysTableDefinition)}; in AWS the stack output KeysTableName)
  --data-key-arn <arn>   the stack's KMS key that wraps record keys (with --aws)

With IMPORT_MEMORY_LOG=<file> in the environment, the importer's memory goes to that file once a second.
Progress goes to stderr: a bar on a terminal, a plain line every few seconds otherwise. Each
rejected line is printed (REJECTED line <n> (<record>): <code> <field>: <reason>), and the summary last.

exit code: 0 every line accepted or already there, 1 some line rejected or skipped, 2 usage or
connection error, or a file the importer cannot read on (not UTF-8, a header no ledger has): it stops there`;

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

const formatOf = (value: string | undefined): 'jsonl' | 'csv' | undefined => {
  if (value === undefined || value === 'jsonl' || value === 'csv') return value;
  throw new UsageError('--format takes jsonl or csv');
};

const emptySummary = (): ImportSummary => ({ lines: 0, accepted: 0, replayed: 0, rejected: 0, skipped: 0 });

const run = async (file: string, values: Record<string, string | boolean | undefined>): Promise<number> => {
  const system = text(values.system);
  if (!system || !importSystemPattern.test(system))
    throw new UsageError('--system <code> names the old system: 1-60 letters, digits, . _ -');
  const format = formatOf(text(values.format));
  const ledger = text(values.ledger);
  if (ledger !== undefined && !ledgers[ledger]) throw new UsageError(`--ledger takes one of ${Object.keys(ledgers).join(', ')}`);
  const organisation = text(values.organisation);
  if (organisation !== undefined && !organisationIdSchema.safeParse(organisation).success)
    throw new UsageError('--organisation takes a registry organisation id such as agency:hz-xihu');
  const batch: string =
    text(values.batch) ??
    (await defaultBatchOf(file).catch((e: Error): never => {
      throw new UsageError(`cannot read ${file}: ${e.message}`);
    }));
  if (!importBatchPattern.test(batch)) throw new UsageError('--batch takes 1-120 letters, digits, . _ : -');
  const aws = values.aws === true;
  if (aws && (!text(values.table) || !text(values['keys-table']) || values.endpoint))
    throw new UsageError('--aws needs --table and --keys-table and takes no --endpoint');
  const concurrency = wholeNumber(text(values.concurrency), 'concurrency', 16, 64);
  const dryRun = values['dry-run'] === true;
  const client = await dynamoClientOf({
    aws,
    region: text(values.region),
    endpoint: text(values.endpoint),
    localApi: text(values['local-api']),
  });
  const requests = countRequests(client);
  const report = text(values.report) ? createWriteStream(text(values.report)!) : null;
  const summary = emptySummary();
  const printSummary = (verb: string) =>
    console.log(
      `${verb} ${file} as ${system}/${batch}: ${summary.lines} lines, ${summary.accepted} accepted, ${summary.replayed} already there, ${summary.rejected} rejected, ${summary.skipped} skipped; ${formatRequestCount(requests, summary.lines)}`,
    );
  try {
    const deps = await importDepsOf(client, {
      aws,
      eventsTable: text(values.table) ?? localTableName('local-', eventsTableDefinition),
      keysTable: text(values['keys-table']) ?? localTableName('local-', keysTableDefinition),
      masterKey: text(values['master-key']) ?? join('.local', 'data', 'master-key'),
      dataKeyArn: text(values['data-key-arn']),
      region: text(values.region),
    });
    const importedBy = text(values['imported-by']) ?? `cli:${userInfo().username}`;
    const runLine = await createLineRunner(deps, { system, batch, importedBy }, { dryRun, lineByLine: values['line-by-line'] === true });
    const counts = { bytesRead: 0, totalBytes: statSync(file).size, lines: 0, accepted: 0, rejected: 0 };
    const progress = progressReporter();
    const lines = readImportFile(file, {
      ...(format ? { format } : {}),
      ...(ledger ? { ledger } : {}),
      ...(organisation ? { organisation } : {}),
      onBytes: (bytes) => (counts.bytesRead = bytes),
    });
    // A rejection printed while the bar is drawn on the same terminal would be written over it.
    const clearBar = () => {
      if (process.stderr.isTTY && process.stdout.isTTY) process.stderr.write('\r\x1b[K');
    };
    const onOutcome = (o: LineOutcome) => {
      summary.lines++;
      summary[o.status]++;
      counts.lines++;
      if (o.status === 'accepted' || o.status === 'replayed') counts.accepted++;
      else counts.rejected++;
      report?.write(`${JSON.stringify(o)}\n`);
      if (o.status === 'rejected') {
        clearBar();
        console.log(`REJECTED line ${o.line} (${o.record ?? '?'}): ${o.code}${o.field ? ` ${o.field}` : ''}: ${o.reason}`);
      }
      progress.update(counts);
    };
    const stopMemoryLog = startMemoryLog(process.env.IMPORT_MEMORY_LOG, () => counts.lines);
    try {
      for await (const outcome of runImport(importItemsOf(lines), runLine, { concurrency, maxQueued: MAX_QUEUED })) onOutcome(outcome);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      progress.finish(counts);
      console.error(`the import stopped at line ${error.line} of ${file}: ${error.reason} (${error.code})`);
      printSummary(dryRun ? 'STOPPED (dry run, nothing stored) after' : 'STOPPED after');
      return 2;
    } finally {
      stopMemoryLog();
    }
    progress.finish(counts);
    printSummary(dryRun ? 'WOULD IMPORT (dry run, nothing stored)' : 'IMPORTED');
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
      format: { type: 'string' },
      ledger: { type: 'string' },
      organisation: { type: 'string' },
      batch: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'line-by-line': { type: 'boolean' },
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
