// 4. Projection lag: a steady open-loop stream of commands (default 50/s for 60 s) against the whole
// local stack in a child process — API, stream poller, publisher, local bus, projection — and for
// each command the time from its answer until its effect is in the case-status read model (the
// only read model today), read from the read-model table with consistent BatchGetItem polls.
// The same run feeds 7 (memory): the stack process's RSS is sampled throughout.
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { projectionRules } from '../../events/routing.ts';
import type { BenchContext } from '../lib/context.ts';
import { dropTables, freshPrefix } from '../lib/dynamo.ts';
import { benchPrincipal, uniqueKey } from '../lib/fixtures.ts';
import { createHttpClient, postApplication } from '../lib/http-client.ts';
import { cpuMeter } from '../lib/machine.ts';
import { chunk } from '../lib/pool.ts';
import type { ProfileLine } from '../lib/profile.ts';
import { round, summarize } from '../lib/stats.ts';
import { startStackProcess } from '../lib/stack-process.ts';
import { printTable } from '../lib/table.ts';

const POLL_EVERY_MS = 25;
const DRAIN_TIMEOUT_MS = 60_000;

type Pending = { caseId: string; version: number; answeredAt: number };

export const runProjectionLag = async (ctx: BenchContext) => {
  const { lagSeconds, rate } = ctx.flags;
  const { client } = ctx.dynamo;
  const readModels = projectionRules.map((r) => r.projection);
  console.log(`\n[lag] ${rate} commands/s for ${lagSeconds} s through the whole local stack; read models: ${readModels.join(', ')}`);
  const stack = await startStackProcess({ dynamoEndpoint: ctx.dynamo.endpoint, tablePrefix: freshPrefix('lag'), pipeline: true, profile: ctx.flags.profile });
  const rssAfterStart = stack.rss().lastBytes;
  const http = createHttpClient(stack.url, 256);
  const token = stack.tokens[benchPrincipal.sub]!;
  const table = stack.readModelsTable;

  const pending = new Map<string, Pending>();
  const lags: number[] = [];
  let polls = 0;
  let polling = true;
  let drainStartedAt = 0;
  const poller = (async () => {
    while (polling || pending.size > 0) {
      const started = performance.now();
      for (const batch of chunk([...pending.values()], 100)) {
        const out = await client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [table]: { Keys: batch.map((p) => ({ pk: { S: `case#${p.caseId}` }, sk: { S: 'status' } })), ConsistentRead: true, ProjectionExpression: 'caseId, #v', ExpressionAttributeNames: { '#v': 'version' } },
            },
          }),
        );
        polls++;
        const seenAt = performance.now();
        for (const item of out.Responses?.[table] ?? []) {
          const p = pending.get(item.caseId?.S ?? '');
          if (p && Number(item.version?.N ?? 0) >= p.version) {
            lags.push(seenAt - p.answeredAt);
            pending.delete(p.caseId);
          }
        }
      }
      if (!polling && pending.size > 0 && performance.now() - drainStartedAt > DRAIN_TIMEOUT_MS) break;
      await sleep(Math.max(0, POLL_EVERY_MS - (performance.now() - started)));
    }
  })();

  const latencies: number[] = [];
  let errors = 0;
  let skipped = 0;
  const inFlight = new Set<Promise<void>>();
  const command = async () => {
    const sent = performance.now();
    try {
      const answer = await postApplication(http, token, uniqueKey('bench-lag'));
      const answeredAt = performance.now();
      latencies.push(answeredAt - sent);
      pending.set(answer.caseId, { caseId: answer.caseId, version: answer.version, answeredAt });
    } catch {
      errors++;
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
    // Warm-up at a tenth of the rate, then wait for its effects: the stack is running before we measure.
    for (let i = 0; i < Math.max(10, rate); i++) {
      fire();
      await sleep(10_000 / rate);
    }
    await Promise.all(inFlight);
    while (pending.size > 0) await sleep(50);
    lags.length = 0;
    latencies.length = 0;
    const warmErrors = errors;
    errors = 0;
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
      targetRate: rate,
      seconds: lagSeconds,
      sent,
      skippedForBacklog: skipped,
      errors,
      warmUpErrors: warmErrors,
      achievedRate: round((sent - errors) / sendSeconds, 1),
      commandLatencyMs: summarize(latencies),
      lagMs: summarize(lags),
      notSeen: pending.size,
      pollEveryMs: POLL_EVERY_MS,
      readModelPolls: polls,
      coresBusy: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v / seconds, 2)])),
      memory: { rssAfterStartBytes: rssAfterStart, rssBeforeLoadBytes: rssBeforeLoad, peakRssDuringLoadBytes: rss.peakBytes, rssSamples: rss.samples },
    };
  } finally {
    polling = false;
    http.close();
    stopped = await stack.stop();
    await dropTables(client, [stack.eventsTable, stack.readModelsTable]);
  }
  if (profile) printTable('   CPU profile of the local stack during the steady load: self time by package', ['where', 'self ms', '%'], profile.map((p) => [p.where, p.selfMs, p.share]));
  const stack7 = { ...result.memory, maxRssLifetimeBytes: stopped.maxRssBytes, peakHeapUsedBytes: stopped.peakHeapUsedBytes, poller: stopped.poller, bus: stopped.bus };
  printTable(
    `4. Projection lag — ${result.targetRate} commands/s for ${result.seconds} s (answer → effect in the read model, polled every ${result.pollEveryMs} ms)`,
    ['read model', 'sent', 'achieved/s', 'errors', 'skipped', 'cmd p50 ms', 'cmd p99 ms', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'not seen'],
    result.readModels.map((m) => [m, result.sent, result.achievedRate, result.errors, result.skippedForBacklog, result.commandLatencyMs.p50, result.commandLatencyMs.p99, result.lagMs.p50, result.lagMs.p99, result.lagMs.max, result.notSeen]),
  );
  console.log(`   cores busy during the run: ${Object.entries(result.coresBusy).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return { ...result, memory: stack7, ...(profile ? { profile } : {}) };
};
