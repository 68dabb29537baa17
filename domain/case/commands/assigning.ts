import * as z from 'zod';
import { ComplaintLodged } from '../../../events/catalogue/assigning-events.ts';
import { organisationIdSchema, recordIdSchema } from '../../../events/catalogue/vocabulary.ts';

/**
 * Assignment writes to two streams (the case and the agency's notice counter): these go through
 * `decideAssignment`. Role: agency reviewer.
 */
export const assignmentCommandSchemas = {
  AssignAidWorker: z.strictObject({ workerId: recordIdSchema }),
  /** Art 55–56: a new numbered notice for another worker, on a complaint that asked for it. */
  ReplaceAidWorker: z.strictObject({ workerId: recordIdSchema, complaintId: recordIdSchema }),
};

/** Role: agency reviewer recording the aided person's complaint (Art 55). */
export const complainingCommandSchemas = {
  /**
   * About the assigned lawyer unless `about` says otherwise: a staff member (a window clerk, by their
   * aid-worker id) or the agency or one of its stations (by registry id).
   */
  LodgeComplaint: ComplaintLodged.schema.omit({ workerId: true, subject: true, organisationId: true }).extend({
    about: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('staff'), workerId: recordIdSchema }),
        z.strictObject({ kind: z.literal('agency'), organisationId: organisationIdSchema }),
      ])
      .optional(),
  }),
};
