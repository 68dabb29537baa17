import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event.ts';
import {
  applicantRoleSchema,
  applicationChannelSchema,
  categorySchema,
  formOfAidSchema,
  isoTimeSchema,
  organisationIdSchema,
  personSchema,
  provinceSchema,
} from './vocabulary.ts';

// Events of a case stream (`case#<id>`), named as the law's steps in the past tense.

export const ApplicationReceived = defineEvent(
  'ApplicationReceived',
  1,
  z.strictObject({
    caseId: z.string().min(1),
    agencyId: organisationIdSchema,
    province: provinceSchema,
    channel: applicationChannelSchema,
    applicantRole: applicantRoleSchema,
    applicant: personSchema,
    category: categorySchema,
    formOfAid: formOfAidSchema,
    matter: z.string().min(1).max(2000),
    receivedAt: isoTimeSchema,
  }),
);

export const caseEventDefinitions = [ApplicationReceived] as const;

export type CaseEvent = EventOf<(typeof caseEventDefinitions)[number]>;
export type CaseEventType = CaseEvent['type'];
