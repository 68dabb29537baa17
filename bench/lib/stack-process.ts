// Starts the local stack (bench/lib/stack-child.ts) in a child Node process on the bench's DynamoDB
// Local, samples its resident memory from outside every 100 ms, and stops it.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processRssBytes } from './machine.ts';
import { topFunctions, type ProfileLine } from './profile.ts';
import type { ChildOptions, ChildReady, ChildStopped } from './stack-child.ts';

export type StackProcess = ChildReady & {
  pid: number;
  /** CPU profile of the window between the two calls: self time by package (null unless profiling was asked for). */
  profileStart: () => Promise<void>;
  profileStop: () => Promise<ProfileLine[] | null>;
  /** Resets the peak so a later phase (the steady load) is measured alone. */
  resetPeak: () => void;
  rss: () => { peakBytes: number; samples: number; lastBytes: number };
  stop: () => Promise<ChildStopped>;
};

export const startStackProcess = async (options: ChildOptions & { profile?: boolean }): Promise<StackProcess> => {
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'bench-profile-')) : null;
  const profileFile = profileDir ? join(profileDir, 'window.cpuprofile') : null;
  const child = fork(
    join(import.meta.dirname, 'stack-child.ts'),
    [
      JSON.stringify({
        dynamoEndpoint: options.dynamoEndpoint,
        tablePrefix: options.tablePrefix,
        pipeline: options.pipeline,
        dataDir: options.dataDir,
      }),
    ],
    {
      execArgv: ['--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  let shown = 0;
  const keep = (d: Buffer) => {
    const text = d.toString();
    output = (output + text).slice(-4000);
    // The stack logs at ERROR only: show the first few, a 500 in the results should say why.
    for (const line of text.split('\n'))
      if (line.includes('"ERROR"') && shown++ < 3) console.warn(`   local stack: ${line.slice(0, 1500)}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the local stack process exited (code ${code}): ${output.trim()}`))),
  );
  exited.catch(() => {});
  const ready = await Promise.race([
    new Promise<ChildReady>((resolve) => child.on('message', (m: { type: string }) => m.type === 'ready' && resolve(m as ChildReady))),
    exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`the local stack did not start in 60 s: ${output}`)), 60_000).unref(),
    ),
  ]);
  const pid = child.pid!;
  let peak = 0;
  let samples = 0;
  let last = 0;
  const sample = () => {
    const rss = processRssBytes(pid);
    if (rss === null) return;
    last = rss;
    peak = Math.max(peak, rss);
    samples++;
  };
  sample();
  const sampler = setInterval(sample, 100);
  const reply = (type: string) =>
    new Promise<void>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve();
      };
      child.on('message', on);
    });
  return {
    ...ready,
    pid,
    profileStart: async () => {
      if (!profileFile) return;
      const started = reply('profile-started');
      child.send({ type: 'profile-start' });
      await started;
    },
    profileStop: async () => {
      if (!profileFile) return null;
      const stopped = reply('profile-stopped');
      child.send({ type: 'profile-stop', file: profileFile });
      await stopped;
      const lines = topFunctions(profileFile);
      rmSync(profileDir!, { recursive: true, force: true });
      return lines;
    },
    resetPeak: () => {
      peak = 0;
      samples = 0;
    },
    rss: () => ({ peakBytes: peak, samples, lastBytes: last }),
    stop: async () => {
      clearInterval(sampler);
      const stopped = new Promise<ChildStopped>((resolve) =>
        child.on('message', (m: { type: string }) => m.type === 'stopped' && resolve(m as ChildStopped)),
      );
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const result = await Promise.race([
        stopped,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the local stack did not stop: ${output}`)), 30_000).unref()),
      ]);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
      return result;
    },
  };
};
