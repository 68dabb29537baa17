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

export const noticeEventDefinitions = [AssignmentNoticeStubFiled, LegacyNoticeStubFiled] as const;
export type NoticeEvent = EventOf<(typeof noticeEventDefinitions)[number]>;
