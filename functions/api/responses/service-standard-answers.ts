import * as z from 'zod';
import { actorSchema, isoTime, nullableString } from './shared.ts';

// The service standard's reads (docs/service-standard.md): one assessment as its events fold, and the
// pass rates of the agencies and the share of model stations under a bureau.

const scored = z.looseObject({ itemId: z.string(), score: z.int(), evidence: z.array(z.string()) });

/** GET /service-assessments/{id} (functions/api/records/record-queries.ts, domain/standard/assessment.ts). */
export const serviceAssessmentSchema = z
  .looseObject({
    id: z.string(),
    status: z.enum(['none', 'open', 'self-assessed', 'inspected']),
    assessmentId: nullableString,
    organisationId: nullableString,
    subject: z.enum(['agency', 'workstation']).nullable(),
    agencyId: nullableString,
    year: z.int().nullable(),
    standardId: nullableString,
    openedAt: isoTime.nullable(),
    selfAssessment: z.looseObject({ items: z.array(scored), total: z.int(), assessedAt: isoTime }).nullable(),
    inspection: z
      .looseObject({
        bureauId: z.string(),
        items: z.array(
          scored.extend({
            deductions: z.array(z.looseObject({ deductionId: z.string(), times: z.int(), points: z.int(), reason: z.string() })),
          }),
        ),
        total: z.int(),
        passMark: z.int(),
        passed: z.boolean(),
        modelStation: z.boolean().nullable(),
        inspectedAt: isoTime,
      })
      .nullable(),
    recordedBy: actorSchema.omit({ id: true }).extend({ workstation: z.string().nullable().optional() }),
    version: z.int().min(1),
    updatedAt: isoTime,
  })
  .meta({ id: 'ServiceAssessment' });

const rate = z.number().min(0).max(1).nullable().describe('The share, 0 to 1; null when nothing was assessed');

/** GET /service-standard/pass-rates (domain/standard/pass-rates.ts). */
export const serviceStandardPassRatesSchema = z
  .object({
    bureauId: z.string(),
    year: z.int(),
    agencies: z.object({
      standardId: nullableString,
      assessed: z.int(),
      passed: z.int(),
      passRate: rate,
      target: z.number().nullable(),
      met: z.boolean().nullable().describe('Whether the pass rate reaches the target; null when nothing was assessed'),
      organisations: z.array(z.object({ organisationId: z.string(), total: z.int(), passed: z.boolean() })),
    }),
    workstations: z.object({
      standardId: nullableString,
      assessed: z.int(),
      passed: z.int(),
      modelStations: z.int(),
      modelShare: rate,
      target: z.number().nullable(),
      met: z.boolean().nullable(),
      organisations: z.array(z.object({ organisationId: z.string(), total: z.int(), passed: z.boolean(), modelStation: z.boolean() })),
    }),
  })
  .meta({ id: 'ServiceStandardPassRates' });
