import * as z from 'zod';

// GET /supervision-bulletins (functions/lib/read-models/supervision-bulletin.ts).

const isoTime = z.string().describe('An ISO 8601 time');
const totals = z.object({ overdue: z.int(), missingChecks: z.int(), complaints: z.int(), complaintsOpen: z.int() });

const agencyBulletin = z.object({
  agencyId: z.string(),
  overdue: z.array(z.object({ agencyId: z.string(), caseId: z.string(), deadline: z.string(), dueAt: isoTime, receivedOn: z.string() })),
  missingChecks: z.array(
    z.object({
      agencyId: z.string(),
      caseId: z.string(),
      category: z.string().nullable(),
      workerId: z.string().nullable(),
      closedAt: isoTime,
      missingChecks: z.array(z.string()),
    }),
  ),
  complaints: z.array(
    z.object({
      agencyId: z.string(),
      caseId: z.string(),
      complaintId: z.string(),
      subject: z.enum(['lawyer', 'staff', 'agency']),
      workerId: z.string().nullable(),
      lodgedAt: isoTime,
      state: z.enum(['open', 'handled']),
      finding: z.string().nullable(),
    }),
  ),
  totals,
});

export const supervisionBulletinSchema = z
  .object({
    organisationId: z.string(),
    organisationKind: z.string(),
    month: z.string(),
    asOf: isoTime,
    agencyIds: z.array(z.string()),
    agencies: z.array(agencyBulletin),
    totals,
    commendations: z.object({ recorded: z.boolean(), note: z.string() }),
  })
  .meta({
    id: 'SupervisionBulletin',
    description:
      'The monthly supervision bulletin of a node, per agency with totals (JSON; format=csv or Accept: text/csv answers text/csv)',
  });
