import * as z from 'zod';
import { isoTime, nullableString, openRecord } from './shared.ts';

// Cooperation between agencies (docs/across-agencies.md): a request as its events fold, an agency's
// counts, its overdue requests.

const cooperationStatus = z.enum(['none', 'requested', 'accepted', 'declined', 'completed']);

/** GET /cooperation-requests/{id} (functions/api/records/cooperation-queries.ts). */
export const cooperationSchema = z
  .looseObject({
    id: z.string(),
    status: cooperationStatus,
    cooperationId: nullableString,
    fromAgencyId: nullableString,
    toAgencyId: nullableString,
    task: nullableString,
    caseId: nullableString,
    dueAt: nullableString,
    requestedAt: nullableString,
    acceptedAt: nullableString,
    declinedAt: nullableString,
    completedAt: nullableString,
    history: z.array(
      z.object({
        type: z.string(),
        at: isoTime,
        by: z.string(),
        data: openRecord('The event data, whose members differ per event type (events/catalogue/cooperation-events.ts)'),
      }),
    ),
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
  byTask: z.record(z.string(), z.int()),
});

/** GET /cooperation-requests/statistics (domain/cooperation/statistics.ts). */
export const cooperationStatisticsSchema = z
  .object({ agencyId: z.string(), given: counts, received: counts })
  .meta({ id: 'CooperationStatistics' });

const overdueLine = z.object({
  cooperationId: z.string(),
  fromAgencyId: z.string(),
  toAgencyId: z.string(),
  task: z.string(),
  status: cooperationStatus,
  dueAt: isoTime,
});

/** GET /cooperation-requests/overdue (domain/cooperation/statistics.ts). */
export const overdueCooperationSchema = z
  .object({ agencyId: z.string(), asOf: isoTime, owed: z.array(overdueLine), awaited: z.array(overdueLine) })
  .meta({ id: 'OverdueCooperation' });
