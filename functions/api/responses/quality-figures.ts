import * as z from 'zod';
import { consultationChannelSchema } from '../../../events/catalogue/consultation-events.ts';
import { AuthorityOpinionObtained, gradeSchema, satisfactionSchema } from '../../../events/catalogue/supervision-events.ts';
import { checkKinds, complianceKeys } from '../../../domain/quality/standard.ts';

// The figures of the quality scorecards (functions/lib/read-models/quality-queries.ts) and of the
// reports (functions/lib/reports/report.ts): counts keyed by a closed vocabulary, each key declared.

/** A count per member of a vocabulary: every member present, zero when none. */
export const tallyOf = (keys: readonly string[]) => z.looseObject(Object.fromEntries(keys.map((k) => [k, z.int()])));

const rate = (of: string) => z.number().nullable().describe(`${of}, 0..1 to four places; null when there is nothing to divide by`);
const average = z.number().nullable().describe('Average score to two places; null when there is none');

export const satisfactionFiguresSchema = z.looseObject({
  followedUp: z.int().describe('Cases with a follow-up; the latest answer of each counts'),
  byLevel: tallyOf(satisfactionSchema.options),
  satisfied: z.int().describe("Answers at the standard's satisfied levels"),
  satisfiedRate: rate('satisfied ÷ followedUp'),
});

const deadlineCount = z.looseObject({
  met: z.int(),
  missed: z.int().describe('Late, or open past due'),
  pending: z.int(),
  rate: rate('met ÷ (met + missed)'),
});

export const complianceFiguresSchema = z.looseObject({
  byKind: z.looseObject(Object.fromEntries(complianceKeys.map((k) => [k, deadlineCount]))),
  agency: deadlineCount.extend({
    kinds: z.array(z.enum(complianceKeys as [string, ...string[]])).describe('The deadlines the agency itself must keep'),
    target: z.number().describe('The share of its deadlines met the standard asks for'),
    meetsStandard: z.boolean().nullable().describe('rate ≥ target; null when no deadline was met or missed'),
  }),
});

export const consultationFiguresSchema = z.looseObject({
  total: z.int(),
  byChannel: tallyOf(consultationChannelSchema.options),
  toldOfRightToApply: z.int(),
  toldRate: rate('toldOfRightToApply ÷ total'),
  ledToApplication: z.int(),
});

export const lateEntryFiguresSchema = z.looseObject({
  cases: z.int().describe('Cases with a step entered after it happened'),
  entries: z.int().describe('Late-entered steps in all'),
  caseIds: z.array(z.string()).describe('The cases, for supervisors to look into (each reason is in the case history)'),
});

const scored = z.looseObject({ count: z.int(), averageScore: average });
const graded = scored.extend({ byGrade: tallyOf(gradeSchema.options) });
const complaintCounts = z.looseObject({
  lodged: z.int(),
  open: z.int(),
  resolved: z.int(),
  substantiated: z.int().describe('Found substantiated or partly substantiated'),
});

export const scorecardSchema = z.looseObject({
  cases: z.int(),
  closed: z.int(),
  hearingObservations: scored,
  fileReviews: graded,
  authorityOpinions: z.looseObject({ count: z.int(), byRating: tallyOf(AuthorityOpinionObtained.schema.shape.rating.options) }),
  followUps: satisfactionFiguresSchema.extend({ count: z.int() }),
  peerReviews: graded,
  complaints: complaintCounts.extend({
    bySubject: z.looseObject({ lawyer: complaintCounts, staff: complaintCounts, agency: complaintCounts }),
  }),
  missingChecks: z.looseObject({ cases: z.int(), byCheck: tallyOf(checkKinds) }),
});
