// `npm run rebuild -- <projection|all> [options]`: drops a projection's read model and rebuilds it
// from the event store, with the projection's own code (functions/rebuild/rebuild.ts). Progress
// on stderr; the final line gives the events per second.
//
//   npm run rebuild -- quality                       the local stack's tables (npm start)
//   npm run rebuild -- all --drop-table              locally: drop and recreate the whole read-models table first
//   npm run rebuild -- funding --aws --events-table <EventsTableName> --read-models-table <ReadModelsTableName>
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { projectionNames, type ProjectionName } from '../events/routing.ts';
import { eventsTable as eventsDefinition, readModelsTable as readModelsDefinition } from '../infra/definitions/tables.ts';
import { dropTable, ensureTables, localTableName } from '../infra/local/create-tables.ts';
import { localDynamoClient } from '../infra/local/dynamodb-local.ts';
import { dropProjections, estimatedEvents, rebuildProjections, type RebuildProgress } from '../functions/rebuild/rebuild.ts';

const usage = `usage: npm run rebuild -- <${projectionNames.join('|')}|all> [options]

options:
  --endpoint <url>             DynamoDB endpoint (default: $DYNAMODB_ENDPOINT, else the one the local stack at --local-api reports)
  --local-api <url>            the local stack's API (default http://127.0.0.1:3000)
  --prefix <prefix>            local table prefix (default local-)
  --aws                        use AWS (credentials and region from the environment); needs both table names
  --region <region>            AWS region (with --aws)
  --events-table <name>        events table (AWS: stack output EventsTableName)
  --read-models-table <name>   read-models table (AWS: stack output ReadModelsTableName)
  --segments <n>               parallel Scan segments (default 8)
  --concurrency <n>            segments at once (default 4)
  --no-drop                    do not drop first: only fold what is missing (a replay from the store)
  --drop-table                 with "all", locally: drop and recreate the read-models table instead of deleting items

exit code: 0 rebuilt, 1 unreadable events were skipped, 2 usage or connection error`;

class UsageError extends Error {}

const localEndpoint = async (localApi: string): Promise<string> => {
  try {
    const res = await fetch(new URL('/health', localApi), { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { components?: { dynamodb?: unknown }; dynamodb?: unknown };
    const endpoint = body.components?.dynamodb ?? body.dynamodb;
    if (typeof endpoint === 'string' && endpoint) return endpoint;
  } catch {
    // explained below
  }
  throw new UsageError(`no --endpoint given and no local stack answered at ${localApi}: start one with npm start, or pass --endpoint`);
};

const bar = (fraction: number, width = 30) => {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      endpoint: { type: 'string' },
      'local-api': { type: 'string' },
      prefix: { type: 'string' },
      aws: { type: 'boolean' },
      region: { type: 'string' },
      'events-table': { type: 'string' },
      'read-models-table': { type: 'string' },
      segments: { type: 'string' },
      concurrency: { type: 'string' },
      'no-drop': { type: 'boolean' },
      'drop-table': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.error(usage);
    return 0;
  }
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0) throw new UsageError('name one projection, or all');
  if (target !== 'all' && !(projectionNames as readonly string[]).includes(target)) throw new UsageError(`no projection ${target}; projections: ${projectionNames.join(', ')}`);
  const projections: ProjectionName[] = target === 'all' ? [...projectionNames] : [target as ProjectionName];
  const whole = (name: string, fallback: number, max: number) => {
    const n = Number(values[name as 'segments'] ?? fallback);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} takes a whole number from 1 to ${max}`);
    return n;
  };
  const segments = whole('segments', 8, 10_000);
  const concurrency = whole('concurrency', 4, 64);
  const aws = values.aws === true;
  if (aws && (!values['events-table'] || !values['read-models-table'] || values.endpoint)) throw new UsageError('--aws needs --events-table and --read-models-table and takes no --endpoint');
  if (values['drop-table'] && (aws || target !== 'all' || values['no-drop'])) throw new UsageError('--drop-table is for "all" on a local stack only');

  let client: DynamoDBClient;
  if (aws) client = new DynamoDBClient(values.region ? { region: values.region } : {});
  else client = localDynamoClient(values.endpoint ?? (process.env.DYNAMODB_ENDPOINT || (await localEndpoint(values['local-api'] ?? 'http://127.0.0.1:3000'))));
  const prefix = values.prefix ?? 'local-';
  const events = { client, tableName: values['events-table'] ?? localTableName(prefix, eventsDefinition) };
  const readModels = { client, tableName: values['read-models-table'] ?? localTableName(prefix, readModelsDefinition) };
  try {
    const selection = { totalSegments: segments, segments: Array.from({ length: segments }, (_, i) => i) };
    if (values['drop-table']) {
      console.error(`dropping and recreating ${readModels.tableName}…`);
      await dropTable(client, readModels.tableName);
      await ensureTables(client, prefix, [readModelsDefinition]);
    } else if (!values['no-drop']) {
      console.error(`dropping ${projections.join(', ')} from ${readModels.tableName} (items under ${projections.join(', ')}'s own key prefixes only)…`);
      const deleted = await dropProjections({ readModels, projections, selection, concurrency });
      console.error(`  deleted ${deleted} items`);
    }
    const estimate = await estimatedEvents(events).catch(() => null);
    const tty = process.stderr.isTTY;
    let lastDraw = 0;
    const draw = (p: RebuildProgress, final = false) => {
      const now = performance.now();
      if (!final && now - lastDraw < 200) return;
      lastDraw = now;
      const fraction = estimate ? p.events / estimate : p.segmentsDone / p.totalSegments;
      const line = `${bar(fraction)} ${Math.min(100, Math.round(fraction * 100))}%  ${p.events} events  ${p.streams} streams  segments ${p.segmentsDone}/${p.totalSegments}`;
      if (tty) process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
      else if (final || p.segmentsDone > 0) console.error(line);
    };
    let last: RebuildProgress = { segmentsDone: 0, totalSegments: segments, events: 0, streams: 0 };
    const report = await rebuildProjections({
      events,
      readModels,
      projections,
      selection,
      concurrency,
      onProgress: (p) => {
        last = p;
        draw(p);
      },
    });
    draw({ ...last, segmentsDone: segments, events: report.events, streams: report.streams }, true);
    for (const u of report.unreadable) console.error(`unreadable ${u.stream}@${u.version}: ${u.reason} (stream skipped; verify it with npm run audit)`);
    const applied = Object.entries(report.applied).map(([p, n]) => `${p} ${n} streams`).join(', ');
    console.error(`rebuilt ${projections.join(', ')}: ${report.events} events, ${report.streams} streams (${applied}) in ${report.seconds.toFixed(2)} s — ${report.eventsPerSecond} events/s`);
    return report.unreadable.length > 0 ? 1 : 0;
  } finally {
    client.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${usage}` : `rebuild failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
