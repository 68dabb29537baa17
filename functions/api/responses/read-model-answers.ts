import * as z from 'zod';
import { closingOutcomeSchema } from '../../../events/catalogue/closing-events.ts';
import { fundSourceSchema } from '../../../events/catalogue/funding-events.ts';
import { categorySchema, formOfAidSchema, priorityGroupSchema } from '../../../events/catalogue/vocabulary.ts';
import { complianceKeys } from '../../../domain/quality/standard.ts';
import { originKinds } from '../../lib/reports/report.ts';
import { caseStatusParam } from '../read-models/requests.ts';
import { originSummarySchema } from './case-parts.ts';
import { qualityRecordSchema } from './quality-record.ts';
import {
  complianceFiguresSchema,
  consultationFiguresSchema,
  lateEntryFiguresSchema,
  satisfactionFiguresSchema,
  scorecardSchema,
  tallyOf,
} from './quality-figures.ts';
import { day, isoTime, nextCursor } from './shared.ts';

// The read models' answers (functions/api/read-models/): case lists, counts, quality, funding,
// reports. Every figure is declared; objects stay loose so a figure added later breaks no client.

const caseListItem = z.looseObject({
  caseId: z.string(),
  status: z.string(),
  agencyId: z.string().nullable(),
  province: z.string().nullable(),
  category: z.string().nullable(),
  formOfAid: z.string().nullable(),
  origin: originSummarySchema.nullable(),
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
  byStatus: tallyOf(caseStatusParam.options).describe('Cases now in each status'),
  total: z.int(),
  asOf: isoTime,
});

const range = z.object({ from: day.nullable(), to: day.nullable() });
const scorecard = scorecardSchema;

export const caseQualitySchema = qualityRecordSchema;

export const agencyQualitySchema = z.object({
  ...scope,
  organisationKind: z.string().optional(),
  range,
  asOf: isoTime,
  standard: z.looseObject({
    id: z.string(),
    complianceTarget: z.number(),
    agencyDeadlines: z.array(z.enum(complianceKeys as [string, ...string[]])),
  }),
  scorecard,
  deadlines: complianceFiguresSchema,
  lateEntries: lateEntryFiguresSchema.describe('Steps entered after they happened (a paper record entered late), flagged for supervisors'),
  consultations: consultationFiguresSchema,
  lawyers: z.array(scorecardSchema.extend({ workerId: z.string() })).describe("Each lawyer's scorecard on the node's cases"),
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
  funds: z.array(
    z.looseObject({
      agencyId: z.string().describe('The agency that holds the fund (Art 52)'),
      year: z.int().describe('The budget year'),
      source: fundSourceSchema,
      ...fen,
      paidByMonth: z.record(z.string(), z.int()).describe('Paid from the fund per China month (YYYY-MM), in fen'),
    }),
  ),
  totals: z.object(fen),
});

export const fundingLawyersSchema = z.object({
  agencyId: z.string().optional(),
  workerId: z.string().optional(),
  year: z.string().nullable(),
  lawyers: z.array(
    z.looseObject({
      workerId: z.string(),
      closedCases: z.int(),
      assessedFen: z.int().describe('The subsidy assessed on the cases closed, by the rate tables'),
      notAssessable: z.int().describe('Closed cases no rate table could assess'),
      approvedCases: z.int(),
      approvedFen: z.int(),
      paidCases: z.int(),
      paidFen: z.int(),
    }),
  ),
});

export const fundingMonthsSchema = z.object({
  ...scope,
  year: z.string(),
  months: z.array(
    z.looseObject({
      month: z.string().describe('YYYY-MM (China month); all twelve of the year'),
      assessedCases: z.int().describe('Cases closed in the month'),
      assessedFen: z.int(),
      approvedCases: z.int().describe('Subsidies approved in the month'),
      approvedFen: z.int(),
      paidCases: z.int().describe('Subsidies paid in the month'),
      paidFen: z.int(),
    }),
  ),
});

export const reportSchema = z
  .looseObject({
    scope: z.looseObject({
      kind: z.enum(['agency', 'organisation', 'agencies']),
      organisationId: z.string().optional().describe('The node reported on; absent for a list of agencies'),
      organisationKind: z.string().optional(),
      name: z.string().optional().describe("The node's name in force on the period's last day"),
      agencyIds: z.array(z.string()),
    }),
    period: z.looseObject({ kind: z.string(), label: z.string(), from: isoTime, to: isoTime }),
    generatedAt: isoTime,
    cases: z.looseObject({
      received: z.int(),
      byCategory: tallyOf(categorySchema.options),
      byFormOfAid: tallyOf(formOfAidSchema.options),
      criminal: z.int(),
      criminalShare: z.number().nullable().describe('Criminal cases closed ÷ all cases closed; null when none closed'),
      byOrigin: z.looseObject({
        application: tallyOf(originKinds.application),
        'forwarded-application': tallyOf(originKinds['forwarded-application']),
        notification: tallyOf(originKinds.notification),
      }),
    }),
    aidedPersons: z.looseObject({ total: z.int(), inPriorityGroups: z.int(), byPriorityGroup: tallyOf(priorityGroupSchema.options) }),
    closings: z.looseObject({ closed: z.int(), byOutcome: tallyOf(closingOutcomeSchema.options), economicLossRecoveredFen: z.int() }),
    consultations: consultationFiguresSchema,
    satisfaction: satisfactionFiguresSchema,
    deadlines: complianceFiguresSchema,
    agencies: z.array(
      z.looseObject({
        agencyId: z.string(),
        received: z.int(),
        criminal: z.int(),
        closed: z.int(),
        economicLossRecoveredFen: z.int(),
        consultations: z.int(),
      }),
    ),
    standard: z.looseObject({ id: z.string(), complianceTarget: z.number() }),
    definitions: z.record(z.string(), z.string()).describe('What each figure counts'),
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
