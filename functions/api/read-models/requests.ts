import * as z from 'zod';
import { fundSourceSchema } from '../../../events/catalogue/funding-events.ts';
import { organisationIdSchema, recordIdSchema } from '../../../events/catalogue/vocabulary.ts';

// Query parameters of the read-model routes (case lists, quality, funding, reports): validated by the
// route gate and the handlers, described in the OpenAPI document. No AWS imports: CDK reads routes.

export const MAX_PAGE = 100;

const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number')
    .transform(Number)
    .pipe(z.int().min(min).max(max));

const limit = intParam(1, MAX_PAGE).optional().describe(`Items per page, 1 to ${MAX_PAGE} (default 50)`);
const cursor = z.string().min(1).max(2000).optional().describe('The nextCursor of the previous page (opaque)');
const day = (what: string) => z.iso.date().optional().describe(`${what} (YYYY-MM-DD, China date, inclusive)`);

export const caseStatusParam = z.enum([
  'under-review',
  'awaiting-assignment',
  'in-progress',
  'refused',
  'withdrawn',
  'closed',
  'terminated',
  'archived',
]);

const rangeInOrder = (q: object) => {
  const { from, to } = q as { from?: string; to?: string };
  return !from || !to || from <= to;
};

const dateRange = <T extends z.ZodRawShape>(shape: T) =>
  z
    .strictObject({ ...shape, from: day('Received on or after'), to: day('Received on or before') })
    .refine(rangeInOrder, { message: 'from must not be after to', path: ['from'] });

const nodeInstead = organisationIdSchema
  .optional()
  .describe(
    "Instead of agencyId, any node of the registry (a county or city justice bureau, a provincial department): the lists of every agency under it today, merged in the list's order (a page reads each agency's partition)",
  );
const agencyOrNode = (q: { agencyId?: string | undefined; organisationId?: string | undefined }) =>
  (q.agencyId === undefined) !== (q.organisationId === undefined);
const AGENCY_OR_NODE = { message: 'name agencyId or organisationId', path: ['agencyId'] };

export const caseListQuery = dateRange({
  agencyId: organisationIdSchema.optional().describe('The agency whose cases to list'),
  organisationId: nodeInstead,
  status: caseStatusParam.optional().describe('Only cases in this status'),
  cursor,
  limit,
}).refine(agencyOrNode, AGENCY_OR_NODE);

export const overdueQuery = z
  .strictObject({
    agencyId: organisationIdSchema.optional().describe('The agency whose overdue cases to list'),
    organisationId: nodeInstead,
    cursor,
    limit,
  })
  .refine(agencyOrNode, AGENCY_OR_NODE);

export const countsQuery = z
  .strictObject({
    agencyId: organisationIdSchema.optional().describe('The agency whose cases to count'),
    organisationId: organisationIdSchema
      .optional()
      .describe('Instead of agencyId, any node of the registry: the cases of every agency that lies under it today, summed'),
  })
  .refine((q) => (q.agencyId === undefined) !== (q.organisationId === undefined), {
    message: 'name agencyId or organisationId',
    path: ['agencyId'],
  });

export const byOriginQuery = dateRange({
  organisationId: organisationIdSchema
    .optional()
    .describe("The court, procuratorate, police office or detention centre that notified or forwarded (default: the caller's own)"),
  unacknowledged: z
    .enum(['true'])
    .optional()
    .describe('Only the cases whose assigned lawyer the authority was told of and has not acknowledged (Art 36)'),
  cursor,
  limit,
});

export const byWorkerQuery = z.strictObject({
  workerId: recordIdSchema.describe('The aid worker (an aid worker may only name itself)'),
  cursor,
  limit,
});

// Reports, scorecards and funds cover the years this system can hold: a period outside them is a
// 400 naming the field, never a date the calendar arithmetic cannot represent (year 10000, year 0).
const REPORTING_YEARS = 'from 2000 to 2100';
export const yearParam = z.string().regex(/^(20\d\d|2100)$/, `a year ${REPORTING_YEARS}`);
export const monthParam = z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, `a month, YYYY-MM, ${REPORTING_YEARS}`);
const dateParam = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', `a date ${REPORTING_YEARS}`);

const periodRange = <T extends z.ZodRawShape>(shape: T) =>
  z
    .strictObject({
      ...shape,
      from: dateParam.optional().describe('From this China date (inclusive)'),
      to: dateParam.optional().describe('To this China date (inclusive)'),
    })
    .refine(rangeInOrder, { message: 'from must not be after to', path: ['from'] });

export const qualityAgencyQuery = periodRange({
  agencyId: organisationIdSchema.optional().describe('The agency (cases received in the range)'),
  organisationId: organisationIdSchema
    .optional()
    .describe(
      "Instead of agencyId, any node of the registry (a county or city justice bureau, a provincial department): its agencies' cases received in the range, each counted where its agency lay on its receipt date",
    ),
}).refine((q) => (q.agencyId === undefined) !== (q.organisationId === undefined), {
  message: 'name agencyId or organisationId',
  path: ['agencyId'],
});
export const qualityLawyerQuery = periodRange({ workerId: recordIdSchema.describe('The aid worker (an aid worker may only name itself)') });
export const missingChecksQuery = periodRange({
  agencyId: organisationIdSchema.optional().describe('The agency (cases closed in the range)'),
  organisationId: organisationIdSchema
    .optional()
    .describe(
      "Instead of agencyId, any node of the registry: its agencies' cases closed in the range, each where its agency lay on its closing date",
    ),
}).refine((q) => (q.agencyId === undefined) !== (q.organisationId === undefined), {
  message: 'name agencyId or organisationId',
  path: ['agencyId'],
});

const nodeInsteadOfAgency = (what: string) =>
  organisationIdSchema
    .optional()
    .describe(`Instead of agencyId, any node of the registry (a county or city justice bureau, a provincial department): ${what}`);

export const fundsQuery = z
  .strictObject({
    agencyId: organisationIdSchema.optional().describe('The agency whose funds to show'),
    organisationId: nodeInsteadOfAgency('the funds of every agency under it, each listed with its agency, and their totals'),
    year: yearParam.optional().describe('Budget year'),
    source: fundSourceSchema.optional(),
  })
  .refine(agencyOrNode, AGENCY_OR_NODE);

export const fundingLawyersQuery = z
  .strictObject({
    agencyId: organisationIdSchema.optional().describe('Every lawyer of this agency'),
    workerId: recordIdSchema.optional().describe('One lawyer (an aid worker may only name itself)'),
    year: yearParam.optional().describe('Closed (assessed) and approved in this year'),
  })
  .refine((q) => (q.agencyId === undefined) !== (q.workerId === undefined), { message: 'name agencyId or workerId', path: ['agencyId'] });

export const fundingMonthsQuery = z
  .strictObject({
    agencyId: organisationIdSchema.optional().describe('The agency'),
    organisationId: nodeInsteadOfAgency(
      "its agencies' subsidies month by month, each case counted where its agency lay on the day it closed, each subsidy on the day it was approved (or paid)",
    ),
    year: yearParam.describe('The year, month by month'),
  })
  .refine(agencyOrNode, AGENCY_OR_NODE);

const reportScope = {
  organisationId: organisationIdSchema
    .optional()
    .describe(
      "Any node of the registry: an agency, a county or city justice bureau, a provincial justice department (justice-department:zj: the province); its agencies rolled up along the tree on the period's own dates",
    ),
  agencyId: organisationIdSchema.optional().describe('One agency (as organisationId naming an agency)'),
  cityId: z
    .string()
    .regex(/^city:[a-z0-9-]{1,50}$/, 'a city id such as city:hz')
    .optional()
    .describe('Deprecated, kept working: city:hz is the city of justice-bureau:hz; name organisationId=justice-bureau:hz instead'),
  agencyIds: z
    .string()
    .regex(/^[a-z-]+:[A-Za-z0-9_.-]{1,100}(,[a-z-]+:[A-Za-z0-9_.-]{1,100}){0,49}$/, 'agency ids separated by commas')
    .optional()
    .describe('Several agencies, comma-separated'),
  format: z.enum(['json', 'csv']).default('json').describe('json, or csv (metric,value; UTF-8 with BOM)'),
};
export type ReportScopeQuery = {
  organisationId?: string | undefined;
  agencyId?: string | undefined;
  cityId?: string | undefined;
  agencyIds?: string | undefined;
};
const oneScope = (q: ReportScopeQuery) => [q.organisationId, q.agencyId, q.cityId, q.agencyIds].filter((v) => v !== undefined).length === 1;
const ONE_SCOPE = { message: 'name exactly one of organisationId, agencyId, cityId, agencyIds', path: ['organisationId'] };

export const monthlyReportQuery = z
  .strictObject({
    ...reportScope,
    month: monthParam.describe('The China calendar month'),
  })
  .refine(oneScope, ONE_SCOPE);

export const annualReportQuery = z
  .strictObject({
    ...reportScope,
    year: yearParam.describe('The China calendar year'),
  })
  .refine(oneScope, ONE_SCOPE);
