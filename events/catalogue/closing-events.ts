import * as z from 'zod';
import { fact, freeText, personal } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { fenSchema, isoTimeSchema, listOf, organisationIdSchema, textSchema, recordIdSchema } from './vocabulary.ts';

// How aid ends: closing (Art 50), termination (Art 48), a deception finding (Art 64), archiving.

export const closingOutcomeSchema = z.enum([
  'judgment-or-ruling',
  'mediation-agreement',
  'settlement',
  'arbitration-award',
  'administrative-decision',
  'non-litigation-resolved',
  'documents-delivered',
  'other',
]);

export const filedDocumentSchema = z.strictObject({
  kind: z.enum([
    'handling-report',
    'judgment',
    'ruling',
    'mediation-agreement',
    'arbitration-award',
    'defence-opinion',
    'representation-opinion',
    'legal-document',
    'other',
  ]),
  title: personal('free-text', z.string().min(1).max(300)),
});

export const CaseClosed = defineEvent(
  'CaseClosed',
  1,
  z.strictObject({
    workerId: recordIdSchema,
    outcome: closingOutcomeSchema,
    summary: textSchema,
    documents: listOf(filedDocumentSchema, 100).min(1),
    economicLossRecoveredFen: fenSchema,
    closedAt: isoTimeSchema,
  }),
);

/** Art 48 (1)-(8); (1) is only ever recorded through a deception finding, which also fixes repayment (Art 64). */
export const terminationGroundSchema = z.enum([
  'deception',
  'concealed-facts-or-false-evidence',
  'aid-used-for-illegal-acts',
  'no-longer-financially-eligible',
  'proceedings-ended-or-withdrawn',
  'own-lawyer-retained',
  'aided-person-request-with-good-reason',
  'other-by-law',
]);
export type TerminationGround = z.infer<typeof terminationGroundSchema>;

export const AidTerminated = defineEvent(
  'AidTerminated',
  1,
  z.strictObject({
    ground: terminationGroundSchema,
    legalBasis: fact(z.string().min(1).max(500), "the law's article relied on"),
    reasons: freeText(1),
    terminatedAt: isoTimeSchema,
  }),
);

export const DeceptionFound = defineEvent(
  'DeceptionFound',
  1,
  z.strictObject({
    findings: freeText(1),
    justiceBureauId: organisationIdSchema,
    /** The cost of the aid actually spent, which the person repays (Art 64). */
    repaymentDueFen: fenSchema,
    fineFen: fenSchema,
    fineCapFen: fenSchema,
    foundAt: isoTimeSchema,
  }),
);

export const CaseArchived = defineEvent(
  'CaseArchived',
  1,
  z.strictObject({ fileNumber: fact(z.string().min(1).max(100), "the archive's file number"), archivedAt: isoTimeSchema }),
);

export const closingEventDefinitions = [CaseClosed, AidTerminated, DeceptionFound, CaseArchived] as const;
