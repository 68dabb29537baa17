import * as z from 'zod';
import { fundRefAnswerSchema } from './command-records.ts';
import { actorSchema, day, isoTime } from './shared.ts';

// GET /cases/{id}/funding (functions/api/views/case-funding.ts): a case's subsidy.

const rateTable = z.object({
  id: z.string(),
  source: z.string().nullable(),
  province: z.string().nullable(),
  effectiveFrom: day.nullable(),
  effectiveUntil: day.nullable().describe('The day the next table of the same province took over; null while in force'),
  verified: z.boolean(),
});
const fund = fundRefAnswerSchema;
const recorded = { recordedBy: actorSchema, recordedAt: isoTime, version: z.int() };

export const caseFundingSchema = z
  .object({
    caseId: z.string().nullable(),
    agencyId: z.string().nullable(),
    workerId: z.string().nullable(),
    closedAt: isoTime.nullable(),
    status: z.enum(['not-assessable', 'assessed', 'approved', 'paid']),
    assessment: z
      .object({
        rateTable,
        relevantDate: day,
        rate: z.looseObject({ category: z.string().nullable(), formOfAid: z.string(), stage: z.string().nullable() }),
        baseFen: z.int(),
        adjustments: z.array(
          z.object({
            kind: z.enum(['quality-grade', 'approval-reduction']),
            grade: z.string().nullable(),
            percent: z.number().nullable(),
            amountFen: z.int(),
            rule: z.string(),
          }),
        ),
        assessedFen: z.int(),
      })
      .nullable(),
    notAssessable: z.object({ code: z.string(), reason: z.string() }).nullable(),
    approvals: z.array(
      z.looseObject({
        approvedAt: isoTime,
        ...recorded,
        fund,
        workerId: z.string(),
        rateTable,
        relevantDate: day,
        baseFen: z.int(),
        adjustmentPercent: z.number(),
        assessedFen: z.int(),
        approvedFen: z.int(),
        note: z.string().nullish().describe('Why less than assessed was approved (required then)'),
      }),
    ),
    payments: z.array(z.looseObject({ paidAt: isoTime, ...recorded, fund, amountFen: z.int(), reference: z.string() })),
    approvedFen: z.int(),
    paidFen: z.int(),
    outstandingFen: z.int(),
    caseVersion: z.int(),
    subsidyVersion: z.int(),
    updatedAt: isoTime,
  })
  .meta({ id: 'CaseFunding' });
