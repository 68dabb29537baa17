// What every scenario is handed: the flags, the bench's one DynamoDB Local and a client for it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const scenarioNames = ['append', 'command', 'load', 'lag', 'rebuild', 'cold-start', 'memory', 'import', 'reports'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export type Flags = {
  quick: boolean;
  only: ScenarioName[] | null;
  /** Rounds of each append / command / load measurement; the median round is reported. */
  rounds: number;
  /** Projection lag: how long the steady load runs, and at what rate. */
  lagSeconds: number;
  rate: number;
  /** Rebuild: how many events the table holds. */
  rebuildEvents: number;
  /** Cold start: fresh processes per bundle. */
  coldStarts: number;
  /** Write a CPU profile of the local stack child in the command and lag scenarios (to the OS temp dir) and print its top functions. */
  profile: boolean;
  out: string | null;
};

export type BenchContext = {
  flags: Flags;
  dynamo: { endpoint: string; client: DynamoDBClient /** the JVM of DynamoDB Local, for its CPU time */; pids: number[] };
  /**
   * Replaces DynamoDB Local with a fresh, warmed-up instance (and `dynamo` with its endpoint and
   * client). DynamoDB Local writes to a table with a stream more slowly the more stream records the
   * instance has ever taken, dropped tables included (bench/README.md): every measurement that writes
   * to a stream-enabled table starts on a fresh instance, so none pays for the ones before it.
   */
  freshDynamo: () => Promise<void>;
  /** Results of scenarios that already ran in this invocation (memory reads lag's). */
  results: Partial<Record<ScenarioName, unknown>>;
};

const usage = `usage: npm run bench -- [--quick] [--only ${scenarioNames.join('|')}[,...]] [--rounds N] [--lag-seconds N] [--rate N] [--rebuild-events N] [--cold-starts N] [--profile] [--out FILE]`;

export const parseFlags = (argv: readonly string[]): Flags => {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i === -1) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value\n${usage}`);
    return v;
  };
  const number = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a positive number, not ${v}\n${usage}`);
    return n;
  };
  const known = new Set([
    '--quick',
    '--only',
    '--rounds',
    '--lag-seconds',
    '--rate',
    '--rebuild-events',
    '--cold-starts',
    '--profile',
    '--out',
    '--help',
  ]);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown flag ${a}\n${usage}`);
  if (argv.includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  const onlyRaw = value('--only');
  const only = onlyRaw ? onlyRaw.split(',').map((s) => s.trim()) : null;
  for (const o of only ?? []) if (!(scenarioNames as readonly string[]).includes(o)) throw new Error(`no scenario ${o}\n${usage}`);
  return {
    quick,
    only: only as ScenarioName[] | null,
    rounds: number('--rounds', 1),
    lagSeconds: number('--lag-seconds', quick ? 8 : 60),
    rate: number('--rate', 50),
    rebuildEvents: number('--rebuild-events', quick ? 10_000 : 100_000),
    coldStarts: number('--cold-starts', quick ? 3 : 10),
    profile: argv.includes('--profile'),
    out: value('--out') ?? null,
  };
};
