import * as z from 'zod';
import { freeText } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

// Cooperation between agencies (issue 19 point 2, seed 003 "异地协作"): agency A asks agency B to do
// a task in B's area with a due date; B accepts, declines with reasons, or completes it with a record.
// On the request's own stream (`cooperation#<id>`); each agency's index stream holds a status line
// per step (CooperationIndexed), what its statistics and supervision lists fold.

export const cooperationTaskSchema = z.enum(['meet-detained-person', 'serve-documents', 'collect-evidence', 'attend-hearing']);
export const cooperationStatusSchema = z.enum(['requested', 'accepted', 'declined', 'completed']);

export const CooperationRequested = defineEvent(
  'CooperationRequested',
  1,
  z.strictObject({
    cooperationId: recordIdSchema,
    fromAgencyId: organisationIdSchema,
    toAgencyId: organisationIdSchema,
    task: cooperationTaskSchema,
    /** The case the task serves, when there is one (the requesting agency's). */
    caseId: recordIdSchema.nullable(),
    details: freeText(1),
    dueAt: isoTimeSchema,
    requestedAt: isoTimeSchema,
  }),
);

export const CooperationAccepted = defineEvent(
  'CooperationAccepted',
  1,
  z.strictObject({ cooperationId: recordIdSchema, acceptedAt: isoTimeSchema }),
);

export const CooperationDeclined = defineEvent(
  'CooperationDeclined',
  1,
  z.strictObject({ cooperationId: recordIdSchema, reasons: freeText(1), declinedAt: isoTimeSchema }),
);

export const CooperationCompleted = defineEvent(
  'CooperationCompleted',
  1,
  z.strictObject({
    cooperationId: recordIdSchema,
    /** What was done: whom B met, what it served, what evidence it collected, which hearing it attended. */
    record: freeText(1),
    completedAt: isoTimeSchema,
  }),
);

/** One step of a request, on each party agency's index stream: no personal data, enough to count and supervise. */
export const CooperationIndexed = defineEvent(
  'CooperationIndexed',
  1,
  z.strictObject({
    cooperationId: recordIdSchema,
    fromAgencyId: organisationIdSchema,
    toAgencyId: organisationIdSchema,
    task: cooperationTaskSchema,
    status: cooperationStatusSchema,
    dueAt: isoTimeSchema,
    at: isoTimeSchema,
  }),
);

export const cooperationEventDefinitions = [
  CooperationRequested,
  CooperationAccepted,
  CooperationDeclined,
  CooperationCompleted,
  CooperationIndexed,
] as const;
export type CooperationEvent = EventOf<(typeof cooperationEventDefinitions)[number]>;
