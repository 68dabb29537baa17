import * as z from 'zod';
import { day, isoTime, nextCursor } from './shared.ts';

// The read models' answers (functions/api/read-models/): case lists, counts, quality, funding,
// reports. Figures a report adds as it grows are inside loose objects: the document names the
// structure a client navigates, the report's own documentation its every figure.

const caseListItem = z.looseObject({
  caseId: z.string(),
  status: z.string(),
  agencyId: z.string().nullable(),
  province: z.string().nullable(),
  category: z.string().nullable(),
  formOfAid: z.string().nullable(),
  origin: z.looseObject({}).nullable(),
  receivedAt: isoTime.nullable(),
  workerId: z.string().nullable(),
  assignedAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  terminatedAt: isoTime.nullable(),
  nextDue: z.looseObject({ kind: z.string(), rule: z.string(), dueAt: isoTime }).nullable(),
  version: z.int(),
  overdue: z.boolean(),
});

export const caseListSchema = z.object({ items: z.array(caseListItem), nextCursor, asOf: isoTime }).meta({ id: 'CaseList' });

/** The node a figure covers: one agency, or an organisation and the agencies under it. */
const scope = {
  agencyId: z.string().optional(),
  organisationId: z.string().optional(),
  agencyIds: z.array(z.string()).optional(),
};

export const caseCountsSchema = z.object({
  ...scope,
  byStatus: z.record(z.string(), z.int()),
  total: z.int(),
  asOf: isoTime,
});

const range = z.object({ from: day.nullable(), to: day.nullable() });
const scorecard = z.looseObject({});

export const caseQualitySchema = z.looseObject({
  caseId: z.string(),
  agencyId: z.string().nullable(),
  workers: z.array(z.string()),
  version: z.int(),
  updatedAt: isoTime,
});

export const agencyQualitySchema = z.object({
  ...scope,
  organisationKind: z.string().optional(),
  range,
  asOf: isoTime,
  standard: z.looseObject({ id: z.string() }),
  scorecard,
  deadlines: z.looseObject({}),
  lateEntries: z.looseObject({}),
  consultations: z.looseObject({}),
  lawyers: z.array(z.looseObject({ workerId: z.string() })),
});

export const lawyerQualitySchema = z.object({
  workerId: z.string(),
  range,
  asOf: isoTime,
  standard: z.object({ id: z.string() }),
  scorecard,
});

export const missingChecksSchema = z.object({
  ...scope,
  closedCases: z.int(),
  items: z.array(
    z.object({
      caseId: z.string(),
      agencyId: z.string().nullable(),
      category: z.string().nullable(),
      formOfAid: z.string().nullable(),
      workerId: z.string().nullable(),
      closedAt: isoTime.nullable(),
      requiredChecks: z.array(z.string()),
      missingChecks: z.array(z.string()),
    }),
  ),
});

const fen = { allocatedFen: z.int(), committedFen: z.int(), paidFen: z.int(), remainingFen: z.int() };

export const fundsSchema = z.object({
  ...scope,
  funds: z.array(z.looseObject({ ...fen })),
  totals: z.object(fen),
});

export const fundingLawyersSchema = z.object({
  agencyId: z.string().optional(),
  workerId: z.string().optional(),
  year: z.string().nullable(),
  lawyers: z.array(z.looseObject({ workerId: z.string() })),
});

export const fundingMonthsSchema = z.object({
  ...scope,
  year: z.string(),
  months: z.array(z.looseObject({ month: z.string() })),
});

export const reportSchema = z
  .looseObject({
    scope: z.looseObject({ kind: z.string(), agencyIds: z.array(z.string()) }),
    period: z.looseObject({ kind: z.string(), label: z.string(), from: isoTime, to: isoTime }),
    generatedAt: isoTime,
    cases: z.looseObject({ received: z.int(), criminal: z.int() }),
    aidedPersons: z.looseObject({ total: z.int() }),
    closings: z.looseObject({ closed: z.int(), economicLossRecoveredFen: z.int() }),
    consultations: z.looseObject({}),
    satisfaction: z.looseObject({}),
    deadlines: z.looseObject({}),
    agencies: z.array(z.looseObject({ agencyId: z.string() })),
    standard: z.looseObject({ id: z.string() }),
  })
  .meta({ id: 'Report', description: 'The statistics of a period for a node of the registry (JSON; format=csv answers text/csv)' });

/** A disclosed count: the figure, or "suppressed" when it is small or would give a small one away. */
const disclosedCell = z.union([z.int(), z.literal('suppressed')]);
const disclosedRow = z.object({
  organisationId: z.string(),
  name: z.string(),
  casesReceived: disclosedCell,
  criminalCases: disclosedCell,
  casesClosed: disclosedCell,
  consultations: disclosedCell,
});

/** GET /public/statistics (functions/api/public/disclosure-table.ts). */
export const disclosureSchema = z
  .object({
    provinceId: z.string(),
    period: z.object({ kind: z.string(), label: z.string() }),
    province: disclosedRow,
    cities: z.array(disclosedRow),
    agencies: z.array(disclosedRow.extend({ cityId: z.string().nullable() })),
    suppression: z.object({ minimumCount: z.int(), ruleId: z.string(), source: z.string(), how: z.string() }),
    definitions: z.record(z.string(), z.string()),
  })
  .meta({ id: 'PublicStatistics' });
