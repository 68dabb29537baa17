import type { NumberedLine } from './import-line.ts';
import type { LineOutcome } from './line-outcome.ts';
import { referencesOf } from './record-ids.ts';
import { sharedKeysOf } from './shared-streams.ts';

/** Runs one line through the command path: its outcome, or a throw for a failure that is not the line's (the store unreachable). */
export type RunLine = (line: NumberedLine) => Promise<LineOutcome>;

export type ImportRun = {
  /** Lines running at once, across records (a record's own lines always run one after another). */
  concurrency: number;
  onOutcome?: (outcome: LineOutcome) => void;
};

/**
 * Runs the lines of a batch: a record's lines in file order, one after another; different records
 * side by side, at most `concurrency` lines at once. A line that names another record (`@record:`)
 * waits for that record's lines above it, so a case's assignment runs after its worker's
 * registration; lines on a stream several records share (shared-streams.ts) run in file order. Once a line of a record is refused, the record's later lines are not run: each is
 * reported as skipped, since it would be decided on a record that is not what the old system had.
 */
export const runImport = async (
  items: Iterable<NumberedLine | LineOutcome> | AsyncIterable<NumberedLine | LineOutcome>,
  runLine: RunLine,
  { concurrency, onOutcome }: ImportRun,
) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  /** The last line scheduled of each record: what its next line, and any line naming it, waits for. */
  const tails = new Map<string, Promise<void>>();
  const refused = new Map<string, number>();
  const outcomes: LineOutcome[] = [];
  const report = (outcome: LineOutcome) => {
    outcomes.push(outcome);
    onOutcome?.(outcome);
  };
  let failure: unknown = null;

  const runOne = async (item: NumberedLine) => {
    const { record } = item.value;
    const earlier = refused.get(record);
    if (earlier !== undefined) {
      report({ line: item.line, record, status: 'skipped', reason: `an earlier line of record ${record} (line ${earlier}) was rejected` });
      return;
    }
    await slot();
    try {
      if (failure) return;
      const outcome = await runLine(item);
      if (outcome.status === 'rejected') refused.set(record, item.line);
      report(outcome);
    } catch (error) {
      failure ??= error;
    } finally {
      release();
    }
  };

  for await (const item of items) {
    if (failure) break;
    if (!('value' in item)) {
      // A line that is no import line: refused as it is read; its record, if it names one, stops there.
      if (item.record !== null && !refused.has(item.record)) {
        const before = tails.get(item.record) ?? Promise.resolve();
        const record = item.record;
        tails.set(
          record,
          before.then(() => {
            if (!refused.has(record)) refused.set(record, item.line);
            report(item);
          }),
        );
      } else report(item);
      continue;
    }
    const record = item.value.record;
    const shared = sharedKeysOf(item.value);
    const after = [record, ...shared, ...referencesOf(item.value.data), ...referencesOf(item.value.actor)]
      .map((r) => tails.get(r))
      .filter((p): p is Promise<void> => p !== undefined);
    const done = Promise.all(after).then(() => runOne(item));
    for (const key of [record, ...shared]) tails.set(key, done);
  }
  await Promise.all(tails.values());
  if (failure) throw failure;
  return outcomes.sort((a, b) => a.line - b.line);
};
