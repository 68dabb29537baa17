import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import {
  analyticsColumns,
  analyticsPartitions,
  analyticsRecordOf,
  type AnalyticsPartition,
  type AnalyticsRow,
} from '../../../functions/lib/analytics/analytics-record.ts';
import type { RecordPlaces } from '../../../functions/lib/analytics/record-place.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { duckType, eventsDirOf, openDuckDb, sqlString } from './duckdb-session.ts';

// The local stand-in for the Firehose delivery stream (infra/constructs/analytics-export.ts): a bus
// target that buffers events and writes them as Parquet under hive paths (year/month/day/province),
// the layout the Glue table's partition projection reads in S3. Like Firehose it buffers by size and
// time, and like Firehose it may write an event twice (a redelivery, a restart between a flush and
// the bus's ack): the queries count each event id once (analytics/queries/).
//
// One writer per data directory (the local stack holds the directory); files appear whole: DuckDB
// writes them under a staging folder and each is renamed into its partition.

const walk = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true, recursive: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

export const createParquetWriter = ({
  analyticsDir,
  places,
  flushEveryMs = 1000,
  flushAtEvents = 5000,
  onError = () => {},
}: {
  analyticsDir: string;
  places: RecordPlaces;
  /** Firehose's buffering interval, shortened: the local store should be seconds behind, not minutes. */
  flushEveryMs?: number;
  /** A flush starts at this many buffered events: the buffer (not DuckDB) bounds the memory it takes. */
  flushAtEvents?: number;
  onError?: (error: unknown) => void;
}) => {
  const staging = join(analyticsDir, '.staging');
  let pending: EventEnvelope[] = [];
  let writing: Promise<void> = Promise.resolve();
  let db: Awaited<ReturnType<typeof openDuckDb>> | null = null;
  const stats = { buffered: 0, written: 0, files: 0 };

  const write = async (batch: EventEnvelope[]) => {
    // A batch delivered twice within one flush is written once; across flushes the queries dedupe.
    const unique = [...new Map(batch.map((e) => [e.eventId, e])).values()];
    const placed = await places(unique);
    const records = unique.map((e, i) => analyticsRecordOf(e, placed[i]!));
    const id = randomUUID();
    const lines = join(staging, `${id}.jsonl`);
    const out = join(staging, id);
    await mkdir(staging, { recursive: true });
    await writeFile(lines, records.map(({ row, partition }) => JSON.stringify({ ...row, ...partition })).join('\n'));
    try {
      db ??= await openDuckDb();
      const columns = [...analyticsColumns.map((c) => [c.name, duckType[c.type]]), ...analyticsPartitions.map((p) => [p.name, 'VARCHAR'])];
      const spec = columns.map(([name, type]) => `${sqlString(name!)}: ${sqlString(type!)}`).join(', ');
      // Partition values stay strings as Firehose writes them (month=03), which the projection's digits expect.
      await db.connection.run(
        `COPY (SELECT * FROM read_json(${sqlString(lines)}, format = 'newline_delimited', columns = {${spec}})) ` +
          `TO ${sqlString(out)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${analyticsPartitions.map((p) => p.name).join(', ')}), ` +
          `FILENAME_PATTERN ${sqlString(`events-${id}-{i}`)})`,
      );
      const target = eventsDirOf(analyticsDir);
      for (const file of await walk(out)) {
        const to = join(target, relative(out, file));
        await mkdir(dirname(to), { recursive: true });
        await rename(file, to);
        stats.files++;
      }
      stats.written += records.length;
    } finally {
      await rm(lines, { force: true });
      await rm(out, { recursive: true, force: true });
    }
  };

  /** Writes what is buffered; one flush at a time (a single writer), a failed batch kept for the next. */
  const flush = (): Promise<void> => {
    writing = writing.then(async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      try {
        await write(batch);
      } catch (error) {
        pending = [...batch, ...pending];
        onError(error);
      } finally {
        stats.buffered = pending.length;
      }
    });
    return writing;
  };

  const timer = setInterval(() => void flush(), flushEveryMs);
  timer.unref();

  return {
    stats,
    /** The bus target: takes the event as EventBridge delivers it (its detail is the thin envelope). */
    append: (envelope: EventEnvelope) => {
      pending.push(envelope);
      stats.buffered = pending.length;
      if (pending.length >= flushAtEvents) void flush();
    },
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
      db?.close();
      db = null;
    },
  };
};

export type ParquetWriter = ReturnType<typeof createParquetWriter>;
export type { AnalyticsPartition, AnalyticsRow };
