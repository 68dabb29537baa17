import * as z from 'zod';
import type { CommandTarget } from '../commands/command-table.ts';
import { caseSchema } from './case-answers.ts';
import {
  attendanceRecordedSchema,
  dutyPayApprovedSchema,
  dutyPayPaidSchema,
  subsidyApprovedSchema,
  subsidyPaidSchema,
} from './command-records.ts';
import { isoTime } from './shared.ts';

// What a command answers (functions/api/commands/answer.ts): the same body for the first copy and
// every retry, built from the stored events; each target adds what its caller needs next.

export const commandAnswerSchema = z
  .object({
    id: z.string().describe('The record the command acted on'),
    stream: z.string(),
    version: z.int().min(1).describe("The stream's version after the command; send it back as If-Match"),
    events: z.array(z.object({ eventId: z.string(), type: z.string(), version: z.int(), recordedAt: isoTime })),
  })
  .meta({ id: 'CommandAnswer' });

export type CommandAnswer = z.infer<typeof commandAnswerSchema>;

const fundSummary = z.looseObject({
  allocatedFen: z.int(),
  committedFen: z.int(),
  paidFen: z.int(),
  remainingFen: z.int(),
});

const withCase = commandAnswerSchema.extend({ caseId: z.string() });

/** A referral instead of a case (Art 38): 202 to `POST /applications`. */
export const referralAnswerSchema = commandAnswerSchema
  .extend({
    referralId: z.string(),
    referral: z
      .object({
        competentAgencyId: z.string(),
        competentAgencyName: z.string().nullable(),
        basis: z.string(),
        areaId: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ReferralAnswer' });

/** Each command target's answer. */
export const commandAnswers = {
  'open-case': withCase
    .extend({ state: caseSchema.nullable().describe('The case as its Location answers it at this version') })
    .meta({ id: 'CaseOpened' }),
  case: withCase,
  assignment: withCase.extend({
    notice: z
      .looseObject({
        agencyId: z.string(),
        year: z.int(),
        number: z.int(),
        space: z
          .string()
          .optional()
          .describe("legacy:<system> for a number imported from an older system (docs/import.md); absent for the agency's own numbering"),
        printed: z.string().optional().describe('The number as the older system printed it; with space'),
      })
      .describe('The assignment notice (编号, 留存根)'),
  }),
  'open-consultation': commandAnswerSchema.extend({ consultationId: z.string() }),
  consultation: commandAnswerSchema.extend({ consultationId: z.string() }),
  'open-duty': commandAnswerSchema.extend({ dutyId: z.string() }),
  duty: commandAnswerSchema.extend({ dutyId: z.string() }),
  'open-worker': commandAnswerSchema.extend({ workerId: z.string() }),
  worker: commandAnswerSchema.extend({ workerId: z.string() }),
  'fund-allocation': commandAnswerSchema.extend({ fund: fundSummary }),
  'subsidy-approval': withCase.extend({
    subsidy: subsidyApprovedSchema.nullable().describe('The approval the command recorded; null when it recorded none'),
    fund: fundSummary.optional(),
  }),
  'subsidy-payment': withCase.extend({
    payment: subsidyPaidSchema.nullable().describe('The payment recorded; null when none'),
    fund: fundSummary.optional(),
  }),
  'open-organisation': commandAnswerSchema.extend({ organisationId: z.string() }),
  organisation: commandAnswerSchema.extend({ organisationId: z.string() }),
  erasure: commandAnswerSchema.extend({ recordKind: z.string(), recordId: z.string(), keyDestroyed: z.literal(true) }),
  'open-duty-shift': commandAnswerSchema.extend({ shiftId: z.string() }),
  'duty-shift': commandAnswerSchema.extend({
    shiftId: z.string(),
    recorded: attendanceRecordedSchema
      .optional()
      .describe('The attendance the command recorded (absent on a replay that recorded nothing new)'),
  }),
  'duty-pay-approval': commandAnswerSchema.extend({
    shiftId: z.string(),
    lawyerId: z.string(),
    pay: dutyPayApprovedSchema.nullable().describe('The approval recorded; null when none'),
    fund: fundSummary.optional(),
  }),
  'duty-pay-payment': commandAnswerSchema.extend({
    shiftId: z.string(),
    lawyerId: z.string(),
    payment: dutyPayPaidSchema.nullable().describe('The payment recorded; null when none'),
    fund: fundSummary.optional(),
  }),
  'open-cooperation': commandAnswerSchema.extend({ cooperationId: z.string() }),
  cooperation: commandAnswerSchema.extend({ cooperationId: z.string() }),
  'open-service-assessment': commandAnswerSchema.extend({ assessmentId: z.string() }),
  'service-assessment': commandAnswerSchema.extend({ assessmentId: z.string() }),
} satisfies Record<CommandTarget, z.ZodType>;
