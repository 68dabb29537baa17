// Runs an import's lines: the lines of one record one after another in file order (each command
// acts on the state the one before left), the lines of different records at the same time, up to
// `concurrency`. A line may also hold streams several records share (an agency's notice counter, a
// fund), whose lines then run in file order too, and may name other records it needs (`@record:`),
// which makes it wait for their lines above it.
//
// A file in date order interleaves its records, so a record's next line may be far ahead; the
// scheduler reads ahead only while fewer than `maxQueued` lines wait, so what it holds is bounded (at
// most maxQueued + concurrency lines read and not yet yielded) however the file is ordered. The
// earliest line not yet done never waits for another (it waits only for lines above it), so reading
// ahead never stalls the run.
//
// Outcomes come out as they finish, not in file order: in file order within a record (and within a
// shared stream), in any order across them.

export type ScheduleOptions<T, R> = {
  concurrency: number;
  maxQueued: number;
  /** A rejected record: its later lines are not run (they would act on a record that is not there). */
  stopsRecord?: (outcome: R) => boolean;
  /** The outcome of a line not run because an earlier line of its record stopped it. */
  skipped?: (line: T) => R;
  /** Streams besides its record that the line acts on: lines holding the same key run one after another in file order. */
  sharedKeysOf?: (line: T) => Iterable<string>;
  /** Records the line needs: it runs after their lines above it, without holding them. */
  referencesOf?: (line: T) => Iterable<string>;
};

type Entry<T> = {
  line: T;
  record: string;
  /** The record and the shared streams it holds. */
  holds: string[];
  /** Lines above it not yet done that it waits for. */
  blockers: number;
  /** Lines below it that wait for it. */
  dependents: Entry<T>[];
};

/**
 * `run` answers a line's rejection with an outcome (and `stopsRecord` says whether it ends the
 * record); a `run` that throws, or a source that throws, is a fault of the whole import (the store
 * unreachable, the file unreadable) and ends it with that error.
 */
export async function* runInRecordOrder<T, R>(
  lines: AsyncIterable<T>,
  recordOf: (line: T) => string,
  run: (line: T) => Promise<R>,
  options: ScheduleOptions<T, R>,
): AsyncGenerator<R> {
  const { concurrency, maxQueued, stopsRecord, skipped, sharedKeysOf, referencesOf } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency is a whole number from 1');
  if (!Number.isInteger(maxQueued) || maxQueued < 1) throw new RangeError('maxQueued is a whole number from 1');
  if (stopsRecord && !skipped) throw new RangeError('stopsRecord needs skipped: the outcome of the lines it stops');

  /** The last line read of each record or shared stream that is not done yet: what the next line holding it waits for. */
  const tails = new Map<string, Entry<T>>();
  /** Lines with nothing left to wait for, in the order they became so: the next to start. */
  const ready: Entry<T>[] = [];
  /** Records whose later lines are skipped. Kept to the end: a record's next line may come at any point of the file. */
  const stopped = new Set<string>();
  const finished: R[] = [];
  /** Lines read and not started. */
  let queued = 0;
  let running = 0;

  // Set by callbacks the loop awaits: held in an object so the loop reads them afresh after each wait.
  const news: { failure: { error: unknown } | null; arrived: IteratorResult<T> | null } = { failure: null, arrived: null };
  const source = lines[Symbol.asyncIterator]();
  let sourceDone = false;
  let reading = false;
  let wake: () => void = () => {};
  const woken = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });

  /** The line is done (run or skipped): what waited for it may go, and a line of a stopped record is skipped in turn. */
  const release = (done: Entry<T>) => {
    const work = [done];
    for (let entry = work.pop(); entry; entry = work.pop()) {
      for (const key of entry.holds) if (tails.get(key) === entry) tails.delete(key);
      for (const next of entry.dependents) {
        next.blockers -= 1;
        if (next.blockers > 0) continue;
        if (stopped.has(next.record)) {
          queued -= 1;
          finished.push(skipped!(next.line));
          work.push(next);
        } else ready.push(next);
      }
    }
  };

  const enqueue = (line: T) => {
    const record = recordOf(line);
    const isStopped = stopped.has(record);
    if (isStopped && !tails.has(record)) {
      finished.push(skipped!(line));
      return;
    }
    // A stopped record's line still waits for the record's lines above it, to be skipped after them
    // (a record's outcomes come out in file order), but it holds nothing else: it will not run.
    const holds = isStopped ? [record] : [...new Set([record, ...(sharedKeysOf?.(line) ?? [])])];
    const needs = isStopped ? [] : (referencesOf?.(line) ?? []);
    const waitsFor = new Set<Entry<T>>();
    for (const key of [...holds, ...needs]) {
      const tail = tails.get(key);
      if (tail) waitsFor.add(tail);
    }
    const entry: Entry<T> = { line, record, holds, blockers: waitsFor.size, dependents: [] };
    for (const tail of waitsFor) tail.dependents.push(entry);
    for (const key of holds) tails.set(key, entry);
    queued += 1;
    if (entry.blockers === 0) ready.push(entry);
  };

  const start = (entry: Entry<T>) => {
    queued -= 1;
    running += 1;
    run(entry.line).then(
      (outcome) => {
        running -= 1;
        finished.push(outcome);
        if (stopsRecord?.(outcome)) stopped.add(entry.record);
        release(entry);
        wake();
      },
      (error: unknown) => {
        news.failure ??= { error };
        wake();
      },
    );
  };

  try {
    for (;;) {
      if (news.failure) throw news.failure.error;
      if (news.arrived) {
        const result = news.arrived;
        news.arrived = null;
        if (result.done) sourceDone = true;
        else enqueue(result.value);
      }
      while (running < concurrency && ready.length > 0) start(ready.shift()!);
      if (finished.length > 0) {
        yield finished.shift()!;
        continue;
      }
      if (sourceDone && running === 0 && queued === 0) return;
      const signal = woken();
      if (!sourceDone && !reading && queued < maxQueued) {
        reading = true;
        source.next().then(
          (result) => {
            reading = false;
            news.arrived = result;
            wake();
          },
          (error: unknown) => {
            reading = false;
            news.failure ??= { error };
            wake();
          },
        );
      }
      await signal;
    }
  } finally {
    // The consumer stopped early or something failed: let the source release its file.
    if (!sourceDone) await source.return?.();
  }
}
