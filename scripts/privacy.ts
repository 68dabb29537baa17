// `npm run privacy -- due --agency <id>`: the records whose retention period has ended (PIPL Art 19,
// 47), for the bureau over the agency to approve erasing (POST /personal-data/erasures) — the same
// list GET /personal-data/erasures/due gives, read from the same tables. Prints record ids, the rule
// and its dates only: never personal data.
import { parseArgs } from 'node:util';
import { keysTable as keysTableDefinition, readModelsTable as readModelsTableDefinition } from '../infra/definitions/tables.ts';
import { localTableName } from '../infra/local/create-tables.ts';
import { listDueErasures, type DueErasure } from '../functions/lib/privacy/erasure-due.ts';
import { createKeyStore } from '../functions/lib/privacy/key-store.ts';
import { createReadModelTable } from '../functions/lib/read-models/read-model-table.ts';
import { dynamoClientOf, runCli, UsageError, wholeNumber } from './lib/cli.ts';

const LOCAL_PREFIX = 'local-';
const usage = `usage:
  npm run privacy -- due --agency <agencyId> [options]

options:
  --now <ISO time>       judge the periods at this time (default: now)
  --limit <n>            records per page asked of the table (default 100)
  --endpoint <url>       DynamoDB endpoint (default: $DYNAMODB_ENDPOINT, else the one the local stack at --local-api reports)
  --local-api <url>      the local stack's API, asked for its DynamoDB endpoint (default http://127.0.0.1:3000)
  --aws                  use AWS itself (credentials and region from the environment); needs --read-models and --keys-table
  --region <region>      AWS region (with --aws)
  --read-models <name>   read-models table (default ${localTableName(LOCAL_PREFIX, readModelsTableDefinition)}; in AWS the stack output ReadModelsTableName)
  --keys-table <name>    keys table (default ${localTableName(LOCAL_PREFIX, keysTableDefinition)}): a record whose key is destroyed is already erased
  --json                 one JSON line per record

exit code: 0 listed (possibly none), 2 usage or connection error`;

const line = (d: DueErasure) =>
  `DUE ${d.recordKind} ${d.recordId}: rule ${d.ruleId} (${d.years} years${d.binding ? '' : ', not yet verified as binding'}), ended ${d.endedOn}, erasable since ${d.endsOn}`;

const due = async (values: Record<string, string | boolean | undefined>): Promise<number> => {
  const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const agencyId = text(values.agency);
  if (!agencyId) throw new UsageError('name the agency: --agency <agencyId>');
  const aws = values.aws === true;
  if (aws && (!text(values['read-models']) || !text(values['keys-table']) || values.endpoint))
    throw new UsageError('--aws needs --read-models <name> and --keys-table <name> and takes no --endpoint');
  const now = text(values.now) ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(now))) throw new UsageError('--now takes an ISO time such as 2037-01-01T00:00:00+08:00');
  const limit = wholeNumber(text(values.limit), 'limit', 100, 100);
  const client = await dynamoClientOf({
    aws,
    region: text(values.region),
    endpoint: text(values.endpoint),
    localApi: text(values['local-api']),
  });
  try {
    const table = createReadModelTable({
      client,
      tableName: text(values['read-models']) ?? localTableName(LOCAL_PREFIX, readModelsTableDefinition),
    });
    // Only tombstones are read: no key is unwrapped, so this tool needs no access to the master key.
    const keys = createKeyStore({
      client,
      tableName: text(values['keys-table']) ?? localTableName(LOCAL_PREFIX, keysTableDefinition),
      wrapper: {
        id: 'none',
        generate: () => Promise.reject(new Error('the privacy CLI makes no keys')),
        unwrap: () => Promise.reject(new Error('the privacy CLI opens no keys')),
      },
    });
    let cursor: string | undefined;
    let count = 0;
    do {
      const page = await listDueErasures({ table, keys }, { agencyId, now, cursor, limit });
      for (const d of page.items) console.log(values.json ? JSON.stringify(d) : line(d));
      count += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    console.log(`${count} record(s) of ${agencyId} due for erasure at ${now}`);
    return 0;
  } finally {
    client.destroy();
  }
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      agency: { type: 'string' },
      now: { type: 'string' },
      limit: { type: 'string' },
      endpoint: { type: 'string' },
      'local-api': { type: 'string' },
      aws: { type: 'boolean' },
      region: { type: 'string' },
      'read-models': { type: 'string' },
      'keys-table': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(usage);
    return 0;
  }
  if (command === 'due' && rest.length === 0) return due(values);
  throw new UsageError(command ? `unknown command or arguments: ${positionals.join(' ')}` : 'name a command');
};

void runCli(main, usage, (error) => `privacy failed: ${error.name}: ${error.message}`);
