import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { EventEnvelope } from '../../events/envelope.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import { openValue, parseSealed } from '../../functions/lib/privacy/sealed-value.ts';
import { localKeyStore } from '../../infra/local/local-keys.ts';
import type { Line } from './import-file.ts';
import { startTestStack } from './local-stack.ts';

// `npm run import` as an operator runs it, as a child process against a test stack of its own (its
// tables, its master key file), and the store it leaves, for the CLI's e2e tests.

export type Stack = Awaited<ReturnType<typeof startTestStack>>;
const dirs: string[] = [];
const stacks: Stack[] = [];

/** Stops the stacks started and removes the directories made. */
export const cleanUp = async () => {
  for (const s of stacks.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
};
export const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'import-cli-'));
  dirs.push(d);
  return d;
};
export const stackWithKeyFile = async (label: string) => {
  const dataDir = tmp();
  const stack = await startTestStack(label, { dataDir });
  stacks.push(stack);
  return { ...stack, masterKey: join(dataDir, 'master-key') };
};

export const writeLines = (lines: readonly Line[]) => {
  const file = join(tmp(), 'import.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
};

/** The CLI against a stack, as a child process: its exit code or signal, and what it printed. */
export const importCli = (
  stack: Awaited<ReturnType<typeof stackWithKeyFile>>,
  file: string,
  extra: string[] = [],
  { system = 'xh-legacy', batch = 'cli-test' }: { system?: string; batch?: string } = {},
) => {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'scripts/import.ts',
      file,
      '--system',
      system,
      '--batch',
      batch,
      '--endpoint',
      stack.dynamoEndpoint,
      '--table',
      stack.eventsTable,
      '--keys-table',
      stack.keysTable,
      '--master-key',
      stack.masterKey,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
};

export const imported = async (stack: Stack): Promise<EventEnvelope[]> => {
  const items: EventEnvelope[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await stack.client.send(new ScanCommand({ TableName: stack.eventsTable, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map(fromItem));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items.filter((e) => e.provenance).sort((a, b) => a.stream.localeCompare(b.stream) || a.version - b.version);
};

/**
 * The envelopes as two stores can agree on them: without what each write makes anew (event id, the
 * time of recording and the hashes that cover it, the request hash under each stack's own secret),
 * and with sealed values opened, since each stack seals under keys of its own.
 */
export const comparable = async (stack: Awaited<ReturnType<typeof stackWithKeyFile>>, events: EventEnvelope[]) => {
  const keys = await localKeyStore(stack.client, stack.keysTable, stack.masterKey);
  const open = async (v: unknown): Promise<unknown> => {
    const token = typeof v === 'string' ? parseSealed(v) : null;
    if (token) {
      const key = (await keys.dataKeys([token.keyId])).get(token.keyId);
      return Buffer.isBuffer(key) ? openValue(key, token) : `[${String(key)}]`;
    }
    if (Array.isArray(v)) return Promise.all(v.map(open));
    if (v && typeof v === 'object')
      return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await open(x)])));
    return v;
  };
  return Promise.all(
    events.map(async ({ eventId: _e, recordedAt: _r, hash: _h, prevHash: _p, requestHash: _q, data, ...rest }) => ({
      ...rest,
      data: await open(data),
    })),
  );
};
