import * as z from 'zod';
import { fact, freeText } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

// The service standard (规范服务达标, seed 002; workstations, seed 003): one assessment per
// organisation and year on `service-assessment#<id>` — opened, self-assessed by the organisation
// (自查), inspected by a justice bureau above it, ending in pass or fail (and for a workstation,
// whether it is a model station) by the standard in force (domain/standard/service-standard.ts).

const ruleIdSchema = fact(z.string().min(1).max(100), 'the id of the standard, item or deduction rule a score was given under');
const evidenceSchema = z
  .array(fact(z.string().min(1).max(200), 'a reference to a document held as evidence (a file number, a report), not its content'))
  .max(20);
const pointsSchema = z.number().int().min(0).max(1000);

export const assessmentSubjectSchema = z.enum(['agency', 'workstation']);
export const assessmentYearSchema = z.number().int().min(2000).max(2100);

export const ServiceAssessmentOpened = defineEvent(
  'ServiceAssessmentOpened',
  1,
  z.strictObject({
    assessmentId: recordIdSchema,
    organisationId: organisationIdSchema,
    subject: assessmentSubjectSchema,
    /** The agency itself, or the agency a workstation is placed under: who keeps the assessment. */
    agencyId: organisationIdSchema,
    year: assessmentYearSchema,
    standardId: ruleIdSchema,
    openedAt: isoTimeSchema,
  }),
);

export const ServiceSelfAssessed = defineEvent(
  'ServiceSelfAssessed',
  1,
  z.strictObject({
    assessmentId: recordIdSchema,
    items: z
      .array(z.strictObject({ itemId: ruleIdSchema, score: pointsSchema, evidence: evidenceSchema }))
      .min(1)
      .max(100),
    total: pointsSchema,
    assessedAt: isoTimeSchema,
  }),
);

export const inspectedItemSchema = z.strictObject({
  itemId: ruleIdSchema,
  /** The item's maximum less its deductions, never below 0. */
  score: pointsSchema,
  deductions: z
    .array(
      z.strictObject({
        deductionId: ruleIdSchema,
        times: z.number().int().min(1).max(100),
        points: pointsSchema,
        reason: freeText(1, 1000),
      }),
    )
    .max(50),
  evidence: evidenceSchema,
});

export const ServiceInspected = defineEvent(
  'ServiceInspected',
  1,
  z.strictObject({
    assessmentId: recordIdSchema,
    bureauId: organisationIdSchema,
    items: z.array(inspectedItemSchema).min(1).max(100),
    total: pointsSchema,
    passMark: pointsSchema,
    passed: z.boolean(),
    /** A workstation found a model station (示范点, seed 003); null for an agency. */
    modelStation: z.boolean().nullable(),
    inspectedAt: isoTimeSchema,
  }),
);

export const serviceStandardEventDefinitions = [ServiceAssessmentOpened, ServiceSelfAssessed, ServiceInspected] as const;
export type ServiceStandardEvent = EventOf<(typeof serviceStandardEventDefinitions)[number]>;
