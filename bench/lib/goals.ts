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
