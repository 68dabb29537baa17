import * as z from 'zod';
import { fact, freeText, personal } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { dateSchema, isoTimeSchema, listOf, recordIdSchema, textSchema } from './vocabulary.ts';

// Review of an application (受理审查): materials, the means condition, aid before review, the decision.

const itemSchema = fact(z.string().min(1).max(200), 'the name of a document asked for (收入证明), not what it says');
const legalBasisSchema = fact(z.string().min(1).max(500), "the law's article relied on");

/** Art 43: every missing item at once. */
export const MaterialsRequested = defineEvent(
  'MaterialsRequested',
  1,
  z.strictObject({ items: listOf(itemSchema).min(1), requestedAt: isoTimeSchema }),
);

export const MaterialsSupplied = defineEvent(
  'MaterialsSupplied',
  1,
  z.strictObject({ items: listOf(itemSchema).min(1), suppliedAt: isoTimeSchema }),
);

/** Art 41: by the applicant's integrity pledge (诚信承诺) or by a data-sharing query; Art 34: against the provincial standard. */
export const MeansAssessed = defineEvent(
  'MeansAssessed',
  1,
  z.strictObject({
    method: z.enum(['integrity-pledge', 'data-sharing-query']),
    result: z.enum(['within-standard', 'above-standard']),
    reference: fact(z.string().max(200), 'the number of a means certificate or pledge on file').nullable(),
    assessedAt: isoTimeSchema,
  }),
);

/** Art 32: no means test at all. */
export const art32GroundSchema = z.enum([
  'hero-martyr-relative-personality-rights',
  'good-samaritan-claim',
  'state-compensation-after-retrial-acquittal',
  'abuse-abandonment-domestic-violence-victim',
  'other-by-law',
]);
export type Art32Ground = z.infer<typeof art32GroundSchema>;

export const MeansTestExempted = defineEvent(
  'MeansTestExempted',
  1,
  z.strictObject({ ground: art32GroundSchema, note: textSchema, exemptedAt: isoTimeSchema }),
);

/** Art 42 (1)-(3); (4) "others named by law or local rule" is a local waiver code from the rule set. */
export const art42GroundSchema = z.enum([
  'minor-elderly-disabled-without-fixed-income',
  'social-or-judicial-assistance-or-veteran-benefits',
  'migrant-worker-wages-or-work-injury',
]);

export const waiverGroundSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('art42'), item: art42GroundSchema }),
  z.strictObject({ kind: z.literal('local'), code: fact(z.string().min(1).max(100), "a ground's code in the local rule set") }),
]);

export const MeansCheckWaived = defineEvent(
  'MeansCheckWaived',
  1,
  z.strictObject({
    ground: waiverGroundSchema,
    proof: listOf(personal('free-text', z.string().min(1).max(300))).min(1),
    ruleSetId: fact(z.string().min(1), 'the id of a rule set (rules are data)'),
    waivedAt: isoTimeSchema,
  }),
);

/** Art 44: (1) a limitation period ends soon, (2) preservation or advance execution, (3) other cases in law. */
export const art44TriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('limitation-expiring'), limitationEndsOn: dateSchema }),
  z.strictObject({
    kind: z.literal('preservation-or-advance-execution'),
    measure: z.enum(['property-preservation', 'evidence-preservation', 'advance-execution']),
  }),
  z.strictObject({ kind: z.literal('other-by-law'), basis: fact(z.string().min(1).max(500), "the law's article relied on") }),
]);
export type Art44Trigger = z.infer<typeof art44TriggerSchema>;

export const AidProvidedBeforeReview = defineEvent(
  'AidProvidedBeforeReview',
  1,
  z.strictObject({ trigger: art44TriggerSchema, providedAt: isoTimeSchema }),
);

/**
 * Whether the agency's decision followed the preliminary opinion of the station that took the
 * application (issue 19 point 3). Optional: a decision on an application without an opinion, and
 * every stored one, carries none.
 */
const opinionFields = {
  preliminaryOpinion: z
    .enum(['followed', 'departed'])
    .optional()
    .describe("The decision against the station's preliminary opinion (初审意见), when there was one"),
};

export const AidGranted = defineEvent(
  'AidGranted',
  1,
  z.strictObject({
    legalBasis: legalBasisSchema,
    /** A justice bureau's Art 49 correction order grants without the agency's means findings. */
    grantedBy: z.enum(['agency', 'justice-bureau-order']),
    objectionId: recordIdSchema.nullable(),
    decidedAt: isoTimeSchema,
    ...opinionFields,
  }),
);

/** "不批准也有依据": a refusal names its legal basis and gives written reasons. */
export const AidRefused = defineEvent(
  'AidRefused',
  1,
  z.strictObject({ legalBasis: legalBasisSchema, reasons: freeText(1), decidedAt: isoTimeSchema, ...opinionFields }),
);

export const decidingEventDefinitions = [
  MaterialsRequested,
  MaterialsSupplied,
  MeansAssessed,
  MeansTestExempted,
  MeansCheckWaived,
  AidProvidedBeforeReview,
  AidGranted,
  AidRefused,
] as const;
