// 8. Import: a county's generated year (scripts/import/county-year.ts: ~1,200 cases with ~15,600
// steps and 8,400 consultations; --quick 150 and 600) imported with `npm run import` into a fresh
// local stack running whole (API, stream poller, bus, projections), while a steady trickle of other
// requests (a monthly report read, a consultation recorded) asks whether the API keeps answering.
// Measured: wall time and lines/s of the importer, its peak RSS sampled from outside every 100 ms,
// the trickle's latencies and errors. Then, for the memory goal, the importer on a 100,000-line file
// of the same kind, for a bounded time (it streams its file: its memory must stay flat whatever the
// file's length), its peak RSS and the lines it got through.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCountyYear } from '../../scripts/import/county-year.ts';
import type { BenchContext } from '../lib/context.ts';
import { dropTables, freshPrefix } from '../lib/dynamo.ts';
import { createHttpClient } from '../lib/http-client.ts';
import { processRssBytes } from '../lib/machine.ts';
import { round, summarize } from '../lib/stats.ts';
import { startStackProcess, type StackProcess } from '../lib/stack-process.ts';
import { printTable } from '../lib/table.ts';
import { validBody } from '../../test/support/command-bodies.ts';

const MiB = 1024 * 1024;
const TRICKLE_EVERY_MS = 250;

type MemorySample = {
  seconds: number;
  lines: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
};
type ImporterRun = {
  exitCode: number | null;
  seconds: number;
  peakRssBytes: number;
  summary: string;
  killed: boolean;
  /** DynamoDB requests a line, as the importer counted them (its summary line). */
  requestsPerLine: number | null;
  /** The importer's own memory samples (IMPORT_MEMORY_LOG): the one at its peak RSS, and the last. */
  memory: { atPeak: MemorySample | null; last: MemorySample | null; samples: number };
};

const memorySamples = (file: string): MemorySample[] => {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as MemorySample);
  } catch {
    return [];
  }
};

/** `npm run import` in a child process against the stack's tables, its RSS sampled every 100 ms; killed after `limitSeconds` if given. */
const runImporter = (stack: StackProcess, endpoint: string, masterKey: string, file: string, limitSeconds?: number) =>
  new Promise<ImporterRun>((resolve) => {
    const started = performance.now();
    const memoryLog = `${file}.memory.jsonl`;
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        join(import.meta.dirname, '..', '..', 'scripts', 'import.ts'),
        file,
        '--system',
        'bench-xh',
        '--endpoint',
        endpoint,
        '--table',
        stack.eventsTable,
        '--keys-table',
        stack.keysTable,
        '--master-key',
        masterKey,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, IMPORT_MEMORY_LOG: memoryLog } },
    );
    let out = '';
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, processRssBytes(child.pid!) ?? 0)), 100);
    let killed = false;
    const limit = limitSeconds
      ? setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, limitSeconds * 1000)
      : null;
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (limit) clearTimeout(limit);
      const lines = out.split('\n').filter((l) => /IMPORTED|REJECTED|failed/.test(l));
      const perLine = /\(([\d.]+) a line/.exec(lines.find((l) => l.startsWith('IMPORTED')) ?? '')?.[1];
      const samples = memorySamples(memoryLog);
      const atPeak = samples.reduce<MemorySample | null>((top, m) => (top === null || m.rss > top.rss ? m : top), null);
      resolve({
        requestsPerLine: perLine === undefined ? null : Number(perLine),
        memory: { atPeak, last: samples.at(-1) ?? null, samples: samples.length },
        exitCode: code,
        seconds: (performance.now() - started) / 1000,
        peakRssBytes: peak,
        summary: lines.slice(-4).join(' | ').slice(0, 1000),
        killed,
      });
    });
  });

/** Other requests while the import runs: a report read and a consultation recorded, in turn. */
const trickle = (stack: StackProcess) => {
  const http = createHttpClient(stack.url, 8);
  const reads: number[] = [];
  const commands: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let firstError: string | null = null;
  let n = 0;
  const auditor = { authorization: `Bearer ${stack.tokens['auditor-sun']}` };
  const reviewer = { authorization: `Bearer ${stack.tokens['reviewer-hz-01']}`, 'content-type': 'application/json' };
  const consultation = JSON.stringify(
    validBody('RecordConsultation', { org: 'agency:hz-xihu', agencyId: 'agency:hz-xihu', workerId: 'unused' }),
  );
  const one = async () => {
    const read = n++ % 2 === 0;
    const t0 = performance.now();
    try {
      const res = read
        ? await http.request('GET', '/reports/monthly?agencyId=agency:hz-xihu&month=2018-06', auditor)
        : await http.request('POST', '/consultations', { ...reviewer, 'idempotency-key': randomUUID() }, consultation);
      (read ? reads : commands).push(performance.now() - t0);
      if (res.status >= 500) {
        errors++;
        firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
      } else if (res.status >= 300) non2xx++;
    } catch (error) {
      errors++;
      firstError ??= String(error).slice(0, 300);
    }
  };
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const p = one().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, TRICKLE_EVERY_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      http.close();
      return { everyMs: TRICKLE_EVERY_MS, reads: summarize(reads), commands: summarize(commands), errors, non2xx, firstError };
    },
  };
};

const writeFile = (dir: string, name: string, lines: readonly unknown[]) => {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
};

export const runImport = async (ctx: BenchContext) => {
  const quick = ctx.flags.quick;
  const size = quick ? { cases: 150, consultations: 600 } : { cases: 1200, consultations: 8400 };
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const year = generateCountyYear({ seed: 2018, year: 2018, ...size });
    const file = writeFile(dir, 'year.jsonl', year.lines);
    console.log(
      `\n[import] a generated 2018 county year: ${size.cases} cases, ${size.consultations} consultations, ${year.lines.length} lines`,
    );

    const yearPrefix = freshPrefix('import');
    let stack = await startStackProcess({
      dynamoEndpoint: ctx.dynamo.endpoint,
      tablePrefix: yearPrefix,
      pipeline: true,
      dataDir: join(dir, 'stack'),
    });
    const other = trickle(stack);
    const run = await runImporter(stack, ctx.dynamo.endpoint, join(dir, 'stack', 'master-key'), file);
    const api = await other.stop();
    await stack.stop();
    await dropTables(ctx.dynamo.client, [stack.eventsTable, stack.keysTable, stack.readModelsTable]);
    const yearResult = {
      lines: year.lines.length,
      cases: size.cases,
      consultations: size.consultations,
      exitCode: run.exitCode,
      wallSeconds: round(run.seconds),
      linesPerSecond: round(year.lines.length / run.seconds),
      importerPeakRssMiB: round(run.peakRssBytes / MiB),
      requestsPerLine: run.requestsPerLine,
      importerMemory: run.memory,
      importer: run.summary,
      api,
    };

    // The memory goal: a 100,000-line file; a quick run for 30 s, a full run to its end (bounded at
    // 30 minutes so a stuck import cannot hold the bench).
    const memoryLimitSeconds = quick ? 30 : 1800;
    await ctx.freshDynamo();
    const big = generateCountyYear({ seed: 100_000, year: 2018, cases: 5_000, consultations: 35_000, workers: 60 });
    const bigFile = writeFile(dir, 'big.jsonl', big.lines);
    const bigPrefix = freshPrefix('import-mem');
    stack = await startStackProcess({
      dynamoEndpoint: ctx.dynamo.endpoint,
      tablePrefix: bigPrefix,
      pipeline: false,
      dataDir: join(dir, 'big'),
    });
    const memory = await runImporter(stack, ctx.dynamo.endpoint, join(dir, 'big', 'master-key'), bigFile, memoryLimitSeconds);
    await stack.stop();
    await dropTables(ctx.dynamo.client, [stack.eventsTable, stack.keysTable, stack.readModelsTable]);
    const memoryResult = {
      fileLines: big.lines.length,
      ranSeconds: round(memory.seconds),
      stoppedAtLimit: memory.killed,
      exitCode: memory.exitCode,
      linesPerSecond: memory.killed ? null : round(big.lines.length / memory.seconds),
      linesDone: memory.memory.last?.lines ?? null,
      importerPeakRssMiB: round(memory.peakRssBytes / MiB),
      requestsPerLine: memory.requestsPerLine,
      importerMemory: memory.memory,
      importer: memory.summary,
    };

    printTable(
      'Import of a county year (npm run import, whole local stack running)',
      [
        'lines',
        'wall s',
        'lines/s',
        'requests a line',
        'importer peak RSS MiB',
        'exit',
        'API p50 read ms',
        'API p99 read ms',
        'API p50 cmd ms',
        'API p99 cmd ms',
        'API errors',
      ],
      [
        [
          yearResult.lines,
          yearResult.wallSeconds,
          yearResult.linesPerSecond,
          yearResult.requestsPerLine ?? '-',
          yearResult.importerPeakRssMiB,
          yearResult.exitCode,
          api.reads.p50,
          api.reads.p99,
          api.commands.p50,
          api.commands.p99,
          api.errors,
        ],
      ],
    );
    printTable(
      `Importer memory on a ${memoryResult.fileLines}-line file (stopped after ${memoryLimitSeconds} s if not done)`,
      ['file lines', 'lines done', 'ran s', 'stopped at limit', 'peak RSS MiB', 'heap used at peak MiB', 'requests a line'],
      [
        [
          memoryResult.fileLines,
          memoryResult.linesDone ?? '-',
          memoryResult.ranSeconds,
          memoryResult.stoppedAtLimit,
          memoryResult.importerPeakRssMiB,
          memoryResult.importerMemory.atPeak?.heapUsed ?? '-',
          memoryResult.requestsPerLine ?? '-',
        ],
      ],
    );
    return { mode: quick ? 'quick' : 'full', year: yearResult, memory: memoryResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
