// `npm run rebuild -- <projection|all> [options]`: drops a projection's read model and rebuilds it
// from the event store, with the projection's own code (functions/rebuild/rebuild.ts). Progress
// on stderr; the final line gives the events per second.
//
//   npm run rebuild -- quality                       the local stack's tables (npm start)
//   npm run rebuild -- all --drop-table              locally: drop and recreate the whole read-models table first
//   npm run rebuild -- funding --aws --events-table <EventsTableName> --read-models-table <ReadModelsTableName>
//   npm run rebuild -- all --run <id>                resume an interrupted run: its finished segments are skipped
import { parseArgs } from 'node:util';
import { projectionNames, type ProjectionName } from '../events/routing.ts';
import { eventsTable as eventsDefinition, readModelsTable as readModelsDefinition } from '../infra/definitions/tables.ts';
import { dropTable, ensureTables, localTableName } from '../infra/local/create-tables.ts';
import { dropProjections, estimatedEvents, rebuildProjections, type RebuildProgress } from '../functions/rebuild/rebuild.ts';
import { createSegmentLeases, underLeases } from '../functions/rebuild/segment-lease.ts';
import { dynamoClientOf, runCli, UsageError, wholeNumber } from './lib/cli.ts';

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
  --run <id>                   the run's id (default: a new one); each segment of a run is done once: with the id
                               of an interrupted run, finished segments are skipped, a running one is refused
  --no-drop                    do not drop first: only fold what is missing (a replay from the store)
  --drop-table                 with "all", locally: drop and recreate the read-models table instead of deleting items

exit code: 0 rebuilt, 1 unreadable events were skipped, 2 usage or connection error`;

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
      run: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.error(usage);
    return 0;
  }
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0) throw new UsageError('name one projection, or all');
  if (target !== 'all' && !(projectionNames as readonly string[]).includes(target))
    throw new UsageError(`no projection ${target}; projections: ${projectionNames.join(', ')}`);
  const projections: ProjectionName[] = target === 'all' ? [...projectionNames] : [target as ProjectionName];
  const segments = wholeNumber(values.segments, 'segments', 8, 10_000);
  const concurrency = wholeNumber(values.concurrency, 'concurrency', 4, 64);
  const runId =
    values.run ??
    `run-${new Date()
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}-${Math.random().toString(36).slice(2, 8)}`;
  const aws = values.aws === true;
  if (aws && (!values['events-table'] || !values['read-models-table'] || values.endpoint))
    throw new UsageError('--aws needs --events-table and --read-models-table and takes no --endpoint');
  if (values['drop-table'] && (aws || target !== 'all' || values['no-drop']))
    throw new UsageError('--drop-table is for "all" on a local stack only');

  const client = await dynamoClientOf({ aws, region: values.region, endpoint: values.endpoint, localApi: values['local-api'] });
  const prefix = values.prefix ?? 'local-';
  const events = { client, tableName: values['events-table'] ?? localTableName(prefix, eventsDefinition) };
  const readModels = { client, tableName: values['read-models-table'] ?? localTableName(prefix, readModelsDefinition) };
  try {
    const all = Array.from({ length: segments }, (_, i) => i);
    if (values['drop-table']) {
      console.error(`dropping and recreating ${readModels.tableName}…`);
      await dropTable(client, readModels.tableName);
      await ensureTables(client, prefix, [readModelsDefinition]);
    }
    const leases = createSegmentLeases({ readModels });
    console.error(`run ${runId} (npm run rebuild -- ${target} --segments ${segments} --run ${runId} resumes it)`);
    if (!values['drop-table'] && !values['no-drop']) {
      console.error(
        `dropping ${projections.join(', ')} from ${readModels.tableName} (items under ${projections.join(', ')}'s own key prefixes only)…`,
      );
      const dropped = await underLeases(leases, { runId, step: 'drop', totalSegments: segments }, all, projections, (todo, worked) =>
        dropProjections({ readModels, projections: todo, selection: { totalSegments: segments, segments: worked }, concurrency }),
      );
      console.error(
        `  deleted ${dropped.results.reduce((n, r) => n + r.result, 0)} items${dropped.doneBefore.length > 0 ? `; ${dropped.doneBefore.length} segments were dropped before in this run` : ''}`,
      );
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
    const rebuilt = await underLeases(leases, { runId, step: 'rebuild', totalSegments: segments }, all, projections, (todo, worked) =>
      rebuildProjections({
        events,
        readModels,
        projections: todo,
        selection: { totalSegments: segments, segments: worked },
        concurrency,
        onProgress: (p) => {
          last = p;
          draw(p);
        },
      }),
    );
    if (rebuilt.doneBefore.length > 0) console.error(`${rebuilt.doneBefore.length} segments were rebuilt before in this run: done`);
    const report = rebuilt.results[0]?.result ?? { events: 0, streams: 0, applied: {}, unreadable: [], seconds: 0, eventsPerSecond: 0 };
    draw({ ...last, segmentsDone: segments, events: report.events, streams: report.streams }, true);
    for (const u of report.unreadable)
      console.error(`unreadable ${u.stream}@${u.version}: ${u.reason} (stream skipped; verify it with npm run audit)`);
    const applied = Object.entries(report.applied)
      .map(([p, n]) => `${p} ${n} streams`)
      .join(', ');
    console.error(
      `rebuilt ${projections.join(', ')}: ${report.events} events, ${report.streams} streams (${applied}) in ${report.seconds.toFixed(2)} s — ${report.eventsPerSecond} events/s`,
    );
    return report.unreadable.length > 0 ? 1 : 0;
  } finally {
    client.destroy();
  }
};

void runCli(main, usage, (error) => `rebuild failed: ${error.message}`);
