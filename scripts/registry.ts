// `npm run registry -- load`: puts organisations into a stage's registry through the decider.
//   npm run registry -- load --file zhejiang.json --aws --table <EventsTableName>   # a deployed stage
//   npm run registry -- load --seed                                                # the development seed, local stack
// Why a tool and not only the API: the registry's roots (a provincial department has no parent) and
// a province's first load (thousands of organisations, from the department's own list) have nobody
// above them to issue the command over HTTP. Everything after that is a bureau administrator's
// command over the API. Each organisation's change is its own transaction under a stable key, so a
// load stopped half-way (or refused at one command) is run again and goes on where it stopped.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { organisationCommandSchemas } from '../domain/organisation/commands.ts';
import { seedCommands, type SeedCommand } from '../domain/organisation/seed.ts';
import { organisationIdSchema } from '../events/catalogue/vocabulary.ts';
import { createEventStore } from '../functions/lib/event-store/event-store.ts';
import { loadSeed, RegistryLoadRefused } from '../functions/lib/registry/seed-loader.ts';
import { eventsTable as eventsTableDefinition } from '../infra/definitions/tables.ts';
import { localTableName } from '../infra/local/create-tables.ts';
import { dynamoClientOf, runCli, UsageError } from './lib/cli.ts';

const usage = `usage:
  npm run registry -- load (--seed | --file <organisations.json>) [options]

  --seed                 the development seed (domain/organisation/seed.ts: Zhejiang and Anhui)
  --file <path>          a JSON array of {"organisationId", "key", "command": {"type", "data"}}, the
                         registry's commands (domain/organisation/commands.ts) in effective order;
                         "key" is the change's stable idempotency key (a second load skips it)
  --endpoint <url>       DynamoDB endpoint (default: $DYNAMODB_ENDPOINT, else the local stack's)
  --local-api <url>      the local stack's API, asked for its DynamoDB endpoint (default http://127.0.0.1:3000)
  --aws                  use AWS itself (credentials and region from the environment); needs --table
  --region <region>      AWS region (with --aws)
  --table <name>         events table (default ${localTableName('local-', eventsTableDefinition)}; in AWS the stack output EventsTableName)
  --actor <id>           who the events name as having made the change (default registry-load)

exit code: 0 loaded, 1 a command was refused (the ones before it are stored), 2 usage or connection error`;

const commandSchema = z.discriminatedUnion(
  'type',
  Object.entries(organisationCommandSchemas).map(([type, data]) => z.strictObject({ type: z.literal(type), data })) as never,
);
const fileSchema = z.array(
  z.strictObject({ organisationId: organisationIdSchema, key: z.string().min(1).max(200), command: commandSchema }),
);

/** The commands of a file, or a usage error naming the entry and the field that is wrong. */
export const commandsOfFile = (path: string): SeedCommand[] => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `${path}: entry ${String(issue.path[0] ?? '')} at ${issue.path.slice(1).join('.') || '(entry)'}: ${issue.message}`,
    );
  }
  return parsed.data as SeedCommand[];
};

const load = async (values: Record<string, string | boolean | undefined>): Promise<number> => {
  const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  if ((values.seed === true) === (text(values.file) !== undefined)) throw new UsageError('name exactly one of --seed or --file <path>');
  const aws = values.aws === true;
  if (aws && (typeof values.table !== 'string' || values.endpoint))
    throw new UsageError('--aws needs --table <events table name> and takes no --endpoint');
  const commands = values.seed ? seedCommands : commandsOfFile(text(values.file)!);
  const client = await dynamoClientOf({
    aws,
    region: text(values.region),
    endpoint: text(values.endpoint),
    localApi: text(values['local-api']),
  });
  const tableName = text(values.table) ?? localTableName('local-', eventsTableDefinition);
  const actorId = text(values.actor) ?? 'registry-load';
  try {
    const store = createEventStore({ client, tableName });
    const result = await loadSeed(store, {
      commands,
      actor: { id: actorId, role: 'system', organisation: 'country:cn' },
      correlationId: `registry-load:${actorId}`,
    }).catch((error: unknown) => {
      if (!(error instanceof RegistryLoadRefused)) throw error;
      const { refusal } = error;
      console.log(`REFUSED ${error.message}${refusal.field ? ` (field ${refusal.field})` : ''}`);
      return null;
    });
    if (!result) return 1;
    console.log(
      `LOADED into ${tableName}: ${result.appended} changes appended, ${result.skipped} already there; the registry holds ${result.loaded.organisations.size} organisations`,
    );
    return 0;
  } finally {
    client.destroy();
  }
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: 'boolean' },
      file: { type: 'string' },
      endpoint: { type: 'string' },
      'local-api': { type: 'string' },
      aws: { type: 'boolean' },
      region: { type: 'string' },
      table: { type: 'string' },
      actor: { type: 'string' },
    },
  });
  if (positionals[0] !== 'load' || positionals.length !== 1) throw new UsageError('the one command is load');
  return load(values);
};

void runCli(main, usage, (error) => `the registry load failed: ${error.message}`);
