import { randomBytes } from 'node:crypto';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { importBatch } from '../../functions/api/imports/import-batch.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { requestHashKey } from '../../functions/lib/privacy/request-hash-key.ts';
import { openValue, parseSealed } from '../../functions/lib/privacy/sealed-value.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { createRegistrySource } from '../../functions/lib/registry/registry-source.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { testTables } from '../support/dynamo.ts';
import { caseLines, consultationLine, numbered, smallImport } from '../support/import-file.ts';

// The importer's batched appends against its line-by-line path (the API's, one write per line): the
// same file, each way into tables of its own, must store the very same events (but for what every
// write makes anew: ids, recording times, hashes, request hashes under each table set's secret; with
// sealed values opened under each one's keys) and give the same outcomes. The DynamoDB requests each
// way sends are counted by a middleware on its client, and printed for the bench's README.

const NOW = Date.parse('2026-11-02T10:00:00+08:00');
const batch = { system: 'xh-legacy', batch: 'batched-1', importedBy: 'admin-zhou' };

/** Requests by command name, counted from when `counting` is set. */
const countRequests = (client: DynamoDBClient) => {
  const counts = new Map<string, number>();
  const state = { counting: false };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (state.counting) counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { counts, state };
};

const fresh = async (label: string) => {
  const t = await testTables(label);
  const counter = countRequests(t.client);
  const keys = createKeyStore({ client: t.client, tableName: t.keysTableName, wrapper: localKeyWrapper(randomBytes(32)) });
  const store = createEventStore({
    client: t.client,
    tableName: t.eventsTableName,
    sealer: createPersonalSealer({ keys, catalogue }),
    clock: () => new Date(NOW),
  });
  await loadSeed(store);
  const deps = { store, clock: () => new Date(NOW), registry: createRegistrySource(store), keys, requestHashKey: requestHashKey(keys) };
  return { t, keys, deps, counter };
};

const importedEvents = async (client: DynamoDBClient, tableName: string) => {
  const items: EventEnvelope[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map(fromItem));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items.filter((e) => e.provenance).sort((a, b) => a.stream.localeCompare(b.stream) || a.version - b.version);
};

const comparable = async (keys: KeyStore, events: EventEnvelope[]) => {
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

/** The small file with a forbidden record, 30 more cases (a third with printed notices, a fifth paid) and 20 consultations. */
const fileLines = () => {
  const small = smallImport({ forbidden: true });
  const cases = Array.from({ length: 30 }, (_, i) =>
    caseLines(`C2018-2${String(i).padStart(3, '0')}`, 1 + (i % 11), {
      worker: i % 2 ? 'W-2' : 'W-1',
      paid: i % 5 === 0,
      ...(i % 3 === 0 ? { notice: `(2018)杭西援指字第${String(200 + i).padStart(4, '0')}号` } : {}),
    }),
  ).flat();
  const consultations = Array.from({ length: 20 }, (_, i) => consultationLine(`Z2018-2${String(i).padStart(3, '0')}`, 1 + (i % 11), 11));
  return numbered([...small, ...cases, ...consultations]);
};

const perLine = (counts: Map<string, number>, lines: number) =>
  Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => [name, Math.round((n / lines) * 100) / 100]));
const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

describe('batched appends against line by line', () => {
  it('store the same events with the same outcomes, in fewer requests', async () => {
    const lines = fileLines();
    const batched = await fresh('import-batched');
    const single = await fresh('import-single');

    batched.counter.state.counting = true;
    const a = await importBatch(batched.deps, batch, lines, { concurrency: 16 });
    batched.counter.state.counting = false;
    single.counter.state.counting = true;
    const b = await importBatch(single.deps, batch, lines, { concurrency: 16, lineByLine: true });
    single.counter.state.counting = false;

    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.summary.rejected).toBe(1);
    expect(a.summary.skipped).toBeGreaterThan(0);
    const stored = await importedEvents(batched.t.client, batched.t.eventsTableName);
    expect(stored.length).toBeGreaterThan(lines.length / 2);
    expect(await comparable(batched.keys, stored)).toEqual(
      await comparable(single.keys, await importedEvents(single.t.client, single.t.eventsTableName)),
    );

    console.warn(
      `requests per line over ${lines.length} lines: batched ${(total(batched.counter.counts) / lines.length).toFixed(2)} ${JSON.stringify(perLine(batched.counter.counts, lines.length))}; line by line ${(total(single.counter.counts) / lines.length).toFixed(2)} ${JSON.stringify(perLine(single.counter.counts, lines.length))}`,
    );
    expect(total(batched.counter.counts)).toBeLessThan(total(single.counter.counts));
  }, 180_000);

  it('a re-run of a batched import replays every line and stores nothing more', async () => {
    const lines = fileLines();
    const { t, deps } = await fresh('import-batched-rerun');
    const first = await importBatch(deps, batch, lines, { concurrency: 16 });
    const before = await importedEvents(t.client, t.eventsTableName);
    const again = await importBatch(deps, { ...batch, batch: 'batched-2' }, lines, { concurrency: 16 });
    expect(await importedEvents(t.client, t.eventsTableName)).toEqual(before);
    expect(again.summary).toEqual({ ...first.summary, accepted: 0, replayed: first.summary.accepted });
  }, 180_000);
});
