import * as z from 'zod';
import {
  applicationChannelSchema,
  applicantRoleSchema,
  authoritySchema,
  aidWorkerKindSchema,
  criminalStageSchema,
  notificationGroundSchema,
} from '../../../events/catalogue/vocabulary.ts';
import { forwarderSchema } from '../../../events/catalogue/applying-events.ts';
import { art44TriggerSchema } from '../../../events/catalogue/deciding-events.ts';
import { closingOutcomeSchema, terminationGroundSchema } from '../../../events/catalogue/closing-events.ts';
import { isoTime } from './shared.ts';

// The parts of a case as its fold holds them (domain/case/state.ts), as `GET /cases/{id}` answers
// them (functions/api/views/case-view.ts). Vocabularies come from the event catalogue.

export const originSchema = z
  .discriminatedUnion('kind', [
    z.looseObject({
      kind: z.literal('application'),
      channel: applicationChannelSchema,
      applicantRole: applicantRoleSchema,
      consultationId: z.string().nullable().describe('The consultation the application grew out of'),
    }),
    z.looseObject({
      kind: z.literal('forwarded-application'),
      applicantRole: applicantRoleSchema,
      forwarder: forwarderSchema,
      receivedByForwarderAt: isoTime,
      forwardedAt: isoTime,
      allowedForwardingHours: z.int(),
      lateForwarding: z.boolean(),
    }),
    z.looseObject({
      kind: z.literal('notification'),
      authority: authoritySchema,
      authorityReference: z.string().describe("The notifying authority's own case reference"),
      ground: notificationGroundSchema,
      stage: criminalStageSchema,
      foundAt: isoTime.describe('When the authority found the case to qualify; its notice period (Art 36) runs from here'),
      allowedNotificationDays: z.int().nullable(),
      lateNotification: z.boolean(),
    }),
  ])
  .describe('How the case came: an application, a forwarded application, a notification');

const materialsRequest = z.looseObject({
  requestedAt: isoTime,
  items: z.array(z.string()),
  outstanding: z.array(z.string()),
  completedAt: isoTime.nullable(),
});

export const reviewSchema = z.looseObject({
  decision: z.enum(['pending', 'granted', 'refused', 'withdrawn']),
  decidedAt: isoTime.nullable(),
  firstDecidedAt: isoTime
    .nullable()
    .describe('The first decision, which met or missed the Art 43 period; a correction order reopens the review, not this'),
  legalBasis: z.string().nullable(),
  means: z.enum(['unsettled', 'within-standard', 'above-standard', 'exempt', 'waived']),
  requests: z
    .array(materialsRequest)
    .describe('Every request for materials; the review clock stands still from a request until it is complete'),
});

export const provisionalAidSchema = z.looseObject({ trigger: art44TriggerSchema, providedAt: isoTime });

export const assignmentSchema = z.looseObject({
  workerId: z.string(),
  workerKind: aidWorkerKindSchema,
  noticeYear: z.int(),
  noticeNumber: z.int(),
  assignedAt: isoTime,
});

export const complaintSchema = z.looseObject({
  complaintId: z.string(),
  workerId: z.string().nullable().describe('The lawyer or staff member complained about; null for a complaint about the agency'),
  subject: z
    .enum(['lawyer', 'staff', 'agency'])
    .optional()
    .describe('Absent on cases folded before staff and agencies could be complained about: the lawyer'),
  requestsChangeOfWorker: z.boolean(),
  lodgedAt: isoTime,
  actedOn: z.boolean(),
  handled: z.boolean(),
});

export const objectionSchema = z.looseObject({
  objectionId: z.string(),
  against: z.enum(['refusal', 'termination']),
  justiceBureauId: z.string(),
  lodgedAt: isoTime,
  transmittedBy: z
    .looseObject({ agencyId: z.string(), receivedAt: isoTime })
    .nullable()
    .describe('The agency that took it in and passed it on; null when lodged with the bureau'),
  decision: z.enum(['upheld', 'correction-ordered']).nullable(),
  decidedAt: isoTime.nullable(),
  redecidedAt: isoTime.nullable().describe('After a correction order: when the agency decided again'),
});

export const closingSchema = z.looseObject({ closedAt: isoTime, outcome: closingOutcomeSchema, economicLossRecoveredFen: z.int() });
export const terminationSchema = z.looseObject({ ground: terminationGroundSchema, legalBasis: z.string(), terminatedAt: isoTime });
export const deceptionSchema = z.looseObject({ repaymentDueFen: z.int(), fineFen: z.int(), foundAt: isoTime });

export const transferSchema = z.looseObject({
  transferId: z.string(),
  fromAgencyId: z.string(),
  toAgencyId: z.string(),
  ground: z.string(),
  requestedAt: isoTime,
  outcome: z.enum(['pending', 'accepted', 'refused']),
  decidedAt: isoTime.nullable(),
});

export const authorityNoticeSchema = z.looseObject({
  authorityId: z.string(),
  workerId: z.string(),
  lawyerName: z.string().describe("The assigned lawyer's name as the authority was told it"),
  firmId: z.string(),
  firmName: z.string(),
  toldAt: isoTime,
  acknowledgedAt: isoTime.nullable(),
});

/** Where a case came from, flattened for the case lists (domain/case/origin.ts). */
export const originSummarySchema = z
  .looseObject({
    kind: z.enum(['application', 'forwarded-application', 'notification']),
    via: z.string().describe("The application's channel, the forwarder's kind, or the notifying authority's kind"),
    organisationId: z.string().nullable().describe('The forwarder or notifying authority; null for an application'),
  })
  .describe('How the case came, and through whom');
