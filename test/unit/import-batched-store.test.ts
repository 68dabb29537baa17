import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../events/envelope.ts';
import { envelopesOf, streamHeadOf, type AppendMeta, type DynamoEventStore } from '../../functions/lib/event-store/event-store.ts';
import { createBatchedStore } from '../../functions/lib/import/batched-store.ts';

// The importer's batched store over a store in memory: lines finishing together are written in one
// call, whole lines to a transaction of at most 100 items; a clash fails only the line its items
// belong to; what was written is read back without asking the store again.

const meta = (key: string): AppendMeta => ({
  actor: { id: 'admin', role: 'administrator', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: key,
  idempotency: { key, requestHash: `h-${key}` },
});
const event = (n = 0) => ({ type: 'Noted', schemaVersion: 1, data: { n } });

const memoryStore = () => {
  const streams = new Map<string, EventEnvelope[]>();
  const writes: EventEnvelope[][] = [];
  const reads: string[] = [];
  let refuse: ((envelopes: readonly EventEnvelope[]) => Error | null) | null = null;
  const base = {
    readStream: async (stream: string) => {
      reads.push(stream);
      return [...(streams.get(stream) ?? [])];
    },
    readPage: async () => ({ events: [], nextFrom: null }),
    last: async (stream: string) => streams.get(stream)?.at(-1) ?? null,
    head: async (stream: string) => streamHeadOf(stream, streams.get(stream) ?? []),
    append: async () => {
      throw new Error('not used');
    },
    appendMany: async () => {
      throw new Error('not used');
    },
    prepareAppend: async (requests: readonly { stream: string; events: readonly never[] }[], heads: readonly never[], m: AppendMeta) =>
      requests.map((r, i) => envelopesOf(r as never, heads[i]!, m, '2026-12-07T00:00:00.000Z')),
    putEnvelopes: async (envelopes: readonly EventEnvelope[]) => {
      const error = refuse?.(envelopes) ?? null;
      if (error) throw error;
      writes.push([...envelopes]);
      for (const e of envelopes) streams.set(e.stream, [...(streams.get(e.stream) ?? []), e]);
    },
  };
  return {
    base: base as unknown as DynamoEventStore,
    streams,
    writes,
    reads,
    refuseWith: (f: typeof refuse) => (refuse = f),
  };
};

/** A line: its appends made within its ticket, then committed. */
const line = async (batched: ReturnType<typeof createBatchedStore>, stream: string, events: number, key: string) => {
  const ticket = batched.newTicket();
  await batched.runLine(ticket, async () => {
    const head = await batched.store.head(stream);
    await batched.store.append(stream, head, Array.from({ length: events }, (_, i) => event(i)) as never, meta(key));
  });
  return batched.commit(ticket);
};

describe('the batched store', () => {
  it('writes the lines that finish together in one call, and reads back what it wrote without the store', async () => {
    const m = memoryStore();
    const batched = createBatchedStore(m.base);
    const results = await Promise.all(['a', 'b', 'c'].map((s) => line(batched, `case#${s}`, 2, `k-${s}`)));
    expect(results).toEqual(['stored', 'stored', 'stored']);
    expect(m.writes.map((w) => w.length)).toEqual([6]);
    const readsBefore = m.reads.length;
    expect((await batched.store.readStream('case#a')).map((e) => e.version)).toEqual([1, 2]);
    expect(m.reads.length).toBe(readsBefore);
    expect(await line(batched, 'case#a', 1, 'k-a2')).toBe('stored');
    expect(m.streams.get('case#a')!.map((e) => [e.version, e.idempotencyKey])).toEqual([
      [1, 'k-a'],
      [2, 'k-a'],
      [3, 'k-a2'],
    ]);
  });

  it('keeps a transaction to 100 items of whole lines', async () => {
    const m = memoryStore();
    const batched = createBatchedStore(m.base, { maxItemsPerWrite: 100 });
    await Promise.all(Array.from({ length: 7 }, (_, i) => line(batched, `case#${i}`, 30, `k-${i}`)));
    expect(m.writes.map((w) => w.length)).toEqual([90, 90, 30]);
    for (const w of m.writes) expect(w.length % 30).toBe(0);
  });

  it('keeps a transaction to fewer items when asked, a line longer than that alone', async () => {
    const m = memoryStore();
    const batched = createBatchedStore(m.base, { maxItemsPerWrite: 25 });
    await Promise.all([10, 10, 10, 40, 5].map((n, i) => line(batched, `case#${i}`, n, `k-${i}`)));
    expect(m.writes.map((w) => w.length)).toEqual([20, 10, 40, 5]);
  });

  it('answers a clash for the line whose item failed alone, and writes the others', async () => {
    const m = memoryStore();
    const batched = createBatchedStore(m.base);
    let refused = false;
    m.refuseWith((envelopes) => {
      const at = envelopes.findIndex((e) => e.stream === 'case#b');
      if (refused || at < 0) return null;
      refused = true;
      return new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: envelopes.map((_, i) => ({ Code: i === at ? 'ConditionalCheckFailed' : 'None' })),
      });
    });
    const results = await Promise.all(['a', 'b', 'c'].map((s) => line(batched, `case#${s}`, 1, `k-${s}`)));
    expect(results).toEqual(['stored', 'clashed', 'stored']);
    expect([...m.streams.keys()].sort()).toEqual(['case#a', 'case#c']);
    // What the clashed line appended is forgotten: its stream is read from the store again.
    const readsBefore = m.reads.length;
    expect(await batched.store.readStream('case#b')).toEqual([]);
    expect(m.reads.length).toBe(readsBefore + 1);
  });

  it('fails every line of a write the store refuses for another reason', async () => {
    const m = memoryStore();
    const batched = createBatchedStore(m.base);
    m.refuseWith(() => new Error('the store is unreachable'));
    await expect(line(batched, 'case#a', 1, 'k-a')).rejects.toThrow('unreachable');
  });
});
