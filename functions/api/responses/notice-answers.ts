import * as z from 'zod';
import { actorSchema, isoTime, lateEntryAnswerSchema } from './shared.ts';

// GET /notice-register (functions/api/notices/): one page of an agency's assignment-notice register.

const stubRef = z.object({ stream: z.string(), version: z.int(), eventId: z.string(), hash: z.string() });

const noticeEntry = z.object({
  number: z.int().describe('The notice number: the counter stream version it is stored at'),
  printed: z.string().describe('The number as printed on the notice'),
  caseId: z.string(),
  workerId: z.string(),
  replacesWorkerId: z.string().nullable().describe('The worker a replacement notice replaces'),
  assignedAt: isoTime.describe('When the assignment was made (business time)'),
  occurredAt: isoTime,
  recordedAt: isoTime.describe('When the stub was put on record'),
  recordedBy: actorSchema.omit({ id: true }),
  lateEntry: lateEntryAnswerSchema.nullable().describe('Why the assignment was entered after it happened; null for a timely one'),
  stub: stubRef,
});

const legacyEntry = z.object({
  system: z.string().describe('The code of the old system that printed the number'),
  printed: z.string().describe('The number as the old system printed it'),
  sequence: z.int().describe('The sequence number the printed number carries (its last run of digits)'),
  caseId: z.string(),
  workerId: z.string(),
  replacesWorkerId: z.string().nullable().describe('The worker a replacement notice replaces'),
  assignedAt: isoTime.describe('When the assignment was made (business time, from the imported file)'),
  recordedAt: isoTime.describe('When it was imported'),
  recordedBy: actorSchema.omit({ id: true }),
  indexVersion: z.int().describe("The entry's place in the agency's legacy index of the year"),
  stub: stubRef.nullable().describe('The stub as stored; null if it is not where its index entry says (damaged data)'),
});

const legacySection = z
  .object({
    spaces: z
      .array(z.object({ system: z.string(), notices: z.array(legacyEntry).describe('In printed order within the page') }))
      .describe('One numbering space per old system, by system code'),
    nextAfter: z.int().nullable().describe('Pass as legacyAfter= for the next page of imported numbers; null on the last'),
  })
  .describe("Notice numbers imported from older systems (docs/import.md): kept in their own spaces, not on the agency's counter");

export const noticeRegisterSchema = z
  .object({
    agencyId: z.string(),
    year: z.int(),
    space: z.literal('agency').describe("The agency's own numbering (imported numbers keep their old system's)"),
    notices: z.array(noticeEntry),
    gaps: z
      .array(z.object({ from: z.int(), to: z.int() }))
      .describe('Numbers with no stub in the store: impossible through the API, shown if data were ever damaged'),
    misplaced: z.array(z.object({ version: z.int(), noticeNumber: z.int() })).describe('Stubs whose number is not their place'),
    nextAfter: z.int().nullable().describe('Pass as after= for the next page; null on the last'),
    legacy: legacySection,
  })
  .meta({ id: 'NoticeRegister' });
