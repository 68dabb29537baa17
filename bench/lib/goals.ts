// The goals, checked against what this run measured. A goal whose scenario did not run is
// reported as not measured; the benchmark reports honestly whether or not a goal is met.
import { printTable } from './table.ts';

export type Goal = { goal: string; target: string; measured: number | null; met: boolean | null };

type AnyResult = Record<string, unknown> | undefined;
const BUNDLE_LIMIT_BYTES = 300 * 1024;

export const evaluateGoals = (results: Record<string, unknown>): Goal[] => {
  const goals: Goal[] = [];
  const add = (goal: string, target: string, measured: number | null | undefined, ok: (v: number) => boolean) => {
    const m = measured === undefined || measured === null || !Number.isFinite(measured) ? null : measured;
    goals.push({ goal, target, measured: m, met: m === null ? null : ok(m) });
  };
  const append = results.append as AnyResult & { ratios?: { writers: number; storeOverCastore: number; storeOverBarePut: number }[] };
  for (const r of append?.ratios ?? []) {
    add(`append, ${r.writers} writers: event store ÷ Castore`, '≥ 1.0', r.storeOverCastore, (v) => v >= 1.0);
    add(`append, ${r.writers} writers: event store ÷ bare PutItem`, '≥ 0.9', r.storeOverBarePut, (v) => v >= 0.9);
  }
  const load = results.load as AnyResult & { ratios?: { readers: number; loadOverBareQuery: number }[] };
  for (const r of load?.ratios ?? [])
    add(`load, ${r.readers} readers: load+fold ÷ bare Query`, '≥ 0.9', r.loadOverBareQuery, (v) => v >= 0.9);
  const command = results.command as AnyResult & { ratios?: { clients: number; commandsOverCeiling: number }[] };
  for (const r of command?.ratios ?? [])
    add(`command path, ${r.clients} clients: commands ÷ (Query + PutItem)`, '≥ 0.7', r.commandsOverCeiling, (v) => v >= 0.7);
  const lag = results.lag as AnyResult & { lagMs?: Record<string, { p99: number }>; targetRate?: number };
  for (const [model, l] of Object.entries(lag?.lagMs ?? {}))
    add(`projection lag p99 at ${lag!.targetRate}/s (${model}), ms`, '≤ 1000', l.p99, (v) => v <= 1000);
  const rebuild = results.rebuild as AnyResult & { projections?: { projection: string; overBareScan: number }[] };
  for (const p of rebuild?.projections ?? [])
    add(`rebuild ${p.projection}: ÷ bare parallel Scan`, '≥ 0.5', p.overBareScan, (v) => v >= 0.5);
  const cold = results['cold-start'] as AnyResult & { bundles?: { id: string; bytes: number; initMsMedian: number }[] };
  for (const b of cold?.bundles ?? []) {
    add(`bundle ${b.id}: bytes`, `≤ ${BUNDLE_LIMIT_BYTES.toLocaleString('en-US')} (300 KiB)`, b.bytes, (v) => v <= BUNDLE_LIMIT_BYTES);
    add(`bundle ${b.id}: init ms (median)`, '≤ 100', b.initMsMedian, (v) => v <= 100);
  }
  const imported = results.import as
    | (AnyResult & {
        mode?: string;
        year?: { wallSeconds: number; lines: number; exitCode: number | null; api: { errors: number } };
        memory?: { importerPeakRssMiB: number; fileLines: number };
      })
    | undefined;
  if (imported?.year) {
    // The 2-minute goal is for the full year; a quick run's smaller file is reported, not judged.
    if (imported.mode === 'full')
      add(`import of a county year (${imported.year.lines} lines), wall s`, '≤ 120', imported.year.wallSeconds, (v) => v <= 120);
    add('import: every line accepted (importer exit code)', '0', imported.year.exitCode, (v) => v === 0);
    add('API errors (5xx or no answer) during the import', '0', imported.year.api.errors, (v) => v === 0);
  }
  if (imported?.memory)
    add(`importer peak RSS on a ${imported.memory.fileLines}-line file, MiB`, '≤ 300', imported.memory.importerPeakRssMiB, (v) => v <= 300);
  const reports = results.reports as
    | (AnyResult & {
        sizes?: { cases: number; agency: { p50: number }; province: { p50: number } }[];
        flatness?: { agencyLargestOverSmallest: number; provinceLargestOverSmallest: number };
        writes?: { transactionsPerEvent: number; writeRequestsPerEvent?: number };
      })
    | undefined;
  for (const r of reports?.sizes ?? []) {
    add(`reports: agency annual report at ${r.cases} cases, p50 ms`, '≤ 200', r.agency.p50, (v) => v <= 200);
    add(`reports: province annual report at ${r.cases} cases, p50 ms`, '≤ 200', r.province.p50, (v) => v <= 200);
  }
  if (reports?.flatness) {
    add('reports: agency p50, largest ÷ smallest size', '≤ 1.5', reports.flatness.agencyLargestOverSmallest, (v) => v <= 1.5);
    add('reports: province p50, largest ÷ smallest size', '≤ 1.5', reports.flatness.provinceLargestOverSmallest, (v) => v <= 1.5);
  }
  if (reports?.writes)
    add(
      'reports: write requests (transaction or put) the counters add per event',
      '≤ 1',
      reports.writes.writeRequestsPerEvent ?? reports.writes.transactionsPerEvent,
      (v) => v <= 1,
    );
  return goals;
};

export const printGoals = (goals: readonly Goal[]) => {
  if (goals.length === 0) return;
  printTable(
    'Goals',
    ['goal', 'target', 'measured', 'met'],
    goals.map((g) => [g.goal, g.target, g.measured, g.met]),
  );
};
