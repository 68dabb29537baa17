import * as z from 'zod';
import { fact } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

/**
 * The stub (存根) of an assignment notice, kept on the counter stream `notice#<agencyId>#<year>`.
 * The stream's version is the notice number: optimistic concurrency makes numbers unique and gap-free.
 */
export const AssignmentNoticeStubFiled = defineEvent(
  'AssignmentNoticeStubFiled',
  1,
  z.strictObject({
    agencyId: organisationIdSchema,
    // From 2003 (the regulation's first year): an imported or late-entered past year is numbered in its own year.
    year: z.int().min(2003),
    noticeNumber: z.int().positive(),
    caseId: recordIdSchema,
    workerId: recordIdSchema,
    replacesWorkerId: recordIdSchema.nullable(),
    issuedAt: isoTimeSchema,
  }),
);

/** A notice number as the old system printed it, e.g. (2018)杭西援指字第0031号. */
export const printedNoticeNumberSchema = fact(z.string().min(1).max(80), 'an assignment-notice number as printed by the agency');
/** The code of the old system an imported record came from (events/envelope.ts provenance). */
export const importSystemSchema = fact(z.string().regex(/^[A-Za-z0-9._-]{1,60}$/), 'the code of the old system a record was imported from');

/**
 * The stub of an imported assignment notice (docs/import.md): filed in the legacy numbering space of
 * the agency and the old system, on a stream of its printed number (`notice-legacy#<agencyId>#<system>#<number>`),
 * so one number is never filed for two cases; the agency's counter (above) is not touched, and its
 * numbers continue beside the legacy ones without clashing.
 */
export const LegacyNoticeStubFiled = defineEvent(
  'LegacyNoticeStubFiled',
  1,
  AssignmentNoticeStubFiled.schema.extend({ system: importSystemSchema, printedNoticeNumber: printedNoticeNumberSchema }),
);

/**
 * The index entry of a legacy stub, on `notice-legacy-index#<agencyId>#<year>`: appended in the same
 * transaction as the stub (functions/api/commands/assignment.ts), so the register lists an agency's
 * legacy numbers of a year by reading one stream, never a scan, and an entry exists exactly when its
 * stub does. Where the stub is stored is named, so the register reads it (and its hash) by key.
 */
export const LegacyNoticeIndexed = defineEvent(
  'LegacyNoticeIndexed',
  1,
  LegacyNoticeStubFiled.schema.extend({
    stubStream: fact(
      z.string().min(1).max(400),
      'the stream a legacy notice stub is stored on, built from the agency, system and printed number',
    ),
    stubVersion: z.int().positive(),
  }),
);

export const noticeEventDefinitions = [AssignmentNoticeStubFiled, LegacyNoticeStubFiled, LegacyNoticeIndexed] as const;
/** A stub, on a counter stream or a legacy number's stream. */
export type NoticeEvent = EventOf<typeof AssignmentNoticeStubFiled | typeof LegacyNoticeStubFiled>;
export type LegacyNoticeIndexEvent = EventOf<typeof LegacyNoticeIndexed>;
