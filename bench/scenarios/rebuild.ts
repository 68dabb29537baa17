// 5. Rebuild: each projection's read model rebuilt from an events table of 100,000 events (5,000
// cases × 20) into a fresh read-models table, against a bare parallel Scan of the same table with
// the same segments. It measures the project's rebuild (functions/rebuild/rebuild.ts, behind
// `npm run rebuild`) when it is there: parallel Scan by segment → decode with the store's codec →
// group by stream → the projection's own apply() on the stream's last event its rule matches, the
// gap before it filled from the scanned events. If that module is missing, the same steps
// implemented here through the projection registry, and the results say which was measured.
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EventEnvelope } from '../../events/envelope.ts';
import type { rebuildProjections as rebuildProjectionsType } from '../../functions/rebuild/rebuild.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import { projectionModules } from '../../functions/projections/registry.ts';
import type { BenchContext } from '../lib/context.ts';
import { batchWrite, createEventsTable, createReadModelsTable, dropTables, eventStoreItems, freshPrefix } from '../lib/dynamo.ts';
import { EVENTS_PER_CASE, newCaseIds } from '../lib/fixtures.ts';
import { cpuMeter } from '../lib/machine.ts';
import { chunk, runPool } from '../lib/pool.ts';
import { projectionNames, projectionsFor } from '../lib/routing.ts';
import { ratio, round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

type RebuildProjections = typeof rebuildProjectionsType;

const SEGMENTS = 4;
const WRITERS = 16;

type Item = Record<string, AttributeValue>;

const parallelScan = async (ctx: BenchContext, table: string, onPage: (items: Item[]) => void) => {
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let start: Item | undefined;
      do {
        const out = await ctx.dynamo.client.send(
          new ScanCommand({ TableName: table, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start }),
        );
        onPage(out.Items ?? []);
        start = out.LastEvaluatedKey;
      } while (start);
    }),
  );
};

const timedPhase = async <T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> => {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
};

export const runRebuild = async (ctx: BenchContext) => {
  const { client, pids } = ctx.dynamo;
  const cases = Math.ceil(ctx.flags.rebuildEvents / EVENTS_PER_CASE);
  const events = cases * EVENTS_PER_CASE;
  const registry = projectionModules as Record<string, (typeof projectionModules)[keyof typeof projectionModules] | undefined>;
  const names = projectionNames().filter((n) => registry[n]);
  console.log(
    `\n[rebuild] seeding ${events.toLocaleString('en-US')} events (${cases} cases × ${EVENTS_PER_CASE}); projections: ${names.join(', ')}…`,
  );
  // The events are the store's own items; the seeded table has no stream (a Scan does not read it,
  // and DynamoDB Local writes a stream-enabled table several times slower).
  const eventsTableName = await createEventsTable(client, freshPrefix('rebuild'), { stream: false });
  const seed = await timedPhase(async () => {
    for (const ids of chunk(newCaseIds(cases), 250)) await batchWrite(client, eventsTableName, await eventStoreItems(ids, EVENTS_PER_CASE));
  });
  console.log(`   seeded in ${seed.seconds.toFixed(1)} s`);

  const bareScan = async () => {
    let n = 0;
    const meter = cpuMeter({ dynamodb: pids });
    const { seconds } = await timedPhase(() => parallelScan(ctx, eventsTableName, (items) => void (n += items.length)));
    if (n !== events) throw new Error(`bare scan read ${n} items, expected ${events}`);
    return { seconds: round(seconds, 3), eventsPerSecond: round(events / seconds, 0), cpuSeconds: meter() };
  };

  // Imported when the scenario runs, so the bench still starts (and falls back) without the module.
  const project = (await import('../../functions/rebuild/rebuild.ts').catch(() => null)) as {
    rebuildProjections: RebuildProjections;
  } | null;

  /** The project's rebuild of `names` into a fresh read-models table. */
  const projectRebuild = async (names: string[]) => {
    const readModels = await createReadModelsTable(client, freshPrefix('rebuild-rm'));
    const meter = cpuMeter({ dynamodb: pids });
    const report = await project!.rebuildProjections({
      events: { client, tableName: eventsTableName },
      readModels: { client, tableName: readModels },
      projections: names as Parameters<RebuildProjections>[0]['projections'],
      selection: { totalSegments: SEGMENTS, segments: Array.from({ length: SEGMENTS }, (_, i) => i) },
      concurrency: SEGMENTS,
      writers: WRITERS,
    });
    const cpu = meter();
    await dropTables(client, [readModels]);
    if (report.events !== events || report.unreadable.length > 0)
      throw new Error(`the rebuild read ${report.events} events (expected ${events}), ${report.unreadable.length} unreadable`);
    return {
      projection: names.join(' + '),
      seconds: round(report.seconds, 3),
      eventsPerSecond: round(events / report.seconds, 0),
      streams: report.streams,
      outcomes: report.applied,
      phases: null as { scanAndDecodeSeconds: number; foldAndWriteSeconds: number } | null,
      cpuSeconds: cpu,
    };
  };

  const benchRebuild = async (name: string) => {
    const module = registry[name]!;
    const readModels = await createReadModelsTable(client, freshPrefix(`rebuild-${name}`));
    const meter = cpuMeter({ dynamodb: pids });
    const t0 = performance.now();
    const streams = new Map<string, EventEnvelope[]>();
    const scan = await timedPhase(() =>
      parallelScan(ctx, eventsTableName, (items) => {
        for (const item of items) {
          const e = fromItem(item);
          const list = streams.get(e.stream);
          if (list) list.push(e);
          else streams.set(e.stream, [e]);
        }
      }),
    );
    // Each stream in version order; what the projection's rule delivers of it ends at its last match.
    const work: EventEnvelope[] = [];
    for (const list of streams.values()) {
      list.sort((a, b) => a.version - b.version);
      const last = list.findLast((e) => projectionsFor(e.stream, e.type, e as unknown as Record<string, unknown>).includes(name));
      if (last) work.push(last);
    }
    const reader = {
      readStream: async (stream: string, { from = 1, to = Number.MAX_SAFE_INTEGER }: { from?: number; to?: number }) =>
        (streams.get(stream) ?? []).filter((e) => e.version >= from && e.version <= to),
    };
    const outcomes: Record<string, number> = {};
    const apply = await timedPhase(() =>
      runPool(work, WRITERS, async (envelope) => {
        const outcome = await module.apply({ store: reader, readModels: { client, tableName: readModels } }, envelope);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = meter();
    await dropTables(client, [readModels]);
    return {
      projection: name,
      seconds: round(seconds, 3),
      eventsPerSecond: round(events / seconds, 0),
      streams: work.length,
      outcomes,
      phases: { scanAndDecodeSeconds: round(scan.seconds, 3), foldAndWriteSeconds: round(apply.seconds, 3) } as {
        scanAndDecodeSeconds: number;
        foldAndWriteSeconds: number;
      } | null,
      cpuSeconds: cpu,
    };
  };

  const scanBefore = await bareScan();
  const rebuilt = [];
  for (const name of names) rebuilt.push(project ? await projectRebuild([name]) : await benchRebuild(name));
  // Informational: every projection in one pass (one Scan), as `npm run rebuild -- all` does.
  if (project && names.length > 1) rebuilt.push(await projectRebuild(names));
  const scanAfter = await bareScan();
  const ceiling = round((scanBefore.eventsPerSecond + scanAfter.eventsPerSecond) / 2, 0);
  const result = {
    implementation: project
      ? `the project's rebuildProjections (functions/rebuild/rebuild.ts), ${SEGMENTS} segments at once, ${WRITERS} streams applied at a time per segment`
      : 'bench: parallel Scan → item codec → per stream, the registry projection apply() on its last matching event with the scanned events as the stream reader (no rebuild module in the project)',
    events,
    cases,
    segments: SEGMENTS,
    writers: WRITERS,
    seedSeconds: round(seed.seconds, 1),
    bareScan: { before: scanBefore, after: scanAfter, eventsPerSecond: ceiling },
    projections: rebuilt.map((r) => ({ ...r, overBareScan: ratio(r.eventsPerSecond, ceiling) })),
  };
  const c = (x: Record<string, number>, k: string) => round(x[k] ?? Number.NaN, 1);
  printTable(
    `5. Rebuild (${project ? "the project's rebuildProjections" : "bench's rebuild through the registry"}) — ${events.toLocaleString('en-US')} events, ${cases} cases; parallel Scan with ${SEGMENTS} segments, ${WRITERS} streams applied at a time`,
    [
      'what',
      'seconds',
      'events/s',
      'streams',
      'scan+decode s',
      'fold+write s',
      'bench CPU s',
      'DynamoDB CPU s',
      'others CPU s',
      '÷ bare Scan',
    ],
    [
      [
        'bare parallel Scan (before)',
        scanBefore.seconds,
        scanBefore.eventsPerSecond,
        null,
        null,
        null,
        c(scanBefore.cpuSeconds, 'bench'),
        c(scanBefore.cpuSeconds, 'dynamodb'),
        c(scanBefore.cpuSeconds, 'others'),
        null,
      ],
      ...result.projections.map((r) => [
        `rebuild ${r.projection}`,
        r.seconds,
        r.eventsPerSecond,
        r.streams,
        r.phases?.scanAndDecodeSeconds,
        r.phases?.foldAndWriteSeconds,
        c(r.cpuSeconds, 'bench'),
        c(r.cpuSeconds, 'dynamodb'),
        c(r.cpuSeconds, 'others'),
        r.overBareScan,
      ]),
      [
        'bare parallel Scan (after)',
        scanAfter.seconds,
        scanAfter.eventsPerSecond,
        null,
        null,
        null,
        c(scanAfter.cpuSeconds, 'bench'),
        c(scanAfter.cpuSeconds, 'dynamodb'),
        c(scanAfter.cpuSeconds, 'others'),
        null,
      ],
    ],
  );
  return result;
};
