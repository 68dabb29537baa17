import * as z from 'zod';
import { personalMarks, type PersonalKind } from '../../../events/personal/marks.ts';

// Building blocks of the answers' schemas (functions/api/responses/*): each route's success body is
// declared next to the route (routes.ts `response`) and emitted into the OpenAPI document. Inner
// objects the document does not spell out field by field are `looseObject`s with the fields a client
// relies on: they say what is there at least, never that nothing else may be.

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
  lateEntry: z.looseObject({}).nullable(),
  provenance: z.looseObject({}).nullable(),
  why: z.unknown(),
  data: z.record(z.string(), z.unknown()).describe('The event data; personal values opened or masked for the caller'),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  requestHash: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
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
