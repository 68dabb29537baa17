import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { withoutPersonal } from './without-personal.ts';

// One event as the analytics store holds it (Parquet, one row per event): what the national figures
// and ad-hoc questions need, and nothing that names a person. The same row is written by the Firehose
// transform in AWS (functions/analytics/) and by the local stack's writer (infra/local/), and the Glue
// table's columns and the local reader's are both read from `analyticsColumns`, so the one SQL file
// (analytics/queries/) reads the same table in Athena and in DuckDB.

/** Column types as Glue names them; the local writer maps them to DuckDB's. */
export type AnalyticsColumnType = 'string' | 'int' | 'bigint' | 'boolean';

/** The row's columns in the Parquet files (the partition columns are in the path, not the file). */
export const analyticsColumns = [
  { name: 'event_id', type: 'string', comment: 'the event id: duplicates of a delivery share it (queries count distinct)' },
  { name: 'type', type: 'string', comment: 'event type (the catalogue)' },
  { name: 'schema_version', type: 'int', comment: "the data's schema version" },
  { name: 'stream_kind', type: 'string', comment: 'case, consultation, duty, organisation… (the part of the stream before #)' },
  { name: 'stream', type: 'string', comment: 'the stream (record) id' },
  { name: 'version', type: 'bigint', comment: "the event's position in its stream" },
  { name: 'occurred_at', type: 'string', comment: 'business time, ISO 8601' },
  { name: 'recorded_at', type: 'string', comment: 'when the store wrote it, ISO 8601' },
  { name: 'business_date', type: 'string', comment: 'China date of occurred_at (YYYY-MM-DD): the partition date' },
  { name: 'agency_id', type: 'string', comment: 'the agency whose record it is (the stream opening names it); null for registry events' },
  { name: 'actor_role', type: 'string', comment: "the acting role (the actor's id is left out)" },
  { name: 'late_entry', type: 'boolean', comment: 'entered later than it happened' },
  { name: 'imported', type: 'boolean', comment: 'imported from an old system' },
  { name: 'data', type: 'string', comment: "the event's data as JSON, every field the catalogue marks personal left out" },
] as const satisfies readonly { name: string; type: AnalyticsColumnType; comment: string }[];

/** Partitions, in path order: the business date and the province. Values are strings as in the path. */
export const analyticsPartitions = [
  { name: 'year', type: 'int', comment: 'year of business_date' },
  { name: 'month', type: 'int', comment: 'month of business_date' },
  { name: 'day', type: 'int', comment: 'day of business_date' },
  { name: 'province', type: 'string', comment: `GB/T 2260 province code of the agency on business_date; ${'00'} for records of no agency` },
] as const satisfies readonly { name: string; type: AnalyticsColumnType; comment: string }[];

/** The province partition of a record no agency holds (the registry, workers, funds of no agency). */
export const NO_PROVINCE = '00';

export type AnalyticsRow = {
  event_id: string;
  type: string;
  schema_version: number;
  stream_kind: string;
  stream: string;
  version: number;
  occurred_at: string;
  recorded_at: string;
  business_date: string;
  agency_id: string | null;
  actor_role: string;
  late_entry: boolean;
  imported: boolean;
  data: string;
};
export type AnalyticsPartition = { year: string; month: string; day: string; province: string };

/** Where a record belongs: its agency (null: none) and that agency's province on the record's date. */
export type RecordPlace = { agencyId: string | null; province: string };

/** The China business date of an event: the partition date and every report's counting date. */
export const businessDateOf = (envelope: Pick<EventEnvelope, 'occurredAt'>): string => chinaDateOf(envelope.occurredAt);

/** The agency an event's own data names (a stream's opening event does), if any. */
export const agencyNamedBy = (data: unknown): string | null => {
  const agencyId = (data as { agencyId?: unknown } | null)?.agencyId;
  return typeof agencyId === 'string' ? agencyId : null;
};

/** The analytics row and partition of an event (its envelope as the bus carries it, or as stored). */
export const analyticsRecordOf = (envelope: EventEnvelope, place: RecordPlace): { row: AnalyticsRow; partition: AnalyticsPartition } => {
  const businessDate = businessDateOf(envelope);
  const [year, month, day] = businessDate.split('-') as [string, string, string];
  return {
    row: {
      event_id: envelope.eventId,
      type: envelope.type,
      schema_version: envelope.schemaVersion,
      stream_kind: envelope.stream.split('#')[0]!,
      stream: envelope.stream,
      version: envelope.version,
      occurred_at: envelope.occurredAt,
      recorded_at: envelope.recordedAt,
      business_date: businessDate,
      agency_id: place.agencyId,
      actor_role: envelope.actor.role,
      late_entry: envelope.lateEntry !== undefined,
      imported: envelope.provenance !== undefined,
      data: JSON.stringify(withoutPersonal(catalogue, envelope)),
    },
    partition: { year, month, day, province: place.province },
  };
};
