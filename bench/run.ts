// `npm run bench [-- --quick] [-- --only append,load]`: starts its own DynamoDB Local, runs the
// scenarios under bench/scenarios/ one after another, prints a table for each and the goals, and
// writes every figure with the machine's description to bench/results.json. Never part of `npm test`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoClient, startDynamoDbLocal, type DynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { freePort } from '../infra/local/ports.ts';
import { parseFlags, scenarioNames, type BenchContext, type ScenarioName } from './lib/context.ts';
import { dropCreatedTables } from './lib/dynamo.ts';
import { evaluateGoals, printGoals } from './lib/goals.ts';
import { childPidsNamed, describeMachine, loadAverage } from './lib/machine.ts';
import { warmUpDynamo } from './lib/warm-up.ts';
import { runAppend } from './scenarios/append.ts';
import { runCommandPath } from './scenarios/command-path.ts';
import { runImport } from './scenarios/import.ts';
import { runColdStart } from './scenarios/cold-start.ts';
import { runLoad } from './scenarios/load.ts';
import { runMemory } from './scenarios/memory.ts';
import { runProjectionLag } from './scenarios/projection-lag.ts';
import { runRebuild } from './scenarios/rebuild.ts';
import { runReports } from './scenarios/reports.ts';

const scenarios: Record<ScenarioName, (ctx: BenchContext) => Promise<unknown>> = {
  append: runAppend,
  command: runCommandPath,
  load: runLoad,
  lag: runProjectionLag,
  rebuild: runRebuild,
  'cold-start': runColdStart,
  memory: runMemory,
  import: runImport,
  reports: runReports,
};

/** Which code was measured: the commit, and how many files differed from it (others edit the tree too). */
const codeVersion = () => {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, {
        cwd: join(import.meta.dirname, '..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    changedFiles: git('status', '--porcelain').split('\n').filter(Boolean).length,
  };
};

const main = async () => {
  const flags = parseFlags(process.argv.slice(2));
  const selected = flags.only ?? [...scenarioNames];
  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  const loadBefore = loadAverage();
  console.log(`bench: ${flags.quick ? 'quick' : 'full'} run of ${selected.join(', ')}`);
  console.log(
    `machine: ${machine.nproc} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.dynamoDbLocalNpm} (DynamoDB Local ${machine.dynamoDbLocal}); load average ${loadBefore.join(' ')}`,
  );

  let dynamo: DynamoDbLocal | null = null;
  let client: DynamoDBClient | null = null;
  let starts = 0;
  const stopDynamo = async () => {
    await dropCreatedTables();
    client?.destroy();
    await dynamo?.stop();
    dynamo = null;
    client = null;
  };
  const ctx: BenchContext = {
    flags,
    dynamo: { endpoint: '', client: null as unknown as DynamoDBClient, pids: [] },
    results: {},
    freshDynamo: async () => {
      await stopDynamo();
      const before = new Set(childPidsNamed('java'));
      dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir: null });
      client = localDynamoClient(dynamo.endpoint);
      ctx.dynamo = { endpoint: dynamo.endpoint, client, pids: childPidsNamed('java').filter((p) => !before.has(p)) };
      const warm = await warmUpDynamo(ctx);
      if (starts++ === 0)
        console.log(
          `DynamoDB Local started and warmed up (${warm.toFixed(1)} s); a fresh instance is started for each measurement that writes to a stream-enabled table`,
        );
    },
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping DynamoDB Local`);
    void stopDynamo().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const wall = performance.now();
  try {
    for (const name of selected) {
      const t0 = performance.now();
      try {
        // append, command and lag start a fresh instance for each of their measurements themselves.
        const ownInstances = name === 'append' || name === 'command' || name === 'lag';
        if (name !== 'cold-start' && !(name === 'memory' && ctx.results.lag) && (!ownInstances || !dynamo)) await ctx.freshDynamo();
        ctx.results[name] = await scenarios[name](ctx);
      } catch (error) {
        // Others edit the tree while the bench runs: one scenario failing must not lose the others.
        console.error(`\n[${name}] FAILED: ${(error as Error).stack ?? String(error)}`);
        ctx.results[name] = { error: (error as Error).message };
      }
      console.log(`   (${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await stopDynamo();
  }
  const loadAfter = loadAverage();
  const goals = evaluateGoals(ctx.results);
  printGoals(goals);
  const out = flags.out ? resolve(flags.out) : join(import.meta.dirname, resultsFileOf(flags));
  const report = {
    startedAt,
    seconds: Math.round((performance.now() - wall) / 100) / 10,
    mode: flags.quick ? 'quick' : 'full',
    flags,
    machine: { ...machine, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
    code: codeVersion(),
    goals,
    scenarios: ctx.results,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nload average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}; wrote ${out}`);
};

/** Where a run's figures go: the import scenario alone has a file of its own (bench/README.md section 8). */
function resultsFileOf(flags: { quick?: boolean; only?: readonly string[] | null }): string {
  if (flags.only?.length === 1 && flags.only[0] === 'import') return flags.quick ? 'results-import-quick.json' : 'results-import.json';
  return flags.quick ? 'results-quick.json' : flags.only ? 'results-partial.json' : 'results.json';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
