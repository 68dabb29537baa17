import * as z from 'zod';
import { DutyShiftPlanned } from '../../events/catalogue/duty-programme-events.ts';
import { fenSchema, isoTimeSchema, recordIdSchema, textSchema } from '../../events/catalogue/vocabulary.ts';
import { agencyFundSchema } from '../funding/commands.ts';

/** The duty programme's commands: the rota (agency reviewer), attendance (duty lawyer), duty pay (finance). */
export const dutyProgrammeCommandSchemas = {
  /** The shift's id comes from the Idempotency-Key; its date and station kind from its start and the registry. */
  PlanDutyShift: DutyShiftPlanned.schema.omit({ shiftId: true, date: true, stationKind: true }),
  /** The lawyer is the caller; `at` by default now. */
  CheckInToShift: z.strictObject({ at: isoTimeSchema.optional() }),
  CheckOutOfShift: z.strictObject({ at: isoTimeSchema.optional() }),
  /** Approve a lawyer's pay for an ended shift as the rate table in force assesses it (or less, with a reason), committing it on a fund of the agency. */
  ApproveDutyPay: z.strictObject({
    lawyerId: recordIdSchema,
    fund: agencyFundSchema,
    approvedFen: fenSchema.optional(),
    note: textSchema.default(''),
  }),
  /** Pay the approved duty pay from the fund it is committed on. */
  PayDutyPay: z.strictObject({ lawyerId: recordIdSchema, reference: z.string().min(1).max(100) }),
};
