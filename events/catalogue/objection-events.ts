import * as z from 'zod';
import { freeText } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

// Art 49: an objection to a refusal or a termination, lodged with and decided by the justice bureau
// that set up the agency.

/**
 * v2 records how the objection reached the bureau: lodged there (`transmittedBy` null) or handed in
 * at the agency that decided, which passed it on. Version 1 kept no such fact; it reads as lodged
 * with the bureau at its `lodgedAt`, the only date it has and the one the 5 days ran from.
 */
export const ObjectionLodged = defineEvent(
  'ObjectionLodged',
  2,
  z.strictObject({
    objectionId: recordIdSchema,
    against: z.enum(['refusal', 'termination']),
    grounds: freeText(1),
    justiceBureauId: organisationIdSchema,
    /** When the bureau had it: Art 49's 5 days run from here. */
    lodgedAt: isoTimeSchema,
    transmittedBy: z.strictObject({ agencyId: organisationIdSchema, receivedAt: isoTimeSchema }).nullable(),
  }),
  { 1: (data) => ({ ...data, transmittedBy: null }) },
);

export const ObjectionDecided = defineEvent(
  'ObjectionDecided',
  1,
  z.strictObject({
    objectionId: recordIdSchema,
    decision: z.enum(['upheld', 'correction-ordered']),
    reasons: freeText(1),
    decidedAt: isoTimeSchema,
  }),
);

/**
 * A corrected termination: the aid goes on where it stopped. Since the correction order returns the
 * case to the agency, the agency records it; older histories have it straight after the order.
 */
export const AidReinstated = defineEvent('AidReinstated', 1, z.strictObject({ objectionId: recordIdSchema, reinstatedAt: isoTimeSchema }));

export const objectionEventDefinitions = [ObjectionLodged, ObjectionDecided, AidReinstated] as const;
