// 2. Command path: the append load (cases × 20, 8 and 32 clients, each case's commands in order) sent
// as HTTP commands through the local stack in a child process — routing, JWT verification, role
// and scope checks, zod validation, load → decide → append — against the ceiling of the same number
// of bare consistent Queries of the case's stream, each followed by a conditional PutItem of its
// next event. The commands are a case's life (bench/lib/case-lifecycle.ts): application, review,
// grant, assignment (which also appends to the agency's notice counter, in one transaction) and
// 14 handling steps. The stream poller is paused while this is measured; an informational row
// measures the same with the whole pipeline (poller, publisher, bus, projection) running.
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { routes } from '../../functions/api/routes.ts';
import { COMMANDS_PER_CASE, conflicts, lifecycle, registerLawyer, runStep, type CommandAnswer } from '../lib/case-lifecycle.ts';
import type { BenchContext } from '../lib/context.ts';
import { createEventsTable, dropTables, eventStoreItems, freshPrefix } from '../lib/dynamo.ts';
import { newCaseIds, streamOf } from '../lib/fixtures.ts';
import { createHttpClient } from '../lib/http-client.ts';
import { measureRun, timed, type RunResult } from '../lib/measure.ts';
import { runPool } from '../lib/pool.ts';
import type { ProfileLine } from '../lib/profile.ts';
import { ratio, summarize } from '../lib/stats.ts';
import { startStackProcess } from '../lib/stack-process.ts';
import { printTable } from '../lib/table.ts';

const kindOf = (index: number) => {
  const path = lifecycle[index]!.path('{id}');
  if (index === 0) return 'open case';
  if (path.endsWith('/assignment')) return 'assignment';
  return index < 6 ? 'review' : 'handling';
};

const httpRun = async (ctx: BenchContext, { cases, clients, pipeline }: { cases: number; clients: number; pipeline: boolean }) => {
  await ctx.freshDynamo();
  const stack = await startStackProcess({
    dynamoEndpoint: ctx.dynamo.endpoint,
    tablePrefix: freshPrefix('cmd'),
    pipeline,
    profile: ctx.flags.profile,
  });
  const http = createHttpClient(stack.url, clients);
  const byKind = new Map<string, number[]>();
  let events = 0;
  const lifeOf = async (samples: number[] | null) => {
    let caseId: string | null = null;
    for (let i = 0; i < COMMANDS_PER_CASE; i++) {
      const t0 = performance.now();
      const answer: CommandAnswer = samples
        ? await timed(samples, () => runStep(http, stack.tokens, caseId, i))
        : await runStep(http, stack.tokens, caseId, i);
      if (samples) {
        const kind = kindOf(i);
        byKind.set(kind, [...(byKind.get(kind) ?? []), performance.now() - t0]);
        events += answer.events.length;
      }
      caseId = answer.caseId;
    }
  };
  try {
    await registerLawyer(http, stack.tokens);
    await runPool(Array.from({ length: Math.min(clients, 16) }), clients, () => lifeOf(null)); // warm-up: JIT of every handler path
    await stack.profileStart();
    const before = { ...conflicts };
    const result = await measureRun({ dynamodb: ctx.dynamo.pids, stack: [stack.pid] }, (samples) =>
      runPool(Array.from({ length: cases }), clients, () => lifeOf(samples)),
    );
    const profile = await stack.profileStop();
    if (profile)
      printTable(
        `   CPU profile of the local stack while measured (${clients} clients, pipeline ${pipeline ? 'on' : 'paused'}): self time by package`,
        ['where', 'self ms', '%'],
        profile.map((p: ProfileLine) => [p.where, p.selfMs, p.share]),
      );
    const kinds = Object.fromEntries([...byKind].map(([k, v]) => [k, summarize(v)]));
    const retried = {
      assignmentsRetried: conflicts.commandsRetried - before.commandsRetried,
      retries: conflicts.retried - before.retried,
      conflict409: conflicts.conflict409 - before.conflict409,
      error5xx: conflicts.error5xx - before.error5xx,
    };
    return { result, events, kinds, retried, tables: [stack.eventsTable, stack.readModelsTable], profile };
  } finally {
    http.close();
    await stack.stop();
  }
};

const ceilingRun = async (ctx: BenchContext, { cases, clients }: { cases: number; clients: number }): Promise<RunResult> => {
  await ctx.freshDynamo();
  const { client, pids } = ctx.dynamo;
  const table = await createEventsTable(client, freshPrefix('ceiling'));
  const templates = await eventStoreItems(newCaseIds(1), COMMANDS_PER_CASE);
  const op = async (stream: string, n: number) => {
    await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'stream' },
        ExpressionAttributeValues: { ':s': { S: stream } },
        ConsistentRead: true,
      }),
    );
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: { ...templates[n - 1]!, stream: { S: stream }, version: { N: String(n) } },
        ConditionExpression: 'attribute_not_exists(#v)',
        ExpressionAttributeNames: { '#v': 'version' },
      }),
    );
  };
  const lifeOf = async (caseId: string, samples: number[] | null) => {
    for (let n = 1; n <= COMMANDS_PER_CASE; n++) await (samples ? timed(samples, () => op(streamOf(caseId), n)) : op(streamOf(caseId), n));
  };
  try {
    await runPool(newCaseIds(Math.min(clients, 16)), clients, (id) => lifeOf(id, null));
    return await measureRun({ dynamodb: pids }, (samples) => runPool(newCaseIds(cases), clients, (id) => lifeOf(id, samples)));
  } finally {
    await dropTables(client, [table]);
  }
};

export const runCommandPath = async (ctx: BenchContext) => {
  const cases = ctx.flags.quick ? 20 : 200;
  const clientCounts = [8, 32];
  const commandRoutes = routes.filter((r) => r.function === 'api-commands').length;
  const measured = `${cases} cases × ${COMMANDS_PER_CASE} commands (open, 4 review steps, assignment, 14 handling steps; ${commandRoutes} command routes exist)`;
  console.log(`\n[command] ${measured}, ${clientCounts.join(' and ')} clients`);
  const rows: {
    path: string;
    clients: number;
    result: RunResult;
    events?: number;
    kinds?: Record<string, unknown>;
    retried?: { assignmentsRetried: number; retries: number; conflict409: number; error5xx: number };
  }[] = [];
  const ratios: { clients: number; commandsOverCeiling: number }[] = [];
  const profiles: { clients: number; pipeline: boolean; profile: ProfileLine[] }[] = [];
  for (const clients of clientCounts) {
    const ceiling = await ceilingRun(ctx, { cases, clients });
    const run = await httpRun(ctx, { cases, clients, pipeline: false });
    await dropTables(ctx.dynamo.client, run.tables);
    if (run.profile) profiles.push({ clients, pipeline: false, profile: run.profile });
    rows.push(
      { path: 'HTTP commands (pipeline paused)', clients, result: run.result, events: run.events, kinds: run.kinds, retried: run.retried },
      { path: 'ceiling: bare Query + PutItem', clients, result: ceiling },
    );
    ratios.push({ clients, commandsOverCeiling: ratio(run.result.perSecond, ceiling.perSecond) });
  }
  // Informational: the same commands while the stream poller, publisher, bus and projection run beside them.
  const withPipeline = await httpRun(ctx, { cases: Math.ceil(cases / 8), clients: clientCounts[0]!, pipeline: true });
  await dropTables(ctx.dynamo.client, withPipeline.tables);
  if (withPipeline.profile) profiles.push({ clients: clientCounts[0]!, pipeline: true, profile: withPipeline.profile });
  rows.push({
    path: 'HTTP commands (pipeline running)',
    clients: clientCounts[0]!,
    result: withPipeline.result,
    events: withPipeline.events,
    kinds: withPipeline.kinds,
    retried: withPipeline.retried,
  });

  printTable(
    `2. Command path — ${measured}`,
    [
      'path',
      'clients',
      'commands',
      'commands/s',
      'p50 ms',
      'p99 ms',
      'bench CPU ms/op',
      'stack CPU ms/op',
      'DynamoDB CPU ms/op',
      'others (cores)',
      'retried: commands (409s, 5xx)',
    ],
    rows.map((r) => [
      r.path,
      r.clients,
      r.result.ops,
      r.result.perSecond,
      r.result.latencyMs.p50,
      r.result.latencyMs.p99,
      r.result.cpuMsPerOp.bench,
      r.result.cpuMsPerOp.stack,
      r.result.cpuMsPerOp.dynamodb,
      r.result.coresBusy.others,
      r.retried ? `${r.retried.assignmentsRetried} (${r.retried.conflict409}, ${r.retried.error5xx})` : null,
    ]),
  );
  const kindRows = rows
    .filter((r) => r.kinds)
    .flatMap((r) =>
      Object.entries(r.kinds!).map(([kind, s]) => [
        `${r.path}, ${r.clients} clients`,
        kind,
        (s as { count: number }).count,
        (s as { p50: number }).p50,
        (s as { p99: number }).p99,
      ]),
    );
  printTable('   latency by kind of command', ['run', 'kind', 'count', 'p50 ms', 'p99 ms'], kindRows);
  printTable(
    '   ratio',
    ['clients', 'commands/s ÷ (Query + PutItem)/s'],
    ratios.map((r) => [r.clients, r.commandsOverCeiling]),
  );
  return { measured, cases, commandsPerCase: COMMANDS_PER_CASE, rows, ratios, ...(profiles.length ? { profiles } : {}) };
};
