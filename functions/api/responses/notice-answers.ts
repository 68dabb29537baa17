import * as z from 'zod';
import { actorSchema, isoTime } from './shared.ts';

// GET /notice-register (functions/api/notices/): one page of an agency's assignment-notice register.

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
  lateEntry: z.looseObject({}).nullable(),
  stub: z.object({ stream: z.string(), version: z.int(), eventId: z.string(), hash: z.string() }),
});

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
  })
  .meta({ id: 'NoticeRegister' });
