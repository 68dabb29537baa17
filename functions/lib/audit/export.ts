import * as z from 'zod';
import { canonicalJson } from '../../../events/canonical-json.ts';
import { envelopeSchema, type Actor, type EventEnvelope } from '../../../events/envelope.ts';
import { BOM, CsvSyntaxError, escapeCell, formatCsv, parseCsv, unescapeCell } from './csv.ts';
import { decodeEnvelope, verifyDecoded, type Decoded, type VerifyReport } from './verify.ts';

// One case's full history for an auditor, as JSON (the envelopes as stored, plus the head they end
// at, plus each event's data opened for reading) or CSV (one row per event, its data opened for
// reading). The JSON export is checked offline: verifyExport recomputes the chain over the stored
// (sealed) envelopes. A CSV export shows the data as the caller may read it, not as hashed, so it
// verifies only where no personal value was sealed (verifyCsvExport; the JSON export is the proof).

export const EXPORT_FORMAT = 'legal-aid-case-history';

export type CaseExport = {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  caseId: string;
  stream: string;
  exportedAt: string;
  exportedBy: Actor;
  /** Where the stream ended when exported: a shortened export no longer matches it. */
  head: { version: number; hash: string | null };
  events: EventEnvelope[];
  /**
   * For reading: each event's data opened and masked for the caller who exported (the stored
   * envelopes above hold personal values sealed). Not covered by the chain.
   */
  opened: { version: number; data: Record<string, unknown> }[];
};

export const buildExport = ({
  caseId,
  stream,
  events,
  exportedAt,
  exportedBy,
  opened,
}: Omit<CaseExport, 'format' | 'formatVersion' | 'head'>): CaseExport => ({
  format: EXPORT_FORMAT,
  formatVersion: 1,
  caseId,
  stream,
  exportedAt,
  exportedBy,
  head: { version: events.at(-1)?.version ?? 0, hash: events.at(-1)?.hash ?? null },
  events,
  opened,
});

export class InvalidExportError extends Error {
  readonly code = 'INVALID_EXPORT';
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidExportError';
  }
}

const exportShell = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(1),
  stream: z.string().min(1),
  head: z.object({ version: z.int().min(0), hash: z.string().nullable() }),
  events: z.array(z.unknown()),
});

const decodeAll = (stream: string, events: readonly unknown[]): Decoded[] =>
  events.map((value, i) => {
    const d = decodeEnvelope(value, i + 1);
    if (d.ok && d.envelope.stream !== stream)
      return {
        ok: false,
        version: d.envelope.version,
        eventId: d.envelope.eventId,
        detail: `belongs to stream ${d.envelope.stream}, not ${stream}`,
      };
    return d;
  });

/**
 * Recomputes the chain of a JSON export (the text or the parsed value): every event's hash, every
 * link, no missing version, and that it still ends at the head it was exported with.
 */
export const verifyExport = (json: unknown): VerifyReport => {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new InvalidExportError('the export is not valid JSON');
    }
  }
  const shell = exportShell.safeParse(value);
  if (!shell.success)
    throw new InvalidExportError(
      `not a ${EXPORT_FORMAT} export: ${shell.error.issues[0]?.path.join('.') || '(root)'}: ${shell.error.issues[0]?.message ?? 'invalid'}`,
    );
  const { stream, head, events } = shell.data;
  const report = verifyDecoded(stream, decodeAll(stream, events), {
    readModelVersion: head.version,
    expectedBy: 'the export names as its head',
  });
  if (report.verified && report.headHash !== head.hash) {
    const detail = `the export names head hash ${head.hash ?? 'none'}, but its last event hashes ${report.headHash ?? 'none'}`;
    return {
      ...report,
      verified: false,
      readModelVersion: null,
      firstBreak: { version: report.lastVersion, eventId: null, reason: 'HASH_MISMATCH', detail },
    };
  }
  // The head stood in for the read model's version; no read model was consulted.
  return { ...report, readModelVersion: null };
};

// ---- CSV ----

/** Columns of the CSV export. Every hashed field is there, so the chain can be recomputed from it. */
export const CSV_COLUMNS = [
  'stream',
  'version',
  'type',
  'schemaVersion',
  'eventId',
  'occurredAt',
  'recordedAt',
  'actorId',
  'role',
  'organisation',
  'workstation',
  'correlationId',
  'causationId',
  'idempotencyKey',
  'requestHash',
  'prevHash',
  'hash',
  'data',
  // Last, so an export made before late entries existed (without it) still reads back.
  'lateEntry',
  // After it, for the same reason: exports made before imports existed read back.
  'provenance',
] as const;
/** The headers of older exports: before the late-entry flag, and before provenance. */
const OLD_COLUMNS = [CSV_COLUMNS.slice(0, -2), CSV_COLUMNS.slice(0, -1)];

type Column = (typeof CSV_COLUMNS)[number];

const cellsOf = (e: EventEnvelope): Record<Column, string> => ({
  stream: e.stream,
  version: String(e.version),
  type: e.type,
  schemaVersion: String(e.schemaVersion),
  eventId: e.eventId,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  actorId: e.actor.id,
  role: e.actor.role,
  organisation: e.actor.organisation,
  // Every nullable field is non-empty when present, so an empty cell means null, unambiguously.
  workstation: e.workstation ?? '',
  correlationId: e.correlationId,
  causationId: e.causationId ?? '',
  idempotencyKey: e.idempotencyKey ?? '',
  requestHash: e.requestHash ?? '',
  prevHash: e.prevHash,
  hash: e.hash,
  data: canonicalJson(e.data),
  lateEntry: e.lateEntry ? canonicalJson(e.lateEntry) : '',
  provenance: e.provenance ? canonicalJson(e.provenance) : '',
});

/** The CSV export: a BOM, a header row, one row per event in version order. */
export const exportCsv = (events: readonly EventEnvelope[]): string =>
  BOM + formatCsv([[...CSV_COLUMNS], ...events.map((e) => CSV_COLUMNS.map((c) => escapeCell(cellsOf(e)[c])))]);

const toInt = (s: string): number | string => (/^-?\d+$/.test(s) ? Number(s) : s);
const orNull = (s: string): string | null => (s === '' ? null : s);

/** The rows of a CSV export as envelope-shaped values, not yet validated. */
export const parseExportCsv = (text: string): Record<string, unknown>[] => {
  let rows: string[][];
  try {
    rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InvalidExportError(`not a CSV export: ${error.message}`);
    throw error;
  }
  const [header, ...body] = rows;
  const columns = [CSV_COLUMNS, ...OLD_COLUMNS].find((c) => header?.join(',') === c.join(',')) ?? null;
  if (!columns) throw new InvalidExportError(`not a CSV export: the header must be ${CSV_COLUMNS.join(',')}`);
  return body.map((row, i) => {
    if (row.length !== columns.length) throw new InvalidExportError(`row ${i + 2} has ${row.length} fields, not ${columns.length}`);
    const cell = Object.fromEntries(columns.map((c, j) => [c, unescapeCell(row[j]!)])) as Partial<Record<Column, string>> &
      Record<Exclude<Column, 'lateEntry' | 'provenance'>, string>;
    const json = (text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        return text; // left for envelope validation to report
      }
    };
    const data = json(cell.data);
    return {
      eventId: cell.eventId,
      type: cell.type,
      schemaVersion: toInt(cell.schemaVersion),
      stream: cell.stream,
      version: toInt(cell.version),
      occurredAt: cell.occurredAt,
      recordedAt: cell.recordedAt,
      actor: { id: cell.actorId, role: cell.role, organisation: cell.organisation },
      workstation: orNull(cell.workstation),
      correlationId: cell.correlationId,
      causationId: orNull(cell.causationId),
      idempotencyKey: orNull(cell.idempotencyKey),
      requestHash: orNull(cell.requestHash),
      prevHash: cell.prevHash,
      hash: cell.hash,
      data,
      ...(cell.lateEntry ? { lateEntry: json(cell.lateEntry) } : {}),
      ...(cell.provenance ? { provenance: json(cell.provenance) } : {}),
    };
  });
};

/** The envelopes of a CSV export, validated; throws naming the row and field of the first bad one. */
export const envelopesFromCsv = (text: string): EventEnvelope[] =>
  parseExportCsv(text).map((value, i) => {
    const parsed = envelopeSchema.safeParse(value);
    if (!parsed.success)
      throw new InvalidExportError(
        `row ${i + 2}: ${parsed.error.issues[0]?.path.join('.') || 'envelope'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    return parsed.data;
  });

/** Recomputes the chain from a CSV export. A CSV carries no head: a cut-off last row is not detectable from it alone. */
export const verifyCsvExport = (text: string): VerifyReport => {
  const values = parseExportCsv(text);
  const stream = typeof values[0]?.stream === 'string' ? values[0].stream : '';
  return verifyDecoded(stream, decodeAll(stream, values));
};
