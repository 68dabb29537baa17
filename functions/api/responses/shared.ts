import * as z from 'zod';
import { lateEntryReasonSchema } from '../../../events/late-entry-reasons.ts';
import { personalMarks, type PersonalKind } from '../../../events/personal/marks.ts';

// Building blocks of the answers' schemas (functions/api/responses/*): each route's success body is
// declared next to the route (routes.ts `response`) and emitted into the OpenAPI document. Objects are
// `looseObject`s with every member the producer writes today, so adding one later breaks no client.
// A value open by nature (an event's data, which differs per event type) is `openRecord`/`openValue`
// with the reason in `x-open`; test/unit/openapi-response-shapes.test.ts allows no other untyped member.

export const isoTime = z.string().describe('ISO 8601 date-time');
export const day = z.string().describe('YYYY-MM-DD (China date)');
export const nullableString = z.string().nullable();
/** A cursor for the next page, or null on the last. */
export const nextCursor = z.string().nullable().describe('Pass as cursor= for the next page; null on the last');

/**
 * A personal value as an answer shows it: in full, masked for a role without a need
 * (functions/lib/auth/mask.ts), or `[erased]` once erased; so a string of any form, marked with its kind.
 */
export const shownPersonal = (kind: PersonalKind) =>
  z.string().meta({ 'x-personal': kind, description: `Personal data (${kind}): in full or masked for the caller, [erased] once erased` });

/** A JSON object whose members differ from one answer to the next: `why` says why it cannot be spelt out. */
export const openRecord = (why: string) => z.record(z.string(), z.unknown()).meta({ 'x-open': why, description: why });

/** A JSON value of any type, open for the reason `why`. */
export const openValue = (why: string) => z.unknown().meta({ 'x-open': why, description: why });

/** A late entry's flag on an envelope (events/envelope.ts): why it was entered after it happened, how late. */
export const lateEntryAnswerSchema = z.looseObject({
  reason: lateEntryReasonSchema,
  lateByDays: z.int().min(0),
  policyId: z.string().describe('The late-entry policy that allowed it'),
});

/** Where an imported event came from (events/envelope.ts, docs/import.md). */
export const provenanceAnswerSchema = z.looseObject({
  system: z.string().describe('The code of the old system'),
  batch: z.string().describe('The code of the import batch'),
  line: z.int().min(1).describe('The line of the import file'),
  importedBy: z.string().describe("The importing administrator's user id"),
});

const eventDataWhy = 'The event data, whose members differ per event type and version (events/catalogue/*)';

/** Who did it, as an event records its actor. */
export const actorSchema = z.looseObject({ id: z.string(), role: z.string(), organisation: z.string() });

/** One stored event as the audit shows it (functions/lib/audit/history.ts). */
export const historyEntrySchema = z.looseObject({
  version: z.int(),
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.int(),
  who: actorSchema,
  workstation: z.string().nullable(),
  occurredAt: isoTime,
  recordedAt: isoTime,
  lateEntry: lateEntryAnswerSchema.nullable().describe('Why it was entered after it happened, and how late; null for a timely entry'),
  provenance: provenanceAnswerSchema.nullable().describe('Where an imported event came from; null for one entered here'),
  why: openRecord(
    'The members of the event data that say why (legal basis, reasons, rule, grounds, exemption): which ones depend on the event type',
  ),
  data: openRecord(`${eventDataWhy}; personal values opened or masked for the caller`),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  requestHash: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

/** A stored envelope as an export carries it (events/envelope.ts): sealed values stay sealed. */
export const storedEnvelopeSchema = z.looseObject({
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.int(),
  stream: z.string(),
  version: z.int(),
  occurredAt: isoTime,
  recordedAt: isoTime,
  lateEntry: lateEntryAnswerSchema.optional(),
  provenance: provenanceAnswerSchema.optional(),
  actor: actorSchema,
  workstation: z.string().nullable(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  requestHash: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
  data: openRecord(`${eventDataWhy}; as stored, personal values sealed`),
});

/** The personal kind a catalogue field is marked with, through nullable and optional. */
const markOf = (schema: z.ZodType): PersonalKind | null => {
  let current = schema;
  for (;;) {
    const mark = personalMarks.get(current);
    if (mark) return mark.kind;
    const def = (current as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
    if ((def.type !== 'nullable' && def.type !== 'optional') || !def.innerType) return null;
    current = def.innerType;
  }
};

/**
 * The personal fields of a catalogue event's data, as an answer that folds them shows them: each
 * marked with its kind, so the document keeps the catalogue's marks (events/personal/marks.ts).
 */
export const personalFieldsOf = (schema: z.ZodType): z.ZodRawShape =>
  Object.fromEntries(
    Object.entries((schema as z.ZodObject).shape).flatMap(([name, field]) => {
      const kind = markOf(field as z.ZodType);
      return kind ? [[name, shownPersonal(kind).nullable().optional()]] : [];
    }),
  );
