import type { NumberedLine } from './import-line.ts';
import type { LineOutcome } from './line-outcome.ts';
import { referencesOf } from './record-ids.ts';
import { runInRecordOrder } from './schedule.ts';
import { sharedKeysOf } from './shared-streams.ts';

/** Runs one line through the command path: its outcome, or a throw for a failure that is not the line's (the store unreachable). */
export type RunLine = (line: NumberedLine) => Promise<LineOutcome>;

/** A line to import, or one already refused as it was read (not JSON, no import line), with its record if it names one. */
export type ImportItem = NumberedLine | Extract<LineOutcome, { status: 'rejected' }>;

export type ImportRun = {
  /** Lines running at once, across records (a record's own lines always run one after another). */
  concurrency: number;
  /** Lines read ahead and not started, at most: what bounds the memory of a long file (schedule.ts). */
  maxQueued: number;
};

// The scheduler's keys: records, shared streams and lines that name no record each in a space of
// their own, so no record id of an old system can stand for a shared stream or another line.
const recordKey = (record: string) => `record:${record}`;
const keyOf = (item: ImportItem) =>
  'value' in item ? recordKey(item.value.record) : item.record !== null ? recordKey(item.record) : `line:${item.line}`;

/**
 * Runs the lines of a batch (schedule.ts): a record's lines in file order, one after another;
 * different records side by side, at most `concurrency` lines at once. A line that names another
 * record (`@record:`) waits for that record's lines above it, so a case's assignment runs after its
 * worker's registration; lines on a stream several records share (shared-streams.ts) run in file
 * order. Once a line of a record is refused (by the engine or as it was read), the record's later
 * lines are not run: each is reported as skipped, since it would be decided on a record that is not
 * what the old system had. A refused line that names no record stops nothing. Outcomes come as lines
 * finish, in file order within a record.
 */
export async function* runImport(
  items: AsyncIterable<ImportItem> | Iterable<ImportItem>,
  runLine: RunLine,
  { concurrency, maxQueued }: ImportRun,
): AsyncGenerator<LineOutcome> {
  // The line that stopped each refused record, for its skipped lines' reason: one entry per refused record.
  const stoppedBy = new Map<string, number>();
  const recordOf = (item: ImportItem) => ('value' in item ? item.value.record : item.record);
  const source = async function* () {
    yield* items;
  };
  yield* runInRecordOrder(source(), keyOf, async (item) => ('value' in item ? runLine(item) : item), {
    concurrency,
    maxQueued,
    stopsRecord: (outcome) => {
      if (outcome.status !== 'rejected' || outcome.record === null) return false;
      if (!stoppedBy.has(outcome.record)) stoppedBy.set(outcome.record, outcome.line);
      return true;
    },
    skipped: (item): LineOutcome => {
      const record = recordOf(item)!;
      return {
        line: item.line,
        record,
        status: 'skipped',
        reason: `an earlier line of record ${record} (line ${stoppedBy.get(record)}) was rejected`,
      };
    },
    sharedKeysOf: (item) => ('value' in item ? sharedKeysOf(item.value).map((k) => `shared:${k}`) : []),
    referencesOf: (item) => ('value' in item ? [...referencesOf(item.value.data), ...referencesOf(item.value.actor)].map(recordKey) : []),
  });
}
