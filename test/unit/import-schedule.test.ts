import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInRecordOrder } from '../../functions/lib/import/schedule.ts';

// The scheduler against any file order, any run times and any rejections: each record's (and shared
// stream's) lines run one at a time in file order, a line naming a record runs after that record's
// lines above it, never more than `concurrency` run at once, never more than maxQueued + concurrency
// lines are read and not yet yielded, and every line comes out once, run or skipped.

type Line = { index: number; record: string; ticks: number; stops: boolean; readTicks: number; shared: string[]; refs: string[] };
type Outcome = { index: number; record: string; kind: 'ran' | 'skipped'; stops: boolean };

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await tick();
};

/** What must come out, worked out from the lines alone: a record's lines run up to and including the first that stops it. */
const expectedKinds = (lines: Line[]) => {
  const stoppedRecords = new Set<string>();
  return lines.map((line) => {
    if (stoppedRecords.has(line.record)) return 'skipped';
    if (line.stops) stoppedRecords.add(line.record);
    return 'ran';
  });
};

const harness = (lines: Line[], concurrency: number, maxQueued: number) => {
  const seen = { pulled: 0, yielded: 0, maxHeld: 0, running: 0, maxRunning: 0, overlaps: 0, earlyReferences: 0 };
  const runningKeys = new Set<string>();
  const startedByKey = new Map<string, number[]>();
  const ranAndDone = new Set<number>();
  const kinds = expectedKinds(lines);
  async function* source() {
    for (const line of lines) {
      await ticks(line.readTicks);
      seen.pulled += 1;
      seen.maxHeld = Math.max(seen.maxHeld, seen.pulled - seen.yielded);
      yield line;
    }
  }
  const run = async (line: Line): Promise<Outcome> => {
    const holds = [line.record, ...line.shared];
    for (const key of holds) {
      if (runningKeys.has(key)) seen.overlaps += 1;
      runningKeys.add(key);
      startedByKey.set(key, [...(startedByKey.get(key) ?? []), line.index]);
    }
    const needed = lines.filter((l) => l.index < line.index && line.refs.includes(l.record) && kinds[l.index] === 'ran');
    if (needed.some((l) => !ranAndDone.has(l.index))) seen.earlyReferences += 1;
    seen.running += 1;
    seen.maxRunning = Math.max(seen.maxRunning, seen.running);
    await ticks(line.ticks);
    seen.running -= 1;
    for (const key of holds) runningKeys.delete(key);
    ranAndDone.add(line.index);
    return { index: line.index, record: line.record, kind: 'ran', stops: line.stops };
  };
  const outcomes = runInRecordOrder(source(), (l) => l.record, run, {
    concurrency,
    maxQueued,
    stopsRecord: (o) => o.kind === 'ran' && o.stops,
    skipped: (l): Outcome => ({ index: l.index, record: l.record, kind: 'skipped', stops: false }),
    sharedKeysOf: (l) => l.shared,
    referencesOf: (l) => l.refs,
  });
  const drain = async () => {
    const out: Outcome[] = [];
    for await (const o of outcomes) {
      seen.yielded += 1;
      out.push(o);
    }
    return out;
  };
  return { seen, startedByKey, drain };
};

const lineArb = fc.record({
  record: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
  ticks: fc.integer({ min: 0, max: 3 }),
  // About one line in six rejects its record.
  stops: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  readTicks: fc.integer({ min: 0, max: 2 }),
  shared: fc.subarray(['#notice-counter', '#fund']),
  refs: fc.subarray(['A', 'B', 'C', 'D', 'E'], { maxLength: 2 }),
});

describe('runInRecordOrder', () => {
  it('keeps each record in file order, stays within concurrency and maxQueued, and yields every line once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        async (drawn, concurrency, maxQueued) => {
          const lines = drawn.map((l, index) => ({ ...l, index }));
          const { seen, startedByKey, drain } = harness(lines, concurrency, maxQueued);
          const out = await drain();

          expect(out.map((o) => o.index).sort((a, b) => a - b)).toEqual(lines.map((l) => l.index));
          const kinds = expectedKinds(lines);
          for (const o of out) expect(o.kind).toBe(kinds[o.index]);
          for (const record of new Set(lines.map((l) => l.record))) {
            const inFile = lines.filter((l) => l.record === record).map((l) => l.index);
            expect(out.filter((o) => o.record === record).map((o) => o.index)).toEqual(inFile);
            expect(startedByKey.get(record) ?? []).toEqual(inFile.filter((i) => kinds[i] === 'ran'));
          }
          for (const key of ['#notice-counter', '#fund'])
            expect(startedByKey.get(key) ?? []).toEqual(
              lines.filter((l) => l.shared.includes(key) && kinds[l.index] === 'ran').map((l) => l.index),
            );
          expect(seen.earlyReferences).toBe(0);
          expect(seen.overlaps).toBe(0);
          expect(seen.maxRunning).toBeLessThanOrEqual(concurrency);
          expect(seen.maxHeld).toBeLessThanOrEqual(maxQueued + concurrency);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('runs lines of different records at the same time', async () => {
    const lines = ['A', 'B', 'C', 'D'].map((record, index) => ({
      index,
      record,
      ticks: 5,
      stops: false,
      readTicks: 0,
      shared: [],
      refs: [],
    }));
    const { seen, drain } = harness(lines, 3, 4);
    await drain();
    expect(seen.maxRunning).toBe(3);
  });

  it('stops reading while maxQueued lines wait, and reads on as they run', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 10; i++) {
        pulled += 1;
        yield i;
      }
    }
    const outcomes = runInRecordOrder(
      source(),
      () => 'one record',
      async (i) => (await gate, i),
      { concurrency: 2, maxQueued: 2 },
    );
    const first = outcomes.next();
    await ticks(10);
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThanOrEqual(3);
    release();
    const rest: number[] = [(await first).value as number];
    for await (const i of outcomes) rest.push(i);
    expect(rest).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('throws what a run throws, and what reading throws', async () => {
    async function* lines() {
      yield 1;
      yield 2;
    }
    const failing = runInRecordOrder(
      lines(),
      String,
      async (n) => {
        if (n === 2) throw new Error('run failed');
        return n;
      },
      { concurrency: 2, maxQueued: 2 },
    );
    await expect(
      (async () => {
        for await (const _ of failing);
      })(),
    ).rejects.toThrow('run failed');

    async function* unreadable() {
      yield 1;
      throw new Error('read failed');
    }
    const reading = runInRecordOrder(unreadable(), String, async (n) => n, { concurrency: 1, maxQueued: 1 });
    await expect(
      (async () => {
        for await (const _ of reading);
      })(),
    ).rejects.toThrow('read failed');
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* lines() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const n of runInRecordOrder(lines(), String, async (i) => i, { concurrency: 2, maxQueued: 4 })) if (n >= 3) break;
    expect(closed).toBe(true);
  });

  it('refuses a stopsRecord without skipped, and a concurrency below 1', async () => {
    const none = (async function* () {})();
    await expect(
      runInRecordOrder(none, String, async () => true, { concurrency: 1, maxQueued: 1, stopsRecord: () => true }).next(),
    ).rejects.toThrow(RangeError);
    await expect(runInRecordOrder(none, String, async () => true, { concurrency: 0, maxQueued: 1 }).next()).rejects.toThrow(RangeError);
  });
});
