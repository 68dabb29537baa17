import * as z from 'zod';
import { fact, freeText } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { isoTimeSchema, listOf, organisationIdSchema, recordIdSchema, textSchema } from './vocabulary.ts';

// Quality supervision (Art 57, Art 59, complaints Art 56): records the quality projection scores.

const scoreSchema = z.int().min(0).max(100);
export const gradeSchema = z.enum(['excellent', 'good', 'pass', 'fail']);
const bySupervisor = { supervisorId: recordIdSchema, at: isoTimeSchema, remarks: textSchema };

/** 庭审旁听 */
export const HearingObserved = defineEvent(
  'HearingObserved',
  1,
  z.strictObject({ ...bySupervisor, courtId: organisationIdSchema, score: scoreSchema }),
);

export const deductionSchema = z.strictObject({
  item: fact(z.string().min(1).max(300), 'a quality checklist item'),
  points: z.int().min(1).max(100),
});

/** One item of the case type's file-review standard (domain/quality/standard.ts), found present or missing. */
export const reviewedItemSchema = z.strictObject({
  itemId: fact(z.string().regex(/^[a-z0-9-]{1,60}$/), 'the id of an item of the published file-review standard'),
  met: z.boolean(),
});

/**
 * 案卷检查, scored 100 less deductions (seed 002) and graded by the rule set's thresholds. `items` and
 * `caseType` are optional so reviews recorded before the per-type standards (seed 004) stay valid:
 * those were scored on their free deductions alone, as they still are.
 */
export const CaseFileReviewed = defineEvent(
  'CaseFileReviewed',
  1,
  z.strictObject({
    ...bySupervisor,
    deductions: listOf(deductionSchema),
    items: listOf(reviewedItemSchema).optional(),
    caseType: z.enum(['criminal', 'civil', 'administrative', 'labour-arbitration', 'non-litigation']).optional(),
    score: scoreSchema,
    grade: gradeSchema,
  }),
);

/** 征询办案机关意见 */
export const AuthorityOpinionObtained = defineEvent(
  'AuthorityOpinionObtained',
  1,
  z.strictObject({
    ...bySupervisor,
    authorityId: organisationIdSchema,
    rating: z.enum(['satisfied', 'basically-satisfied', 'dissatisfied']),
  }),
);

/** 受援人回访 */
export const satisfactionSchema = z.enum(['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied']);
export const AidedPersonFollowedUp = defineEvent(
  'AidedPersonFollowedUp',
  1,
  z.strictObject({ ...bySupervisor, method: z.enum(['phone', 'visit', 'written', 'online']), satisfaction: satisfactionSchema }),
);

/** 同行评估 and third-party evaluation (Art 57). */
export const PeerReviewed = defineEvent(
  'PeerReviewed',
  1,
  z.strictObject({ ...bySupervisor, evaluator: z.enum(['peer', 'third-party']), score: scoreSchema, grade: gradeSchema }),
);

export const ComplaintHandled = defineEvent(
  'ComplaintHandled',
  1,
  z.strictObject({
    ...bySupervisor,
    complaintId: recordIdSchema,
    finding: z.enum(['substantiated', 'partly-substantiated', 'unsubstantiated']),
    action: freeText(1),
  }),
);

export const supervisionEventDefinitions = [
  HearingObserved,
  CaseFileReviewed,
  AuthorityOpinionObtained,
  AidedPersonFollowedUp,
  PeerReviewed,
  ComplaintHandled,
] as const;
