import * as z from 'zod';
import { defineEvent } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema, textSchema } from './vocabulary.ts';

// Art 49: an objection to a refusal or a termination, decided by the justice bureau that set up the agency.

export const ObjectionLodged = defineEvent(
  'ObjectionLodged',
  1,
  z.strictObject({
    objectionId: recordIdSchema,
    against: z.enum(['refusal', 'termination']),
    grounds: textSchema.min(1),
    justiceBureauId: organisationIdSchema,
    lodgedAt: isoTimeSchema,
  }),
);

export const ObjectionDecided = defineEvent(
  'ObjectionDecided',
  1,
  z.strictObject({
    objectionId: recordIdSchema,
    decision: z.enum(['upheld', 'correction-ordered']),
    reasons: textSchema.min(1),
    decidedAt: isoTimeSchema,
  }),
);

/** A corrected termination: the aid goes on where it stopped. */
export const AidReinstated = defineEvent('AidReinstated', 1, z.strictObject({ objectionId: recordIdSchema, reinstatedAt: isoTimeSchema }));

export const objectionEventDefinitions = [ObjectionLodged, ObjectionDecided, AidReinstated] as const;
