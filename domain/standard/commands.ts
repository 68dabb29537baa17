import * as z from 'zod';
import { assessmentYearSchema, inspectedItemSchema, ServiceSelfAssessed } from '../../events/catalogue/service-standard-events.ts';
import { organisationIdSchema, recordIdSchema } from '../../events/catalogue/vocabulary.ts';
import type { CommandsOf } from '../commands.ts';

/**
 * The service standard's commands: the agency opens its own (or one of its workstations') assessment
 * of a year, optionally with its self-assessment; self-assesses; a bureau above inspects it.
 */
export const serviceStandardCommandSchemas = {
  OpenServiceAssessment: z.strictObject({
    assessmentId: recordIdSchema,
    organisationId: organisationIdSchema,
    year: assessmentYearSchema,
  }),
  SelfAssessService: ServiceSelfAssessed.schema.pick({ items: true }),
  /** Per item, the deductions made (each rule of the item, how many times, why) and the evidence: the score follows from them. */
  InspectService: z.strictObject({
    items: z
      .array(
        inspectedItemSchema
          .omit({ score: true })
          .extend({ deductions: inspectedItemSchema.shape.deductions.element.omit({ points: true }).array().max(50) }),
      )
      .min(1)
      .max(100),
    /** Workstations: whether the inspection finds it a model station (示范点); it must reach the standard's model mark. */
    modelStation: z.boolean().optional(),
  }),
};

export type ServiceStandardCommand = CommandsOf<typeof serviceStandardCommandSchemas>;
