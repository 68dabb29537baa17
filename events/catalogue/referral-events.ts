import * as z from 'zod';
import { ApplicationReceived } from './applying-events.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, provinceSchema, recordIdSchema } from './vocabulary.ts';

/** What placed the matter in another agency's area (Art 38). */
export const referralBasisSchema = z.enum(['handling-authority', 'matter-division']);

/**
 * Art 38: an application received by an agency whose area does not hold the matter is not taken up
 * there; the agency tells the applicant which agency is competent. The referral is a record of its
 * own (`referral#<id>`, the id the case would have had), never a case: it holds the application as
 * received, so who was sent where, and why, can be audited; and no case, deadline or report counts it.
 */
export const ApplicationReferred = defineEvent(
  'ApplicationReferred',
  1,
  z.strictObject({
    referralId: recordIdSchema,
    ...ApplicationReceived.schema.omit({ caseId: true }).shape,
    /** The agency the registry finds competent for the place, on the date of receipt. */
    competentAgencyId: organisationIdSchema,
    competentProvince: provinceSchema,
    basis: referralBasisSchema,
    /** The justice body whose area holds the place (a county bureau for a basic court, a city bureau for an intermediate one). */
    areaId: organisationIdSchema,
    referredAt: isoTimeSchema,
  }),
);

export const referralEventDefinitions = [ApplicationReferred] as const;
export type ReferralEvent = EventOf<(typeof referralEventDefinitions)[number]>;
