import * as z from 'zod';
import { cooperationTaskSchema } from '../../../events/catalogue/cooperation-events.ts';
import { isoTime, nullableString } from './shared.ts';

// Cooperation between agencies (docs/across-agencies.md): a request as its events fold, an agency's
// counts, its overdue requests.

const cooperationStatus = z.enum(['none', 'requested', 'accepted', 'declined', 'completed']);

const freeText = (what: string) => z.string().describe(`${what} (free text, personal data)`);
const step = <T extends string>(type: T, data: z.ZodRawShape) =>
  z.object({
    type: z.literal(type),
    at: isoTime,
    by: z.string().describe('The organisation that took the step'),
    data: z.looseObject({ cooperationId: z.string(), ...data }),
  });

/** One step with its event's data (events/catalogue/cooperation-events.ts), by event type. */
const historyStep = z.discriminatedUnion('type', [
  step('CooperationRequested', {
    fromAgencyId: z.string(),
    toAgencyId: z.string(),
    task: cooperationTaskSchema,
    caseId: z.string().nullable(),
    details: freeText('What is asked'),
    dueAt: isoTime,
    requestedAt: isoTime,
  }),
  step('CooperationAccepted', { acceptedAt: isoTime }),
  step('CooperationDeclined', { reasons: freeText('Why it was declined'), declinedAt: isoTime }),
  step('CooperationCompleted', { record: freeText('What was done'), completedAt: isoTime }),
]);

/** GET /cooperation-requests/{id} (functions/api/records/cooperation-queries.ts). */
export const cooperationSchema = z
  .looseObject({
    id: z.string(),
    status: cooperationStatus,
    cooperationId: nullableString,
    fromAgencyId: nullableString,
    toAgencyId: nullableString,
    task: cooperationTaskSchema.nullable(),
    caseId: nullableString,
    dueAt: nullableString,
    requestedAt: nullableString,
    acceptedAt: nullableString,
    declinedAt: nullableString,
    completedAt: nullableString,
    history: z.array(historyStep).describe('Each step of the request, in order'),
    version: z.int().min(1),
    updatedAt: isoTime,
  })
  .meta({ id: 'CooperationRequest' });

const counts = z.object({
  asked: z.int(),
  accepted: z.int(),
  declined: z.int(),
  completed: z.int(),
  completedLate: z.int(),
  byTask: z.partialRecord(cooperationTaskSchema, z.int()).describe('Requests per task; a task with none is absent'),
});

/** GET /cooperation-requests/statistics (domain/cooperation/statistics.ts). */
export const cooperationStatisticsSchema = z
  .object({ agencyId: z.string(), given: counts, received: counts })
  .meta({ id: 'CooperationStatistics' });

const overdueLine = z.object({
  cooperationId: z.string(),
  fromAgencyId: z.string(),
  toAgencyId: z.string(),
  task: cooperationTaskSchema,
  status: cooperationStatus,
  dueAt: isoTime,
});

/** GET /cooperation-requests/overdue (domain/cooperation/statistics.ts). */
export const overdueCooperationSchema = z
  .object({ agencyId: z.string(), asOf: isoTime, owed: z.array(overdueLine), awaited: z.array(overdueLine) })
  .meta({ id: 'OverdueCooperation' });
