import * as z from 'zod';
import { fact, personal } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { divisionCodeSchema } from './organisation-vocabulary.ts';
import {
  applicantRoleSchema,
  applicationChannelSchema,
  authoritySchema,
  categorySchema,
  criminalStageSchema,
  formOfAidSchema,
  forwarderKindSchema,
  identityNumberSchema,
  isoTimeSchema,
  listOf,
  notificationGroundSchema,
  organisationIdSchema,
  personSchema,
  provinceSchema,
  recordIdSchema,
  textSchema,
} from './vocabulary.ts';

// How a case stream (`case#<id>`) starts: an application, a forwarded application, a notification.

const applicationFields = {
  caseId: recordIdSchema,
  agencyId: organisationIdSchema,
  province: provinceSchema,
  applicantRole: applicantRoleSchema,
  applicant: personSchema,
  category: categorySchema,
  formOfAid: formOfAidSchema,
  matter: personal('free-text', z.string().min(1).max(2000)),
  receivedAt: isoTimeSchema,
};

/**
 * Where an application's matter lies, for the competent agency (Art 38): the body handling it (a
 * court, procuratorate or police office for a litigation matter, a dispute-handling body for a
 * non-litigation one), or the division where the matter arose. Both optional: an application that
 * names neither is placed nowhere, and stored events from before these fields read unchanged.
 */
export const applicationPlaceFields = {
  handlingAuthorityId: organisationIdSchema
    .optional()
    .describe(
      'Art 38: the court, procuratorate or police office handling the matter (registry id); places the matter before matterDivisionCode',
    ),
  matterDivisionCode: divisionCodeSchema
    .optional()
    .describe('Art 38: the GB/T 2260 division where the matter arose or the dispute-handling body sits'),
};

/**
 * A group case (issue 19 point 6: a group wage claim of migrant workers): the other applicants of
 * one application, each a person as the first applicant is and each a counted aided person. Optional:
 * a stored application without it has one applicant and reads unchanged.
 */
export const groupApplicationFields = {
  coApplicants: listOf(personSchema, 200)
    .min(1)
    .optional()
    .describe(
      'A group case: the applicants besides `applicant`, each counted as an aided person; one lawyer or a team handles them together',
    ),
};

/**
 * The workstation that took the application (issue 19 point 3, Art 13: 一镇(街道)一站): its clerk
 * records it for the station's agency, which decides. Optional: applications taken at the agency
 * (and every stored one) name no station.
 */
export const stationFields = {
  stationId: organisationIdSchema
    .optional()
    .describe("The workstation that took the application (a registry workstation under the case's agency); set by a workstation clerk"),
};

/**
 * v2 links the application to the consultation it came from (Art 23 ledger). v1 had no link: every
 * v1 application is upcast as one that did not come from a recorded consultation.
 */
export const ApplicationReceived = defineEvent(
  'ApplicationReceived',
  2,
  z.strictObject({
    ...applicationFields,
    channel: applicationChannelSchema,
    consultationId: recordIdSchema.nullable().default(null),
    ...applicationPlaceFields,
    ...groupApplicationFields,
    ...stationFields,
  }),
  { 1: (data) => ({ ...data, consultationId: null }) },
);

export const forwarderSchema = z.strictObject({ kind: forwarderKindSchema, organisationId: organisationIdSchema });

/** Art 39: lateness is recorded as found when received; the agency accepts the application either way. */
export const ForwardedApplicationReceived = defineEvent(
  'ForwardedApplicationReceived',
  1,
  z.strictObject({
    ...applicationFields,
    forwarder: forwarderSchema,
    receivedByForwarderAt: isoTimeSchema,
    forwardedAt: isoTimeSchema,
    allowedForwardingHours: z.int().positive(),
    lateForwarding: z.boolean(),
  }),
);

/** A suspect or defendant may lack a resident identity number (a foreigner, an unidentified person). */
export const defendantSchema = personSchema.extend({ identityNumber: personal('identity-number', identityNumberSchema).optional() });

export const DefenceNotificationReceived = defineEvent(
  'DefenceNotificationReceived',
  1,
  z.strictObject({
    caseId: recordIdSchema,
    agencyId: organisationIdSchema,
    province: provinceSchema,
    authority: authoritySchema,
    authorityReference: fact(z.string().min(1).max(100), "the notifying authority's own case reference"),
    ground: notificationGroundSchema,
    stage: criminalStageSchema,
    defendant: defendantSchema,
    charge: personal('charge', z.string().min(1).max(2000)),
    /** When the authority found the case to qualify; its notice period (Art 36) runs from here. */
    foundAt: isoTimeSchema,
    receivedAt: isoTimeSchema,
    formOfAid: formOfAidSchema,
    /** Null: the rules in force on receipt set no notice period (before the 2013 joint rules); every stored number stays valid. */
    allowedNotificationDays: z.int().positive().nullable(),
    lateNotification: z.boolean(),
  }),
);

export const ApplicationWithdrawn = defineEvent(
  'ApplicationWithdrawn',
  1,
  z.strictObject({
    reason: z.enum(['applicant-request', 'materials-not-supplied']),
    note: textSchema,
    withdrawnAt: isoTimeSchema,
  }),
);

export const applyingEventDefinitions = [
  ApplicationReceived,
  ForwardedApplicationReceived,
  DefenceNotificationReceived,
  ApplicationWithdrawn,
] as const;
