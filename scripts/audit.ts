// `npm run audit -- <command>`: the auditor's tools, talking to DynamoDB directly.
//   verify --case <id> | --stream <name> | --all   recompute hash chains; exit 1 if anything is broken
//   check-export <file.json|file.csv>              recompute the chain of an export, offline
// Prints stream names, versions, event ids and hashes only: never event data (it holds personal data).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eventsTable as eventsTableDefinition, readModelsTable as readModelsTableDefinition } from '../infra/definitions/tables.ts';
import { localTableName } from '../infra/local/create-tables.ts';
import { InvalidExportError, verifyCsvExport, verifyExport } from '../functions/lib/audit/export.ts';
import { verifyCase, verifyTable, streamOfCase } from '../functions/lib/audit/verify-store.ts';
import { readRawStream } from '../functions/lib/audit/raw-events.ts';
import { verifyRawItems, type VerifyReport } from '../functions/lib/audit/verify.ts';
import { createCaseStatusTable } from '../functions/lib/read-models/case-status-table.ts';
import { dynamoClientOf, runCli, UsageError, wholeNumber } from './lib/cli.ts';

const LOCAL_PREFIX = 'local-';
const usage = `usage:
  npm run audit -- verify (--case <caseId> | --stream <stream> | --all) [options]
  npm run audit -- check-export <file.json | file.csv>

verify options:
  --endpoint <url>       DynamoDB endpoint (default: $DYNAMODB_ENDPOINT, else the one the local
                         stack at --local-api reports; npm start prints it as "DynamoDB Local")
  --local-api <url>      the local stack's API, asked for its DynamoDB endpoint (default http://127.0.0.1:3000)
  --aws                  use AWS itself (credentials and region from the environment); needs --table
  --region <region>      AWS region (with --aws)
  --table <name>         events table (default ${localTableName(LOCAL_PREFIX, eventsTableDefinition)}; in AWS the stack output EventsTableName)
  --read-models <name>   read-models table, for the TRUNCATED check (default ${localTableName(LOCAL_PREFIX, readModelsTableDefinition)} locally;
                         in AWS the stack output ReadModelsTableName; without it a removed last event goes unnoticed)
  --no-read-models       skip the TRUNCATED check
  --segments <n>         parallel Scan segments for --all (default 4)
  --json                 print the full reports as JSON lines

exit code: 0 all verified, 1 a break was found, 2 usage or connection error`;

const brokenLine = (r: VerifyReport) => {
  const b = r.firstBreak!;
  return `BROKEN ${r.stream} at version ${b.version}: ${b.reason}${b.eventId ? ` (event ${b.eventId})` : ''}: ${b.detail}`;
};
const okLine = (r: VerifyReport) =>
  `OK ${r.stream}: ${r.events} events, chain intact, head ${r.headHash ?? '(none)'}${r.readModelVersion !== null ? `, read model at version ${r.readModelVersion}` : ''}`;

const verify = async (values: Record<string, string | boolean | undefined>): Promise<number> => {
  const targets = [values.case, values.stream, values.all].filter((v) => v !== undefined && v !== false);
  if (targets.length !== 1) throw new UsageError('name exactly one of --case <id>, --stream <name> or --all');
  const aws = values.aws === true;
  if (aws && (typeof values.table !== 'string' || values.endpoint))
    throw new UsageError('--aws needs --table <events table name> and takes no --endpoint');
  const segments = wholeNumber(values.segments as string | undefined, 'segments', 4, 1000);
  const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const client = await dynamoClientOf({
    aws,
    region: text(values.region),
    endpoint: text(values.endpoint),
    localApi: text(values['local-api']),
  });
  const tableName = typeof values.table === 'string' ? values.table : localTableName(LOCAL_PREFIX, eventsTableDefinition);
  const readModelsName = values['no-read-models']
    ? null
    : typeof values['read-models'] === 'string'
      ? values['read-models']
      : aws
        ? null
        : localTableName(LOCAL_PREFIX, readModelsTableDefinition);
  if (readModelsName === null) console.error('note: no read-models table: a removed last event (TRUNCATED) cannot be detected');
  const events = { client, tableName };
  const print = (r: VerifyReport, all: boolean) => {
    if (values.json) console.log(JSON.stringify(r));
    else if (!r.verified) console.log(brokenLine(r));
    else if (!all) console.log(okLine(r));
  };
  try {
    if (values.all) {
      const result = await verifyTable({ events, readModels: readModelsName ? { client, tableName: readModelsName } : null, segments });
      for (const r of result.reports) if (values.json || !r.verified) print(r, true);
      console.log(
        `${result.broken.length === 0 ? 'VERIFIED' : 'BROKEN'}: ${result.streams} streams, ${result.events} events checked in ${tableName}; ${result.broken.length} broken`,
      );
      return result.broken.length === 0 ? 0 : 1;
    }
    const caseStatus = readModelsName ? createCaseStatusTable({ client, tableName: readModelsName }) : null;
    let report: VerifyReport;
    if (typeof values.case === 'string') {
      report = await verifyCase({ events, caseStatus }, values.case);
    } else {
      const stream = String(values.stream);
      const caseId = stream.startsWith('case#') ? stream.slice('case#'.length) : null;
      report =
        caseId !== null && streamOfCase(caseId) === stream
          ? await verifyCase({ events, caseStatus }, caseId)
          : verifyRawItems(stream, await readRawStream(events, stream));
    }
    if (report.events === 0 && report.verified) {
      console.error(`no events stored for ${report.stream} in ${tableName}`);
      return 2;
    }
    print(report, false);
    return report.verified ? 0 : 1;
  } finally {
    client.destroy();
  }
};

const checkExport = (file: string | undefined): number => {
  if (!file) throw new UsageError('name the export file: check-export <file.json | file.csv>');
  const text = readFileSync(file, 'utf8');
  const isJson = /^\s*\{/.test(text.replace(/^\uFEFF/, ''));
  const report = isJson ? verifyExport(text) : verifyCsvExport(text);
  console.log(
    report.verified
      ? `OK ${file}: ${report.stream}, ${report.events} events, chain intact, head ${report.headHash ?? '(none)'}`
      : brokenLine({ ...report, stream: `${file} (${report.stream})` }),
  );
  if (!isJson)
    console.error(
      'note: a CSV export carries no head hash: that rows were cut off its end cannot be seen from the CSV alone (the JSON export can tell)',
    );
  return report.verified ? 0 : 1;
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      case: { type: 'string' },
      stream: { type: 'string' },
      all: { type: 'boolean' },
      endpoint: { type: 'string' },
      'local-api': { type: 'string' },
      aws: { type: 'boolean' },
      region: { type: 'string' },
      table: { type: 'string' },
      'read-models': { type: 'string' },
      'no-read-models': { type: 'boolean' },
      segments: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(usage);
    return 0;
  }
  if (command === 'verify' && rest.length === 0) return verify(values);
  if (command === 'check-export' && rest.length === 1) return checkExport(rest[0]);
  throw new UsageError(command ? `unknown command or arguments: ${positionals.join(' ')}` : 'name a command');
};

void runCli(main, usage, (error) =>
  error instanceof InvalidExportError ? error.message : `audit failed: ${error.name}: ${error.message}`,
);
