import * as z from 'zod';
import { DutyPayApproved, DutyShiftCheckedIn } from '../../../events/catalogue/duty-programme-events.ts';
import { fundSourceSchema } from '../../../events/catalogue/funding-events.ts';
import { tallyOf } from './quality-figures.ts';
import { isoTime } from './shared.ts';

// What a funding or duty-shift command recorded, as its answer carries it: the data of the event it
// appended (events/catalogue/funding-events.ts, duty-programme-events.ts) as stored.

export const fundRefAnswerSchema = z.looseObject({ agencyId: z.string(), year: z.int(), source: fundSourceSchema });

const storedNote = z.string().describe('Free text (personal data): as stored, so sealed');

export const subsidyApprovedSchema = z.looseObject({
  caseId: z.string(),
  agencyId: z.string(),
  workerId: z.string(),
  rateTableId: z.string().describe('The subsidy rate table applied (domain/rules/*)'),
  relevantDate: z.string().describe("The China date that chose the rate table (the case's first assignment)"),
  baseFen: z.int(),
  adjustmentPercent: z.number(),
  assessedFen: z.int(),
  approvedFen: z.int(),
  fund: fundRefAnswerSchema,
  note: storedNote,
  approvedAt: isoTime,
});

export const subsidyPaidSchema = z.looseObject({ fund: fundRefAnswerSchema, amountFen: z.int(), reference: z.string(), paidAt: isoTime });

const attendance = DutyShiftCheckedIn.schema.shape.attendance;

export const dutyPayApprovedSchema = z.looseObject({
  shiftId: z.string(),
  lawyerId: z.string(),
  agencyId: z.string(),
  stationId: z.string(),
  rateTableId: z.string(),
  attendance,
  services: tallyOf(Object.keys(DutyPayApproved.schema.shape.services.shape)).describe('Services given on the shift, by kind'),
  shiftFen: z.int(),
  servicesFen: z.int(),
  assessedFen: z.int(),
  approvedFen: z.int(),
  note: storedNote,
  fund: fundRefAnswerSchema,
  approvedAt: isoTime,
});

export const dutyPayPaidSchema = z.looseObject({
  shiftId: z.string(),
  lawyerId: z.string(),
  amountFen: z.int(),
  fund: fundRefAnswerSchema,
  reference: z.string().describe("The finance office's payment reference"),
  paidAt: isoTime,
});

/** The attendance a check-in or check-out recorded. */
export const attendanceRecordedSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('DutyShiftCheckedIn'),
    data: z.looseObject({
      lawyerId: z.string(),
      at: isoTime,
      minutesLate: z.int(),
      attendance,
      ruleId: z.string().describe('The attendance rule in force that judged it'),
    }),
  }),
  z.looseObject({
    type: z.literal('DutyShiftCheckedOut'),
    data: z.looseObject({ lawyerId: z.string(), at: isoTime, minutesEarly: z.int() }),
  }),
]);
