// 3. Load: read and fold every case (200 × 20 events) the way a command loads one — readStream
// (consistent Query, all pages, envelope decoded and checked by zod), each event's data read through
// the catalogue (upcast + zod) and folded with caseDecider.evolve — against bare consistent Queries
// of the same streams (all pages, no decoding). An informational row reads without folding.
import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { caseDecider } from '../../domain/case/decider.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { createCommandRunner } from '../../functions/lib/command-runner.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import type { BenchContext } from '../lib/context.ts';
import { batchWrite, createEventsTable, eventStoreItems, freshPrefix } from '../lib/dynamo.ts';
import { newCaseIds, streamOf } from '../lib/fixtures.ts';
import { measureRun, timed, type RunResult } from '../lib/measure.ts';
import { runPool } from '../lib/pool.ts';
import { median, ratio, round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

export const runLoad = async (ctx: BenchContext) => {
  const { client, pids } = ctx.dynamo;
  const { quick, rounds } = ctx.flags;
  const cases = quick ? 40 : 200;
  const eventsPerCase = quick ? 10 : 20;
  const events = cases * eventsPerCase;
  const readerCounts = [8, 32];
  const table = await createEventsTable(client, freshPrefix('load'));
  const caseIds = newCaseIds(cases);
  await batchWrite(client, table, await eventStoreItems(caseIds, eventsPerCase));
  const store = createEventStore({ client, tableName: table });
  const runner = createCommandRunner({ store, decider: caseDecider, catalogue });

  const bareQuery = async (stream: string) => {
    let start: Record<string, AttributeValue> | undefined;
    let n = 0;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'stream' },
          ExpressionAttributeValues: { ':s': { S: stream } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return n;
  };
  const variants = [
    { id: 'load-fold', label: 'load + fold (command runner)', op: async (s: string) => (await runner.load(s)).envelopes.length },
    { id: 'bare-query', label: 'bare consistent Query', op: bareQuery },
    { id: 'read-stream', label: 'readStream only (no fold)', op: async (s: string) => (await store.readStream(s)).length },
  ];
  console.log(`\n[load] ${cases} cases × ${eventsPerCase} events, ${readerCounts.join(' and ')} readers`);
  for (const v of variants) await runPool(caseIds.slice(0, 40), 8, async (id) => void (await v.op(streamOf(id)))); // warm-up

  const runs = new Map<string, RunResult[]>();
  for (let r = 0; r < rounds; r++) {
    for (const readers of readerCounts) {
      for (const [i] of variants.entries()) {
        const v = variants[(i + r) % variants.length]!;
        let read = 0;
        const result = await measureRun({ dynamodb: pids }, (samples) =>
          runPool(caseIds, readers, async (id) => {
            const n = await timed(samples, () => v.op(streamOf(id)));
            read += n;
          }),
        );
        if (read !== events) throw new Error(`${v.label} read ${read} events, expected ${events}`);
        runs.set(`${v.id}/${readers}`, [...(runs.get(`${v.id}/${readers}`) ?? []), result]);
      }
    }
  }
  const rows = readerCounts.flatMap((readers) =>
    variants.map((v) => {
      const all = runs.get(`${v.id}/${readers}`)!;
      const mid = median(all.map((x) => x.perSecond));
      const chosen = all.reduce((best, x) => (Math.abs(x.perSecond - mid) < Math.abs(best.perSecond - mid) ? x : best));
      return {
        variant: v.id,
        label: v.label,
        readers,
        casesPerSecond: chosen.perSecond,
        eventsPerSecond: round(chosen.perSecond * eventsPerCase, 0),
        result: chosen,
      };
    }),
  );
  const perSecond = (id: string, readers: number) => rows.find((r) => r.variant === id && r.readers === readers)!.eventsPerSecond;
  const ratios = readerCounts.map((readers) => ({
    readers,
    loadOverBareQuery: ratio(perSecond('load-fold', readers), perSecond('bare-query', readers)),
  }));
  printTable(
    `3. Load — ${cases} cases × ${eventsPerCase} events, read and folded`,
    [
      'variant',
      'readers',
      'events/s',
      'cases/s',
      'p50 ms/case',
      'p99 ms/case',
      'bench CPU ms/case',
      'DynamoDB CPU ms/case',
      'others (cores)',
    ],
    rows.map((r) => [
      r.label,
      r.readers,
      r.eventsPerSecond,
      r.casesPerSecond,
      r.result.latencyMs.p50,
      r.result.latencyMs.p99,
      r.result.cpuMsPerOp.bench,
      r.result.cpuMsPerOp.dynamodb,
      r.result.coresBusy.others,
    ]),
  );
  printTable(
    '   ratio',
    ['readers', 'load ÷ bare Query'],
    ratios.map((r) => [r.readers, r.loadOverBareQuery]),
  );
  return { cases, eventsPerCase, rows, ratios };
};
