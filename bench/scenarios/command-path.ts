// 2. Command path: the append load sent as HTTP commands through the local stack — routing, JWT
// verification, zod validation, load → decide → append — against the ceiling of the same number of
// bare consistent Queries each followed by a conditional PutItem. Today the only command route is
// POST /applications (one ApplicationReceived on a new stream), so the load is 200 × 20 = 4,000 new
// cases of one event each, not 200 cases of 20 events; see the README.
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { routes } from '../../functions/api/routes.ts';
import type { BenchContext } from '../lib/context.ts';
import { createEventsTable, dropTables, eventStoreItems, freshPrefix } from '../lib/dynamo.ts';
import { benchPrincipal, newCaseIds, streamOf, uniqueKey } from '../lib/fixtures.ts';
import { createHttpClient, postApplication } from '../lib/http-client.ts';
import { measureRun, timed, type RunResult } from '../lib/measure.ts';
import { runPool } from '../lib/pool.ts';
import type { ProfileLine } from '../lib/profile.ts';
import { ratio } from '../lib/stats.ts';
import { startStackProcess } from '../lib/stack-process.ts';
import { printTable } from '../lib/table.ts';

const httpRun = async (ctx: BenchContext, { commands, clients, pipeline }: { commands: number; clients: number; pipeline: boolean }) => {
  const stack = await startStackProcess({ dynamoEndpoint: ctx.dynamo.endpoint, tablePrefix: freshPrefix('cmd'), pipeline, profile: ctx.flags.profile });
  const http = createHttpClient(stack.url, clients);
  const token = stack.tokens[benchPrincipal.sub]!;
  const send = (n: number) => runPool(Array.from({ length: n }, () => uniqueKey('bench-app')), clients, async (key) => void (await postApplication(http, token, key)));
  try {
    await send(Math.min(200, commands / 4)); // warm-up: JIT of the handler path, connections open
    await stack.profileStart();
    const result = await measureRun({ dynamodb: ctx.dynamo.pids, stack: [stack.pid] }, async (samples) => {
      await runPool(Array.from({ length: commands }, () => uniqueKey('bench-app')), clients, async (key) => void (await timed(samples, () => postApplication(http, token, key))));
    });
    const profile = await stack.profileStop();
    if (profile) printTable(`   CPU profile of the local stack while measured (${clients} clients, pipeline ${pipeline ? 'on' : 'paused'}): self time by package`, ['where', 'self ms', '%'], profile.map((p: ProfileLine) => [p.where, p.selfMs, p.share]));
    return { result, tables: [stack.eventsTable, stack.readModelsTable], profile };
  } finally {
    http.close();
    await stack.stop();
  }
};

const ceilingRun = async (ctx: BenchContext, { ops, clients }: { ops: number; clients: number }): Promise<RunResult> => {
  const { client, pids } = ctx.dynamo;
  const table = await createEventsTable(client, freshPrefix('ceiling'));
  const [template] = await eventStoreItems(newCaseIds(1), 1);
  const op = async (caseId: string) => {
    const stream = streamOf(caseId);
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
        Item: { ...template!, stream: { S: stream }, version: { N: '1' } },
        ConditionExpression: 'attribute_not_exists(#v)',
        ExpressionAttributeNames: { '#v': 'version' },
      }),
    );
  };
  try {
    await runPool(newCaseIds(Math.min(200, ops / 4)), clients, op);
    return await measureRun({ dynamodb: pids }, (samples) => runPool(newCaseIds(ops), clients, (id) => timed(samples, () => op(id)).then(() => {})));
  } finally {
    await dropTables(client, [table]);
  }
};

export const runCommandPath = async (ctx: BenchContext) => {
  const commands = ctx.flags.quick ? 400 : 4000;
  const clientCounts = [8, 32];
  const commandRoutes = routes.filter((r) => r.function === 'api-commands').map((r) => `${r.method} ${r.path}`);
  const measured = commandRoutes.length === 1 && commandRoutes[0] === 'POST /applications'
    ? `POST /applications only (the one command route): ${commands} new cases of one event each`
    : `POST /applications (${commands} new cases); command routes now: ${commandRoutes.join(', ')} — extend this scenario to drive them`;
  console.log(`\n[command] ${measured}, ${clientCounts.join(' and ')} clients`);
  const rows: { path: string; clients: number; result: RunResult }[] = [];
  const ratios: { clients: number; commandsOverCeiling: number }[] = [];
  const profiles: { clients: number; pipeline: boolean; profile: ProfileLine[] }[] = [];
  for (const clients of clientCounts) {
    const ceiling = await ceilingRun(ctx, { ops: commands, clients });
    const { result, tables, profile } = await httpRun(ctx, { commands, clients, pipeline: false });
    await dropTables(ctx.dynamo.client, tables);
    if (profile) profiles.push({ clients, pipeline: false, profile });
    rows.push({ path: 'HTTP POST /applications (pipeline paused)', clients, result }, { path: 'ceiling: bare Query + PutItem', clients, result: ceiling });
    ratios.push({ clients, commandsOverCeiling: ratio(result.perSecond, ceiling.perSecond) });
  }
  // Informational: the same commands while the stream poller, publisher, bus and projection run beside them.
  const withPipeline = await httpRun(ctx, { commands: commands / 4, clients: clientCounts[0]!, pipeline: true });
  await dropTables(ctx.dynamo.client, withPipeline.tables);
  if (withPipeline.profile) profiles.push({ clients: clientCounts[0]!, pipeline: true, profile: withPipeline.profile });
  rows.push({ path: 'HTTP POST /applications (pipeline running)', clients: clientCounts[0]!, result: withPipeline.result });

  printTable(
    `2. Command path — ${measured}`,
    ['path', 'clients', 'ops', 'ops/s', 'p50 ms', 'p99 ms', 'bench CPU ms/op', 'stack CPU ms/op', 'DynamoDB CPU ms/op', 'others (cores)'],
    rows.map((r) => [r.path, r.clients, r.result.ops, r.result.perSecond, r.result.latencyMs.p50, r.result.latencyMs.p99, r.result.cpuMsPerOp.bench, r.result.cpuMsPerOp.stack, r.result.cpuMsPerOp.dynamodb, r.result.coresBusy.others]),
  );
  printTable('   ratio', ['clients', 'commands/s ÷ (Query + PutItem)/s'], ratios.map((r) => [r.clients, r.commandsOverCeiling]));
  return { measured, commandRoutes, commands, rows, ratios, ...(profiles.length ? { profiles } : {}) };
};
