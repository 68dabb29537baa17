import * as z from 'zod';
import { closingOutcomeSchema } from '../../../events/catalogue/closing-events.ts';
import {
  AuthorityOpinionObtained,
  ComplaintHandled,
  gradeSchema,
  PeerReviewed,
  satisfactionSchema,
} from '../../../events/catalogue/supervision-events.ts';
import { categorySchema, formOfAidSchema, priorityGroupSchema } from '../../../events/catalogue/vocabulary.ts';
import { checkKinds, complianceKeys } from '../../../domain/quality/standard.ts';
import { originSummarySchema } from './case-parts.ts';
import { isoTime } from './shared.ts';

// GET /quality/cases/{id}: the quality-supervision record of one case (domain/quality/record.ts
// qualityRecordOf, with the late entries functions/projections/quality.ts flags).

const check = { supervisorId: z.string(), at: isoTime };
const checkKind = z.enum(checkKinds as [string, ...string[]]);

export const qualityRecordSchema = z.looseObject({
  caseId: z.string(),
  agencyId: z.string().nullable(),
  province: z.string().nullable(),
  category: categorySchema.nullable(),
  formOfAid: formOfAidSchema.nullable(),
  origin: originSummarySchema.nullable(),
  priorityGroups: z.array(priorityGroupSchema),
  receivedAt: isoTime.nullable(),
  status: z.string(),
  workerId: z.string().nullable().describe('The worker assigned now'),
  workers: z.array(z.string()).describe('Every worker ever assigned, first to last'),
  closedAt: isoTime.nullable(),
  closingOutcome: closingOutcomeSchema.nullable(),
  economicLossRecoveredFen: z.int(),
  terminatedAt: isoTime.nullable(),
  hearingsAttended: z.int(),
  hearingObservations: z.array(z.looseObject({ ...check, courtId: z.string(), score: z.number() })),
  fileReviews: z.array(z.looseObject({ ...check, score: z.number(), grade: gradeSchema, deductionPoints: z.number() })),
  authorityOpinions: z.array(z.looseObject({ ...check, authorityId: z.string(), rating: AuthorityOpinionObtained.schema.shape.rating })),
  followUps: z.array(z.looseObject({ ...check, method: z.string(), satisfaction: satisfactionSchema })),
  peerReviews: z.array(z.looseObject({ ...check, evaluator: PeerReviewed.schema.shape.evaluator, score: z.number(), grade: gradeSchema })),
  complaints: z.array(
    z.looseObject({
      complaintId: z.string(),
      workerId: z.string().nullable().describe('The lawyer or staff member complained about; null for the agency'),
      subject: z.enum(['lawyer', 'staff', 'agency']).optional().describe('Absent on records projected before: the lawyer'),
      organisationId: z.string().nullable().optional().describe('The agency or station complained about'),
      lodgedAt: isoTime,
      requestsChangeOfWorker: z.boolean(),
      handledAt: isoTime.nullable(),
      finding: ComplaintHandled.schema.shape.finding.nullable(),
    }),
  ),
  deadlines: z.array(
    z.looseObject({
      key: z.enum(complianceKeys as [string, ...string[]]),
      rule: z.string(),
      owner: z.string(),
      dueAt: isoTime,
      satisfiedAt: isoTime.nullable(),
      open: z.boolean(),
      overdue: z.boolean(),
      paused: z.boolean().describe('The clock stands still (materials asked for)'),
    }),
  ),
  standardId: z.string().describe('The quality standard the case is measured against (domain/quality/standard.ts)'),
  requiredChecks: z.array(checkKind),
  missingChecks: z.array(checkKind),
  lateEntries: z
    .array(
      z.looseObject({
        version: z.int(),
        type: z.string(),
        occurredAt: isoTime,
        recordedAt: isoTime,
        lateByDays: z.int(),
        policyId: z.string(),
      }),
    )
    .optional()
    .describe(
      'Steps entered after they happened (each reason is in the case history); absent on records projected before they were flagged',
    ),
  version: z.int(),
  updatedAt: isoTime,
});
