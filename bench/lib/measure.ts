// One measured run: wall time, every operation's latency, and the CPU each process spent on it.
import { cpuMeter } from './machine.ts';
import { round, summarize, type LatencySummary } from './stats.ts';

export type RunResult = {
  ops: number;
  seconds: number;
  perSecond: number;
  latencyMs: LatencySummary;
  /** CPU milliseconds per operation, by process: `bench` (this process: client code), `dynamodb` (the JVM), `stack` (the local stack child). */
  cpuMsPerOp: Record<string, number>;
  /** Share of the machine's cores busy during the run, by process (1 = one core). */
  coresBusy: Record<string, number>;
};

/** Times one operation into `samples` (milliseconds). */
export const timed = async <T>(samples: number[], op: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const out = await op();
  samples.push(performance.now() - t0);
  return out;
};

export const measureRun = async (
  groups: Record<string, readonly number[]>,
  body: (samples: number[]) => Promise<void>,
): Promise<RunResult> => {
  const samples: number[] = [];
  const stopCpu = cpuMeter(groups);
  const t0 = performance.now();
  await body(samples);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = stopCpu();
  const ops = samples.length;
  return {
    ops,
    seconds: round(seconds, 3),
    perSecond: round(ops / seconds, 1),
    latencyMs: summarize(samples),
    cpuMsPerOp: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round((v * 1000) / Math.max(1, ops), 3)])),
    coresBusy: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v / seconds, 2)])),
  };
};
