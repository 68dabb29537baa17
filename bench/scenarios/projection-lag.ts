// 4. Projection lag: a steady open-loop stream of commands (default 50/s for 60 s) against the whole
// local stack in a child process — API, stream poller, publisher, local bus, projections — and for
// each command, per read model its events reach (the rule patterns decide), the time from the
// command's answer until that read model's record of the case shows the event's version, read from
// the read-models table with consistent BatchGetItem polls every 25 ms. The commands are cases'
// lives (bench/lib/case-lifecycle.ts): each tick sends the next command of a case whose previous one
// has been answered, or opens a new case when none is waiting. The same run feeds 7 (memory): the
// stack process's RSS is sampled throughout.
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { COMMANDS_PER_CASE, conflicts, registerLawyer, resets, runStep } from '../lib/case-lifecycle.ts';
import type { BenchContext } from '../lib/context.ts';
import { dropTables, freshPrefix } from '../lib/dynamo.ts';
import { createHttpClient } from '../lib/http-client.ts';
import { cpuMeter } from '../lib/machine.ts';
import { chunk } from '../lib/pool.ts';
import type { ProfileLine } from '../lib/profile.ts';
import { caseRecordKey, projectionNames, projectionsFor } from '../lib/routing.ts';
import { round, summarize } from '../lib/stats.ts';
import { startStackProcess } from '../lib/stack-process.ts';
import { printTable } from '../lib/table.ts';

const POLL_EVERY_MS = 25;
const DRAIN_TIMEOUT_MS = 60_000;

type Waiting = { projection: string; caseId: string; pk: string; sk: string; entries: { version: number; answeredAt: number }[] };

const lagRun = async (ctx: BenchContext, rate: number, lagSeconds: number) => {
  await ctx.freshDynamo();
  const { client } = ctx.dynamo;
  const all = projectionNames();
  const readModels = all.filter((p) => caseRecordKey[p]);
  const notMeasured = all.filter((p) => !caseRecordKey[p]);
  console.log(
    `\n[lag] ${rate} commands/s for ${lagSeconds} s through the whole local stack; read models: ${readModels.join(', ')}${notMeasured.length ? ` (not measured: ${notMeasured.join(', ')})` : ''}`,
  );
  const stack = await startStackProcess({
    dynamoEndpoint: ctx.dynamo.endpoint,
    tablePrefix: freshPrefix('lag'),
    pipeline: true,
    profile: ctx.flags.profile,
  });
  const rssAfterStart = stack.rss().lastBytes;
  const http = createHttpClient(stack.url, 256);
  const table = stack.readModelsTable;

  // Effects not seen yet: per read model and case, the versions answered and when.
  const waiting = new Map<string, Waiting>();
  const lags = new Map<string, number[]>(readModels.map((p) => [p, []]));
  let polls = 0;
  let polling = true;
  let drainStartedAt = 0;
  const poller = (async () => {
    while (polling || waiting.size > 0) {
      const started = performance.now();
      for (const batch of chunk([...waiting.values()], 100)) {
        const out = await client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [table]: {
                Keys: batch.map((w) => ({ pk: { S: w.pk }, sk: { S: w.sk } })),
                ConsistentRead: true,
                ProjectionExpression: 'pk, sk, #v',
                ExpressionAttributeNames: { '#v': 'version' },
              },
            },
          }),
        );
        polls++;
        const seenAt = performance.now();
        const byKey = new Map(batch.map((w) => [`${w.pk}|${w.sk}`, w]));
        for (const item of out.Responses?.[table] ?? []) {
          const w = byKey.get(`${item.pk?.S}|${item.sk?.S}`);
          if (!w) continue;
          const seen = Number(item.version?.N ?? 0);
          w.entries = w.entries.filter((e) => {
            if (e.version > seen) return true;
            lags.get(w.projection)!.push(seenAt - e.answeredAt);
            return false;
          });
          if (w.entries.length === 0) waiting.delete(`${w.projection}|${w.caseId}`);
        }
      }
      if (!polling && waiting.size > 0 && performance.now() - drainStartedAt > DRAIN_TIMEOUT_MS) break;
      await sleep(Math.max(0, POLL_EVERY_MS - (performance.now() - started)));
    }
  })();

  const latencies: number[] = [];
  let errors = 0;
  let skipped = 0;
  const inFlight = new Set<Promise<void>>();
  // Cases whose previous command has been answered, with the index of their next command.
  const ready: { caseId: string; next: number }[] = [];
  let casesOpened = 0;
  const command = async () => {
    const at = ready.shift() ?? { caseId: null, next: 0 };
    if (at.next === 0) casesOpened++;
    const sent = performance.now();
    try {
      const answer = await runStep(http, stack.tokens, at.caseId, at.next);
      const answeredAt = performance.now();
      latencies.push(answeredAt - sent);
      for (const e of answer.events) {
        for (const projection of projectionsFor(`case#${answer.caseId}`, e.type)) {
          const key = caseRecordKey[projection];
          if (!key) continue;
          const id = `${projection}|${answer.caseId}`;
          const w = waiting.get(id) ?? { projection, caseId: answer.caseId, ...key(answer.caseId), entries: [] };
          w.entries.push({ version: e.version, answeredAt });
          waiting.set(id, w);
        }
      }
      if (at.next + 1 < COMMANDS_PER_CASE) ready.push({ caseId: answer.caseId, next: at.next + 1 });
    } catch (error) {
      errors++;
      if (errors <= 3) console.warn(`   command failed: ${(error as Error).message}`);
    }
  };
  const fire = () => {
    const p = command().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  let result;
  let stopped;
  let profile: ProfileLine[] | null = null;
  try {
    await registerLawyer(http, stack.tokens);
    // Warm-up at a tenth of the rate, then wait for its effects: the stack is running before we measure.
    for (let i = 0; i < Math.max(10, rate); i++) {
      fire();
      await sleep(10_000 / rate);
    }
    await Promise.all(inFlight);
    const warmDeadline = performance.now() + 60_000;
    while (waiting.size > 0 && performance.now() < warmDeadline) await sleep(50);
    waiting.clear();
    for (const l of lags.values()) l.length = 0;
    latencies.length = 0;
    const warmErrors = errors;
    errors = 0;
    casesOpened = 0;
    const conflictsBefore = { ...conflicts };
    const resetsBefore = resets.retried;
    stack.resetPeak();
    const rssBeforeLoad = stack.rss().lastBytes;

    const total = Math.round(rate * lagSeconds);
    const interval = 1000 / rate;
    const maxInFlight = Math.max(50, rate * 5);
    await stack.profileStart();
    const meter = cpuMeter({ dynamodb: ctx.dynamo.pids, stack: [stack.pid] });
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // Open loop: commands go out on schedule whatever the answers do, up to a bound on the backlog.
      if (inFlight.size >= maxInFlight) skipped++;
      else fire();
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - t0) / 1000;
    polling = false;
    drainStartedAt = performance.now();
    await poller;
    const cpu = meter();
    profile = await stack.profileStop();
    const seconds = (performance.now() - t0) / 1000;
    const rss = stack.rss();
    const sent = total - skipped;
    result = {
      readModels,
      notMeasured,
      targetRate: rate,
      seconds: lagSeconds,
      sent,
      skippedForBacklog: skipped,
      errors,
      warmUpErrors: warmErrors,
      achievedRate: round((sent - errors) / sendSeconds, 1),
      casesOpened,
      assignmentsRetriedAfter409or5xx: conflicts.commandsRetried - conflictsBefore.commandsRetried,
      connectionResetsRetried: resets.retried - resetsBefore,
      commandLatencyMs: summarize(latencies),
      lagMs: Object.fromEntries([...lags].map(([p, l]) => [p, summarize(l)])),
      notSeen: Object.fromEntries(
        readModels.map((p) => [p, [...waiting.values()].filter((w) => w.projection === p).reduce((n, w) => n + w.entries.length, 0)]),
      ),
      pollEveryMs: POLL_EVERY_MS,
      readModelPolls: polls,
      coresBusy: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v / seconds, 2)])),
      memory: {
        rssAfterStartBytes: rssAfterStart,
        rssBeforeLoadBytes: rssBeforeLoad,
        peakRssDuringLoadBytes: rss.peakBytes,
        rssSamples: rss.samples,
      },
    };
  } finally {
    polling = false;
    http.close();
    stopped = await stack.stop();
    await dropTables(client, [stack.eventsTable, stack.readModelsTable]);
  }
  if (profile)
    printTable(
      '   CPU profile of the local stack during the steady load: self time by package',
      ['where', 'self ms', '%'],
      profile.map((p) => [p.where, p.selfMs, p.share]),
    );
  const memory = {
    ...result.memory,
    maxRssLifetimeBytes: stopped.maxRssBytes,
    peakHeapUsedBytes: stopped.peakHeapUsedBytes,
    poller: stopped.poller,
    bus: stopped.bus,
  };
  printTable(
    `4. Projection lag — ${result.targetRate} commands/s for ${result.seconds} s (answer → effect in the read model, polled every ${result.pollEveryMs} ms); ${result.sent} commands sent, ${result.achievedRate}/s answered, ${result.errors} errors, ${result.skippedForBacklog} skipped (backlog), command p50 ${result.commandLatencyMs.p50} ms p99 ${result.commandLatencyMs.p99} ms`,
    ['read model', 'effects', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'not seen'],
    readModels.map((m) => [m, result.lagMs[m]!.count, result.lagMs[m]!.p50, result.lagMs[m]!.p99, result.lagMs[m]!.max, result.notSeen[m]]),
  );
  console.log(
    `   cores busy during the run: ${Object.entries(result.coresBusy)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return { ...result, memory, ...(profile ? { profile } : {}) };
};

export const runProjectionLag = async (ctx: BenchContext) => {
  const { lagSeconds, rate } = ctx.flags;
  const main = await lagRun(ctx, rate, lagSeconds);
  if (main.achievedRate >= 0.9 * rate) return main;
  // The stack could not keep up, so the lag above is mostly queueing. Informational: the lag at a
  // lower rate (10/s, or what it answered if less), to tell the pipeline's own delay from the backlog.
  const lower = Math.max(2, Math.min(10, Math.floor(main.achievedRate)));
  console.log(
    `   the stack answered ${main.achievedRate}/s of ${rate}/s asked: measuring again at ${lower}/s for ${Math.min(lagSeconds, 20)} s (informational)`,
  );
  const { memory: _m, profile: _p, ...sustainable } = await lagRun(ctx, lower, Math.min(lagSeconds, 20));
  return { ...main, atSustainableRate: sustainable };
};
