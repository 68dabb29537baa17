import * as z from 'zod';
import { fact } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { fundRefSchema } from './funding-events.ts';
import {
  dateSchema,
  dutyStationKindSchema,
  fenSchema,
  isoTimeSchema,
  organisationIdSchema,
  recordIdSchema,
  textSchema,
} from './vocabulary.ts';

// The duty programme around the duty records (Art 14, Art 30; seeds 000 值班按时到位, 003 轮流值班制):
//  - `duty-shift#<shiftId>`: one shift of a station's rota, its lawyers' check-ins and check-outs,
//    and the duty records opened on it;
//  - `duty-pay#<shiftId>#<lawyerId>`: one lawyer's pay for one shift, approved and paid;
//  - on the fund stream (`fund#…`), the duty pay committed and paid, beside the case subsidies.

const ruleIdSchema = fact(z.string().min(1).max(100), 'the id of the rule data or rate table a figure was computed with');

export const DutyShiftPlanned = defineEvent(
  'DutyShiftPlanned',
  1,
  z.strictObject({
    shiftId: recordIdSchema,
    agencyId: organisationIdSchema,
    /** A court, procuratorate or detention-centre workstation of the registry, placed under the agency. */
    stationId: organisationIdSchema,
    stationKind: dutyStationKindSchema,
    /** The China date of the shift, what the month's figures count it under. */
    date: dateSchema,
    startsAt: isoTimeSchema,
    endsAt: isoTimeSchema,
    /** Aid workers of the registry (lawyers of firms among them); their ids are the duty lawyers' token ids. */
    lawyerIds: z.array(recordIdSchema).min(1).max(20),
  }),
);

const attendanceSchema = z.enum(['on-time', 'late', 'absent']);
export type Attendance = z.infer<typeof attendanceSchema>;

/** The check-in as the attendance rule in force judged it: on time within the grace, late, or too late to count (absent). */
export const DutyShiftCheckedIn = defineEvent(
  'DutyShiftCheckedIn',
  1,
  z.strictObject({
    lawyerId: recordIdSchema,
    at: isoTimeSchema,
    minutesLate: z.int().min(0),
    attendance: attendanceSchema,
    ruleId: ruleIdSchema,
  }),
);

export const DutyShiftCheckedOut = defineEvent(
  'DutyShiftCheckedOut',
  1,
  z.strictObject({ lawyerId: recordIdSchema, at: isoTimeSchema, minutesEarly: z.int().min(0) }),
);

/** A duty record opened on this shift: the shift's services are those of its records (read from their streams). */
export const DutyRecordTiedToShift = defineEvent(
  'DutyRecordTiedToShift',
  1,
  z.strictObject({ dutyId: recordIdSchema, lawyerId: recordIdSchema, openedAt: isoTimeSchema }),
);

const serviceCountsSchema = z.strictObject({
  consultation: z.int().min(0),
  'procedure-advice': z.int().min(0),
  'measure-change-request': z.int().min(0),
  opinion: z.int().min(0),
  'plea-signing': z.int().min(0),
});

export const DutyPayApproved = defineEvent(
  'DutyPayApproved',
  1,
  z.strictObject({
    shiftId: recordIdSchema,
    lawyerId: recordIdSchema,
    agencyId: organisationIdSchema,
    stationId: organisationIdSchema,
    rateTableId: ruleIdSchema,
    attendance: attendanceSchema,
    services: serviceCountsSchema,
    shiftFen: fenSchema,
    servicesFen: fenSchema,
    assessedFen: fenSchema,
    approvedFen: fenSchema,
    note: textSchema,
    fund: fundRefSchema,
    approvedAt: isoTimeSchema,
  }),
);

export const DutyPayPaid = defineEvent(
  'DutyPayPaid',
  1,
  z.strictObject({
    shiftId: recordIdSchema,
    lawyerId: recordIdSchema,
    amountFen: fenSchema,
    fund: fundRefSchema,
    reference: fact(z.string().min(1).max(100), "the finance office's payment reference"),
    paidAt: isoTimeSchema,
  }),
);

/** On the fund stream: duty pay reserved on approval, as a case subsidy's commitment is. `claimId` is `<shiftId>#<lawyerId>`. */
export const DutyPayCommitted = defineEvent(
  'DutyPayCommitted',
  1,
  z.strictObject({ claimId: recordIdSchema, amountFen: fenSchema, committedAt: isoTimeSchema }),
);

export const DutyPayPaidFromFund = defineEvent(
  'DutyPayPaidFromFund',
  1,
  z.strictObject({
    claimId: recordIdSchema,
    workerId: recordIdSchema,
    amountFen: fenSchema,
    reference: fact(z.string().min(1).max(100), "the finance office's payment reference"),
    paidAt: isoTimeSchema,
  }),
);

export const dutyShiftEventDefinitions = [DutyShiftPlanned, DutyShiftCheckedIn, DutyShiftCheckedOut, DutyRecordTiedToShift] as const;
export type DutyShiftEvent = EventOf<(typeof dutyShiftEventDefinitions)[number]>;
export const dutyPayEventDefinitions = [DutyPayApproved, DutyPayPaid] as const;
export type DutyPayEvent = EventOf<(typeof dutyPayEventDefinitions)[number]>;
export const fundDutyPayEventDefinitions = [DutyPayCommitted, DutyPayPaidFromFund] as const;
export type FundDutyPayEvent = EventOf<(typeof fundDutyPayEventDefinitions)[number]>;
export type DutyServiceKind = keyof z.infer<typeof serviceCountsSchema>;
export type DutyServiceCounts = z.infer<typeof serviceCountsSchema>;

export const dutyProgrammeEventDefinitions = [
  ...dutyShiftEventDefinitions,
  ...dutyPayEventDefinitions,
  ...fundDutyPayEventDefinitions,
] as const;
