import * as z from 'zod';
import { fact, personal } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { categorySchema, isoTimeSchema, organisationIdSchema, recordIdSchema, textSchema } from './vocabulary.ts';

// The consultation ledger (咨询台账), one stream per consultation: `consultation#<id>` (Art 23).

export const consultationChannelSchema = z.enum(['window', 'hotline-12348', 'internet', 'workstation']);

export const ConsultationRecorded = defineEvent(
  'ConsultationRecorded',
  1,
  z.strictObject({
    consultationId: recordIdSchema,
    agencyId: organisationIdSchema,
    channel: consultationChannelSchema,
    /** The township, court or other workstation that took it (Art 13); null at the agency itself. */
    workstationId: fact(z.string().min(1).max(200), 'the id of a workstation (a desk), not of a person').nullable(),
    topic: personal('free-text', z.string().min(1).max(500)),
    category: categorySchema.nullable(),
    /** Callers to 12348 may stay anonymous; the ledger needs no identity number. */
    personName: personal('name', z.string().min(1).max(100)).nullable(),
    /** Art 23: the person is told of the right to apply, its conditions and procedure. */
    toldOfRightToApply: z.boolean(),
    notToldReason: textSchema.nullable(),
    answer: textSchema,
    consultedAt: isoTimeSchema,
  }),
);

export const ConsultationLedToApplication = defineEvent(
  'ConsultationLedToApplication',
  1,
  z.strictObject({ caseId: recordIdSchema, linkedAt: isoTimeSchema }),
);

export const consultationEventDefinitions = [ConsultationRecorded, ConsultationLedToApplication] as const;
export type ConsultationEvent = EventOf<(typeof consultationEventDefinitions)[number]>;
