// 1. Append: `cases` streams of `eventsPerCase` events, 8 and 32 writers in parallel, each case's
// events appended one at a time in version order by one writer. Compared: (a) this project's event
// store, (b) Castore's DynamoDB single-table adapter, (c) a bare conditional PutItem of the same
// item — the ceiling. Informational rows: (a) when the caller names the expected version as a
// number (one GetItem more per append), and (c) on a table without a stream.
import { randomUUID } from 'node:crypto';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { createEventStore, type StreamHead } from '../../functions/lib/event-store/event-store.ts';
import type { BenchContext } from '../lib/context.ts';
import { createCastoreTable, createEventsTable, dropTables, eventStoreItems, freshPrefix } from '../lib/dynamo.ts';
import { EVENTS_PER_CASE, metaFor, newCaseIds, newEvent, streamOf } from '../lib/fixtures.ts';
import { measureRun, timed, type RunResult } from '../lib/measure.ts';
import { runPool } from '../lib/pool.ts';
import { median, ratio } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

type Op = (caseId: string, n: number) => Promise<unknown>;
type Variant = {
  id: string;
  label: string;
  reference: boolean;
  setup: (client: DynamoDBClient, prefix: string) => Promise<{ table: string; op: Op }>;
};

const storeVariant = (expectedAsNumber: boolean) => async (client: DynamoDBClient, prefix: string) => {
  const table = await createEventsTable(client, prefix);
  const store = createEventStore({ client, tableName: table });
  const heads = new Map<string, StreamHead>();
  const op: Op = async (caseId, n) => {
    // The command runner passes the head it loaded; a caller with only a version number costs a GetItem.
    const expected = expectedAsNumber ? n - 1 : (heads.get(caseId) ?? 0);
    const result = await store.append(streamOf(caseId), expected, [newEvent(caseId, n)], metaFor(caseId, n));
    heads.set(caseId, result.head);
  };
  return { table, op };
};

const barePut = (stream: boolean) => async (client: DynamoDBClient, prefix: string) => {
  const table = await createEventsTable(client, prefix, { stream });
  // The very items the event store writes (envelope, hashes, codec) for event n, re-keyed per case.
  const templates = await eventStoreItems(newCaseIds(1), EVENTS_PER_CASE);
  const op: Op = (caseId, n) =>
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: { ...templates[(n - 1) % templates.length]!, stream: { S: streamOf(caseId) }, version: { N: String(n) } },
        ConditionExpression: 'attribute_not_exists(#v)',
        ExpressionAttributeNames: { '#v': 'version' },
      }),
    );
  return { table, op };
};

const castore = async (client: DynamoDBClient, prefix: string) => {
  const table = await createCastoreTable(client, prefix);
  const adapter = new DynamoDBSingleTableEventStorageAdapter({ tableName: table, dynamoDBClient: client });
  const op: Op = (caseId, n) => {
    const meta = metaFor(caseId, n);
    const event = newEvent(caseId, n);
    return adapter.pushEvent(
      {
        aggregateId: caseId,
        version: n,
        type: event.type,
        payload: event.data,
        // What our envelope carries besides the hash chain, so the items are of a like size.
        metadata: {
          eventId: randomUUID(),
          schemaVersion: event.schemaVersion,
          actor: meta.actor,
          workstation: meta.workstation,
          correlationId: meta.correlationId,
          causationId: meta.causationId,
          idempotencyKey: meta.idempotency!.key,
          requestHash: meta.idempotency!.requestHash,
        },
      },
      { eventStoreId: 'cases' },
    );
  };
  return { table, op };
};

export const appendVariants: readonly Variant[] = [
  { id: 'store', label: '(a) event store', reference: true, setup: storeVariant(false) },
  { id: 'castore', label: '(b) Castore adapter', reference: true, setup: castore },
  { id: 'bare-put', label: '(c) bare PutItem', reference: true, setup: barePut(true) },
  { id: 'store-expected-number', label: '(a) expected as number', reference: false, setup: storeVariant(true) },
  { id: 'bare-put-no-stream', label: '(c) table without stream', reference: false, setup: barePut(false) },
];

const runOnce = async (
  ctx: BenchContext,
  variant: Variant,
  writers: number,
  cases: number,
  eventsPerCase: number,
  { fresh = true } = {},
): Promise<RunResult> => {
  if (fresh) await ctx.freshDynamo();
  const { client, pids } = ctx.dynamo;
  const { table, op } = await variant.setup(client, freshPrefix(`append-${variant.id}`));
  try {
    return await measureRun({ dynamodb: pids }, async (samples) => {
      await runPool(newCaseIds(cases), writers, async (caseId) => {
        for (let n = 1; n <= eventsPerCase; n++) await timed(samples, () => op(caseId, n));
      });
    });
  } finally {
    await dropTables(client, [table]);
  }
};

export type AppendRow = {
  variant: string;
  label: string;
  reference: boolean;
  writers: number;
  events: number;
  median: RunResult;
  roundsPerSecond: number[];
};

export const runAppend = async (ctx: BenchContext) => {
  const { quick, rounds } = ctx.flags;
  const cases = quick ? 40 : 200;
  const eventsPerCase = quick ? 10 : EVENTS_PER_CASE;
  const writerCounts = [8, 32];
  console.log(
    `\n[append] ${cases} cases × ${eventsPerCase} events, ${writerCounts.join(' and ')} writers, ${rounds} round(s); warming up…`,
  );
  for (const v of appendVariants) await runOnce(ctx, v, 8, quick ? 16 : 40, 5, { fresh: false }); // the bench's own JIT

  const runs = new Map<string, RunResult[]>();
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no variant always runs first (or last) on a busy machine.
    const order = appendVariants.map((_, i) => appendVariants[(i + r) % appendVariants.length]!);
    for (const writers of writerCounts) {
      for (const v of order) {
        // The informational rows run an eighth of the load at 8 writers only, to keep the run short.
        if (!v.reference && writers !== writerCounts[0]) continue;
        const result = await runOnce(ctx, v, writers, v.reference ? cases : Math.ceil(cases / 8), eventsPerCase);
        const key = `${v.id}/${writers}`;
        runs.set(key, [...(runs.get(key) ?? []), result]);
        process.stdout.write('.');
      }
    }
  }
  const rows: AppendRow[] = [];
  for (const writers of writerCounts) {
    for (const v of appendVariants) {
      const all = runs.get(`${v.id}/${writers}`);
      if (!all) continue;
      const mid = median(all.map((x) => x.perSecond));
      const chosen = all.reduce((best, x) => (Math.abs(x.perSecond - mid) < Math.abs(best.perSecond - mid) ? x : best));
      rows.push({
        variant: v.id,
        label: v.label,
        reference: v.reference,
        writers,
        events: chosen.ops,
        median: chosen,
        roundsPerSecond: all.map((x) => x.perSecond),
      });
    }
  }
  const perSecond = (id: string, w: number) => median(runs.get(`${id}/${w}`)!.map((x) => x.perSecond));
  // CPU per event (this process + DynamoDB Local): on a saturated, shared machine throughput is noisy,
  // CPU spent per event much less so; the CPU ratio says what throughput ratio an idle machine would show.
  const cpuPerEvent = (id: string, w: number) => {
    const row = rows.find((r) => r.variant === id && r.writers === w)!;
    return (row.median.cpuMsPerOp.bench ?? 0) + (row.median.cpuMsPerOp.dynamodb ?? 0);
  };
  const ratios = writerCounts.map((w) => ({
    writers: w,
    storeOverCastore: ratio(perSecond('store', w), perSecond('castore', w)),
    storeOverBarePut: ratio(perSecond('store', w), perSecond('bare-put', w)),
    byCpu: {
      storeOverCastore: ratio(cpuPerEvent('castore', w), cpuPerEvent('store', w)),
      storeOverBarePut: ratio(cpuPerEvent('bare-put', w), cpuPerEvent('store', w)),
    },
  }));

  printTable(
    `1. Append — ${cases} cases × ${eventsPerCase} events (median of ${rounds} round(s))`,
    [
      'variant',
      'writers',
      'events',
      'events/s',
      'p50 ms',
      'p99 ms',
      'bench CPU ms/ev',
      'DynamoDB CPU ms/ev',
      'others (cores)',
      'rounds ev/s',
    ],
    rows.map((r) => [
      r.label,
      r.writers,
      r.events,
      r.median.perSecond,
      r.median.latencyMs.p50,
      r.median.latencyMs.p99,
      r.median.cpuMsPerOp.bench,
      r.median.cpuMsPerOp.dynamodb,
      r.median.coresBusy.others,
      r.roundsPerSecond.join(' '),
    ]),
  );
  printTable(
    '   ratios (events/s; and by CPU per event, bench + DynamoDB)',
    ['writers', 'a/b (store ÷ Castore)', 'a/c (store ÷ bare PutItem)', 'a/b by CPU', 'a/c by CPU'],
    ratios.map((r) => [r.writers, r.storeOverCastore, r.storeOverBarePut, r.byCpu.storeOverCastore, r.byCpu.storeOverBarePut]),
  );
  return { cases, eventsPerCase, rounds, rows, ratios };
};
