// `npm run audit -- <command>`: the auditor's tools, talking to DynamoDB directly.
//   verify --case <id> | --stream <name> | --all   recompute hash chains; exit 1 if anything is broken
//   check-export <file.json|file.csv>              recompute the chain of an export, offline
// Prints stream names, versions, event ids and hashes only: never event data (it holds personal data).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { eventsTable as eventsTableDefinition, readModelsTable as readModelsTableDefinition } from '../infra/definitions/tables.ts';
import { localTableName } from '../infra/local/create-tables.ts';
import { localDynamoClient } from '../infra/local/dynamodb-local.ts';
import { LOCAL_HEALTH_PATH } from '../infra/local/local-paths.ts';
import { InvalidExportError, verifyCsvExport, verifyExport } from '../functions/lib/audit/export.ts';
import { verifyCase, verifyTable, streamOfCase } from '../functions/lib/audit/verify-store.ts';
import { readRawStream } from '../functions/lib/audit/raw-events.ts';
import { verifyRawItems, type VerifyReport } from '../functions/lib/audit/verify.ts';
import { createCaseStatusTable } from '../functions/lib/read-models/case-status-table.ts';

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

class UsageError extends Error {}

const brokenLine = (r: VerifyReport) => {
  const b = r.firstBreak!;
  return `BROKEN ${r.stream} at version ${b.version}: ${b.reason}${b.eventId ? ` (event ${b.eventId})` : ''}: ${b.detail}`;
};
const okLine = (r: VerifyReport) => `OK ${r.stream}: ${r.events} events, chain intact, head ${r.headHash ?? '(none)'}${r.readModelVersion !== null ? `, read model at version ${r.readModelVersion}` : ''}`;

const localEndpoint = async (localApi: string): Promise<string> => {
  try {
    const res = await fetch(new URL(LOCAL_HEALTH_PATH, localApi), { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { dynamodb?: unknown };
    if (typeof body.dynamodb === 'string' && body.dynamodb) return body.dynamodb;
  } catch {
    // fall through to the explanation
  }
  throw new UsageError(`no --endpoint given and no local stack answered at ${localApi}: start one with npm start, or pass --endpoint <the DynamoDB Local URL npm start prints>`);
};

const verify = async (values: Record<string, string | boolean | undefined>): Promise<number> => {
  const targets = [values.case, values.stream, values.all].filter((v) => v !== undefined && v !== false);
  if (targets.length !== 1) throw new UsageError('name exactly one of --case <id>, --stream <name> or --all');
  const aws = values.aws === true;
  if (aws && (typeof values.table !== 'string' || values.endpoint)) throw new UsageError('--aws needs --table <events table name> and takes no --endpoint');
  const segments = Number(values.segments ?? 4);
  if (!Number.isInteger(segments) || segments < 1 || segments > 1000) throw new UsageError('--segments takes a whole number from 1 to 1000');

  let client: DynamoDBClient;
  if (aws) {
    client = new DynamoDBClient(typeof values.region === 'string' ? { region: values.region } : {});
  } else {
    const endpoint = typeof values.endpoint === 'string' ? values.endpoint : (process.env.DYNAMODB_ENDPOINT || (await localEndpoint(String(values['local-api'] ?? 'http://127.0.0.1:3000'))));
    client = localDynamoClient(endpoint);
  }
  const tableName = typeof values.table === 'string' ? values.table : localTableName(LOCAL_PREFIX, eventsTableDefinition);
  const readModelsName = values['no-read-models'] ? null : typeof values['read-models'] === 'string' ? values['read-models'] : aws ? null : localTableName(LOCAL_PREFIX, readModelsTableDefinition);
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
      console.log(`${result.broken.length === 0 ? 'VERIFIED' : 'BROKEN'}: ${result.streams} streams, ${result.events} events checked in ${tableName}; ${result.broken.length} broken`);
      return result.broken.length === 0 ? 0 : 1;
    }
    const caseStatus = readModelsName ? createCaseStatusTable({ client, tableName: readModelsName }) : null;
    let report: VerifyReport;
    if (typeof values.case === 'string') {
      report = await verifyCase({ events, caseStatus }, values.case);
    } else {
      const stream = String(values.stream);
      const caseId = stream.startsWith('case#') ? stream.slice('case#'.length) : null;
      report = caseId !== null && streamOfCase(caseId) === stream ? await verifyCase({ events, caseStatus }, caseId) : verifyRawItems(stream, await readRawStream(events, stream));
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
  console.log(report.verified ? `OK ${file}: ${report.stream}, ${report.events} events, chain intact, head ${report.headHash ?? '(none)'}` : brokenLine({ ...report, stream: `${file} (${report.stream})` }));
  if (!isJson) console.error('note: a CSV export carries no head hash: that rows were cut off its end cannot be seen from the CSV alone (the JSON export can tell)');
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(`${(error as Error).message}\n\n${usage}`);
    else if (error instanceof InvalidExportError) console.error(error.message);
    else console.error(`audit failed: ${(error as Error).name}: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
