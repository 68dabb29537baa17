// Runs an import's lines: the lines of one record one after another in file order (each command
// acts on the state the one before left), the lines of different records at the same time, up to
// `concurrency`. A file in date order interleaves its records, so a record's next line may be far
// ahead; the scheduler reads ahead only while fewer than `maxQueued` lines wait, so what it holds
// is bounded (at most maxQueued + concurrency lines read and not yet yielded) however the file is
// ordered.
//
// Outcomes come out as they finish, not in file order: in file order within a record, in any order
// across records.

export type ScheduleOptions<T, R> = {
  concurrency: number;
  maxQueued: number;
  /** A rejected record: its later lines are not run (they would act on a record that is not there). */
  stopsRecord?: (outcome: R) => boolean;
  /** The outcome of a line not run because an earlier line of its record stopped it. */
  skipped?: (line: T) => R;
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
  const { concurrency, maxQueued, stopsRecord, skipped } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency is a whole number from 1');
  if (!Number.isInteger(maxQueued) || maxQueued < 1) throw new RangeError('maxQueued is a whole number from 1');
  if (stopsRecord && !skipped) throw new RangeError('stopsRecord needs skipped: the outcome of the lines it stops');

  /** Lines read and waiting, by record, in file order. */
  const waiting = new Map<string, T[]>();
  /** Records with waiting lines and none running, in the order they became so: the next to start. */
  const ready: string[] = [];
  /** Records with a line running. */
  const running = new Set<string>();
  /** Records whose later lines are skipped. Kept to the end: a record's next line may come at any point of the file. */
  const stopped = new Set<string>();
  const finished: R[] = [];
  let queued = 0;
  // Set by callbacks the loop awaits: held in an object so the loop reads them afresh after each wait.
  const news: { failure: { error: unknown } | null; arrived: IteratorResult<T> | null } = { failure: null, arrived: null };

  const source = lines[Symbol.asyncIterator]();
  let sourceDone = false;
  let reading: Promise<void> | null = null;

  let wake: () => void = () => {};
  const woken = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });

  const enqueue = (line: T) => {
    const record = recordOf(line);
    if (stopped.has(record)) {
      finished.push(skipped!(line));
      return;
    }
    const queue = waiting.get(record);
    if (queue) queue.push(line);
    else {
      waiting.set(record, [line]);
      if (!running.has(record)) ready.push(record);
    }
    queued += 1;
  };

  const settle = (record: string, outcome: R) => {
    running.delete(record);
    finished.push(outcome);
    const queue = waiting.get(record);
    if (stopsRecord?.(outcome)) {
      stopped.add(record);
      if (queue) {
        for (const line of queue) finished.push(skipped!(line));
        queued -= queue.length;
        waiting.delete(record);
      }
    } else if (queue) ready.push(record);
  };

  const start = (record: string) => {
    const queue = waiting.get(record)!;
    const line = queue.shift()!;
    if (queue.length === 0) waiting.delete(record);
    queued -= 1;
    running.add(record);
    run(line).then(
      (outcome) => {
        settle(record, outcome);
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
      while (running.size < concurrency && ready.length > 0) start(ready.shift()!);
      if (finished.length > 0) {
        yield finished.shift()!;
        continue;
      }
      if (sourceDone && running.size === 0 && queued === 0) return;
      const signal = woken();
      if (!sourceDone && !reading && queued < maxQueued) {
        reading = source.next().then(
          (result) => {
            reading = null;
            news.arrived = result;
            wake();
          },
          (error: unknown) => {
            reading = null;
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
