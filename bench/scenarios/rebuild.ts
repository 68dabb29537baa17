// 5. Rebuild: the case-status read model rebuilt from an events table of 100,000 events (5,000 cases
// × 20), against a bare parallel Scan of the same table. There is no rebuild module in the project
// yet (no `npm run rebuild`, no rebuild function), so this measures the rebuild the issue describes,
// implemented here: parallel Scan of the events table → decode each item (the store's codec) →
// group by case → fold with caseDecider (catalogue read + evolve) → write each case-status record
// with createCaseStatusTable().put, 16 writes in flight.
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import type { BenchContext } from '../lib/context.ts';
import { batchWrite, createEventsTable, createReadModelsTable, eventStoreItems, freshPrefix } from '../lib/dynamo.ts';
import { newCaseIds } from '../lib/fixtures.ts';
import { cpuMeter } from '../lib/machine.ts';
import { chunk, runPool } from '../lib/pool.ts';
import { ratio, round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

const SEGMENTS = 4;
const WRITERS = 16;
const EVENTS_PER_CASE = 20;

type Item = Record<string, AttributeValue>;

const parallelScan = async (ctx: BenchContext, table: string, onPage: (items: Item[]) => void) => {
  await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      let start: Item | undefined;
      do {
        const out = await ctx.dynamo.client.send(new ScanCommand({ TableName: table, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: start }));
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
  console.log(`\n[rebuild] seeding ${events.toLocaleString('en-US')} events (${cases} cases × ${EVENTS_PER_CASE})…`);
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

  const rebuild = async () => {
    const readModels = await createReadModelsTable(client, freshPrefix('rebuild-rm'));
    const caseStatus = createCaseStatusTable({ client, tableName: readModels });
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
    const fold = await timedPhase(() =>
      [...streams.entries()].map(([stream, list]) => {
        list.sort((a, b) => a.version - b.version);
        const state = list.reduce((s, e) => caseDecider.evolve(s, readEventData(catalogue, e) as CaseEvent), caseDecider.initialState());
        const last = list.at(-1)!;
        return { caseId: stream.slice('case#'.length), version: last.version, state, updatedAt: last.recordedAt };
      }),
    );
    const write = await timedPhase(() => runPool(fold.value, WRITERS, async (record) => void (await caseStatus.put(record))));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = meter();
    const check = await caseStatus.get(fold.value[0]!.caseId, { consistent: true });
    if (fold.value.length !== cases || check?.version !== EVENTS_PER_CASE) throw new Error(`rebuild wrote ${fold.value.length} records (expected ${cases}); first at version ${check?.version}`);
    return {
      seconds: round(seconds, 3),
      eventsPerSecond: round(events / seconds, 0),
      phases: { scanAndDecodeSeconds: round(scan.seconds, 3), foldSeconds: round(fold.seconds, 3), writeSeconds: round(write.seconds, 3), records: fold.value.length },
      cpuSeconds: cpu,
    };
  };

  const scanBefore = await bareScan();
  const rebuilt = await rebuild();
  const scanAfter = await bareScan();
  const ceiling = round((scanBefore.eventsPerSecond + scanAfter.eventsPerSecond) / 2, 0);
  const result = {
    implementation: 'bench (no rebuild module in the project yet): parallel Scan → decode → fold per case with caseDecider → createCaseStatusTable().put',
    events,
    cases,
    segments: SEGMENTS,
    writers: WRITERS,
    seedSeconds: round(seed.seconds, 1),
    bareScan: { before: scanBefore, after: scanAfter, eventsPerSecond: ceiling },
    projections: [{ projection: 'case-status', ...rebuilt, overBareScan: ratio(rebuilt.eventsPerSecond, ceiling) }],
  };
  const c = (x: Record<string, number>, k: string) => round(x[k] ?? Number.NaN, 1);
  printTable(
    `5. Rebuild — ${events.toLocaleString('en-US')} events, ${cases} cases; parallel Scan with ${SEGMENTS} segments`,
    ['what', 'seconds', 'events/s', 'scan+decode s', 'fold s', 'write s', 'bench CPU s', 'DynamoDB CPU s', 'others CPU s', '÷ bare Scan'],
    [
      ['bare parallel Scan (before)', scanBefore.seconds, scanBefore.eventsPerSecond, null, null, null, c(scanBefore.cpuSeconds, 'bench'), c(scanBefore.cpuSeconds, 'dynamodb'), c(scanBefore.cpuSeconds, 'others'), null],
      ['rebuild case-status', rebuilt.seconds, rebuilt.eventsPerSecond, rebuilt.phases.scanAndDecodeSeconds, rebuilt.phases.foldSeconds, rebuilt.phases.writeSeconds, c(rebuilt.cpuSeconds, 'bench'), c(rebuilt.cpuSeconds, 'dynamodb'), c(rebuilt.cpuSeconds, 'others'), result.projections[0]!.overBareScan],
      ['bare parallel Scan (after)', scanAfter.seconds, scanAfter.eventsPerSecond, null, null, null, c(scanAfter.cpuSeconds, 'bench'), c(scanAfter.cpuSeconds, 'dynamodb'), c(scanAfter.cpuSeconds, 'others'), null],
    ],
  );
  return result;
};
