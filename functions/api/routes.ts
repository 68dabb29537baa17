// Every HTTP route, read by the CDK stack (API Gateway routes), the local server (matching), each
// API Lambda (dispatch by route key) and the OpenAPI document. A route not listed here does not exist.
import type * as z from 'zod';
import { roles as allRoles, type Role } from '../lib/auth/roles.ts';
import { routeKeyOf } from '../lib/http/http-handler.ts';
import { commandTable } from './commands/command-table.ts';
import { importRequestSchema, MAX_IMPORT_LINES } from './imports/import-request.ts';
import { caseMomentQuery, diffQuery, exportQuery, historyQuery } from './audit/audit-requests.ts';
import { readsQuery } from './audit/reads-requests.ts';
import * as readModelQueries from './read-models/requests.ts';
import { childrenQuery, organisationQuery, pathQuery } from './organisations/organisation-requests.ts';
import { erasureDueQuery } from './privacy/erasure-requests.ts';
import { disclosureQuery } from './public/disclosure-request.ts';
import { noticeRegisterQuery } from './notices/notice-register-request.ts';
import { caseDiffSchema, caseExportSchema, caseHistorySchema, caseSchema, caseVerificationSchema } from './responses/case-answers.ts';
import { commandAnswers, referralAnswerSchema } from './responses/command-answers.ts';
import * as orgAnswers from './responses/organisation-answers.ts';
import * as rmAnswers from './responses/read-model-answers.ts';
import { consultationSchema, dutyRecordSchema, workerSchema } from './responses/record-answers.ts';
import { erasuresDueSchema, healthSchema, importAnswerSchema, openApiDocumentSchema, readsSchema } from './responses/system-answers.ts';
import { noticeRegisterSchema } from './responses/notice-answers.ts';
import { caseFundingSchema } from './responses/case-funding-answers.ts';
import { dutyFiguresQuery } from './read-models/duty-figures-request.ts';
import { dutyShiftSchema, dutyStationFiguresSchema, workstationFiguresSchema } from './responses/duty-programme-answers.ts';
import { supervisionBulletinQuery } from './read-models/supervision-bulletin-request.ts';
import { supervisionBulletinSchema } from './responses/supervision-bulletin-answers.ts';
import { cooperationSchema, cooperationStatisticsSchema, overdueCooperationSchema } from './responses/cooperation-answers.ts';
import { cooperationStatisticsQuery, overdueCooperationQuery } from './records/cooperation-queries.ts';
import { serviceAssessmentSchema, serviceStandardPassRatesSchema } from './responses/service-standard-answers.ts';
import { passRatesQuery } from './read-models/service-standard-request.ts';

export type ApiFunction = 'api-commands' | 'api-queries';

export type RouteDefinition = {
  method: 'GET' | 'POST';
  path: string;
  function: ApiFunction;
  /** False only for the health check: everything else needs a verified token. */
  authenticated: boolean;
  summary: string;
  /** Groups routes in the OpenAPI document. */
  tag: 'cases' | 'audit' | 'reports' | 'organisations' | 'system';
  /** The JSON body a POST takes; the same schema validates it in the handler. */
  body?: z.ZodType;
  /** Query parameters, as a zod object of strings. */
  query?: z.ZodObject;
  /** Status of a successful answer. */
  success: 200 | 201;
  /**
   * The body of a successful answer: a zod schema from functions/api/responses/, emitted into the
   * OpenAPI document; the contract test (test/support/contract.ts) holds every end-to-end answer to it.
   */
  response: z.ZodType;
  /** Another successful answer than `success` (the referral's 202): its status, what it means, its body. */
  alternative?: { status: 202; description: string; body: z.ZodType };
  /** True when `format=csv` answers the same data as text/csv. */
  csv?: true;
  /** Headers of a successful answer worth declaring, by name: what each says. */
  responseHeaders?: Readonly<Record<string, string>>;
  /** Roles that may call it (authenticated routes); which records they reach is checked per record. */
  roles: readonly Role[];
  /**
   * False for a POST that takes no Idempotency-Key: the import, whose lines each carry a key derived
   * from their record and step, so a repeated request replays line by line (docs/import.md).
   */
  keyed?: false;
};

/** Everyone who may look at a case they have a part in; which cases each sees is the case scope. */
const caseReaders: readonly Role[] = allRoles.filter((r) => r !== 'finance');

/** Who may read a case's audit trail: auditors and supervisors everywhere they are scoped, the agency's staff. */
const auditReaders: readonly Role[] = ['auditor', 'supervisor', 'administrator', 'agency-reviewer'];

// The other records the command API opens (its 201 `location` points at them), read from the event
// store. Who writes each is in command-table.ts; which record a caller reaches is checked per record
// (case-scope.ts): an agency's records its own staff, a duty record also its duty lawyer, an aid
// worker also the worker itself, the auditor every one. Finance works on funding, not on these.
/** The consultation ledger: the reviewers and duty lawyers who record in it, its supervisors and administrators. */
const consultationReaders: readonly Role[] = [
  'agency-reviewer',
  'duty-lawyer',
  'supervisor',
  'administrator',
  'auditor',
  'workstation-clerk',
];
/** A duty record: the duty lawyer who keeps it, and the agency's reviewers (a duty record may lead to an application), supervisors and administrators. */
const dutyRecordReaders: readonly Role[] = ['duty-lawyer', 'agency-reviewer', 'supervisor', 'administrator', 'auditor'];
/** The aid-worker registry: the administrators who keep it, the reviewers who assign from it, supervisors, the worker itself. */
const workerRecordReaders: readonly Role[] = ['administrator', 'agency-reviewer', 'supervisor', 'aid-worker', 'auditor'];

/** Cooperation requests: the agencies' reviewers and supervisors who follow them, their administrators and auditors. */
const cooperationReaders: readonly Role[] = ['agency-reviewer', 'supervisor', 'administrator', 'auditor'];

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/health',
    function: 'api-queries',
    authenticated: false,
    tag: 'system',
    success: 200,
    response: healthSchema,
    roles: [],
    summary: 'Liveness of the API',
  },
  {
    method: 'GET',
    path: '/openapi.json',
    function: 'api-queries',
    authenticated: false,
    tag: 'system',
    success: 200,
    response: openApiDocumentSchema,
    roles: [],
    summary: 'This API described in OpenAPI 3.1',
  },
  {
    method: 'GET',
    path: '/public/statistics',
    function: 'api-queries',
    authenticated: false,
    tag: 'reports',
    query: disclosureQuery,
    success: 200,
    response: rmAnswers.disclosureSchema,
    responseHeaders: {
      etag: 'Of the answer: send it back as If-None-Match to get a 304 while the figures are unchanged',
      'cache-control': 'public, max-age=3600: no caller is named, so any cache may keep it',
    },
    roles: [],
    summary:
      'Public disclosure (Legal Aid Law Art 58), no token: a province\'s cases received, criminal cases, cases closed and consultations per agency, city and the province for a year or month; a count below the rule\'s minimum, and the complementary counts that would give it away, shown as "suppressed"',
  },
  ...commandTable.map(
    (spec): RouteDefinition => ({
      method: 'POST',
      path: spec.path,
      function: 'api-commands',
      authenticated: true,
      tag: spec.tag ?? 'cases',
      success: spec.target.startsWith('open-') ? 201 : 200,
      response: commandAnswers[spec.target],
      // Art 38: an application for another agency's area is recorded as a referral, not a case.
      ...(spec.path === '/applications'
        ? {
            alternative: {
              status: 202,
              description:
                "Referred (Art 38): the matter lies in another agency's area; `referral.competentAgencyId` names the competent agency, no case is opened",
              body: referralAnswerSchema,
            },
          }
        : {}),
      body: spec.body,
      roles: spec.roles,
      summary: spec.summary,
    }),
  ),
  {
    method: 'POST',
    path: '/imports',
    function: 'api-commands',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: importAnswerSchema,
    body: importRequestSchema,
    keyed: false,
    roles: ['administrator'],
    summary: `Import a batch of an older system's records (docs/import.md), at most ${MAX_IMPORT_LINES} lines, each through the same command path as the API with its original date and provenance; only lines of organisations under the caller's (else 403 before anything is written); 200 with each line's outcome: accepted, replayed, rejected {code, field, reason}, skipped`,
  },
  {
    method: 'GET',
    path: '/cases/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: caseSchema,
    roles: caseReaders,
    query: caseMomentQuery,
    summary:
      'A case as it stands, with its due dates and what is overdue: from the case-status read model, or folded from the event store while the read model is behind; with asOf or version, folded from the event store at that moment, in the same shape',
    responseHeaders: {
      'x-read-source':
        "`read-model` (the case-status read model held the stream's last event) or `event-store` (the read model was behind or had no row yet, or asOf/version was asked: the stream folded with the projection's code). The body has the same shape either way. A stale row is never answered: after a write the caller would read the case without it",
      ETag: 'The version answered, for If-Match (not sent for asOf/version)',
    },
  },
  {
    method: 'GET',
    path: '/cases/{id}/funding',
    function: 'api-queries',
    authenticated: true,
    tag: 'reports',
    success: 200,
    // The case's scope as GET /cases/{id} judges it, for those who deal with its money: the agency's
    // staff (finance among them), the bureau's auditors and administrators, the lawyer whose subsidy it is.
    roles: ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor', 'aid-worker'],
    response: caseFundingSchema,
    summary:
      "A case's subsidy folded from the event store: the rate table applied (id, source, dates), the base and each adjustment with its rule, the approvals and payments (who, when, which fund), what is outstanding",
  },
  {
    method: 'GET',
    path: '/consultations/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: consultationSchema,
    roles: consultationReaders,
    summary:
      'A consultation in the ledger (Art 23) as its events fold: channel, topic, the answer, whether the person was told of the right to apply, the application it led to',
  },
  {
    method: 'GET',
    path: '/duty-records/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: dutyRecordSchema,
    roles: dutyRecordReaders,
    summary: 'A duty-lawyer record (Art 30) as its events fold: station, person helped, services given, closing',
  },
  {
    method: 'GET',
    path: '/duty-shifts/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: dutyShiftSchema,
    roles: dutyRecordReaders,
    summary:
      "A shift of a duty station's rota as its events fold: station, times, lawyers, each lawyer's check-in (minutes late, on time / late / absent) and check-out, the duty records opened on it",
  },
  {
    method: 'GET',
    path: '/workers/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: workerSchema,
    roles: workerRecordReaders,
    summary: 'An aid worker in the registry as its events fold: agency, kind, licence, relevant practice, active or not',
  },
  // Cooperation between agencies (issue 19, docs/cooperation.md): the two agencies' staff and the bureaus over them.
  {
    method: 'GET',
    path: '/cooperation-requests/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'cases',
    success: 200,
    response: cooperationSchema,
    roles: cooperationReaders,
    summary: 'A cooperation request as its events fold: who asked whom for what, by when, and every answer',
  },
  {
    method: 'GET',
    path: '/cooperation-requests/statistics',
    function: 'api-queries',
    authenticated: true,
    tag: 'reports',
    success: 200,
    response: cooperationStatisticsSchema,
    roles: cooperationReaders,
    query: cooperationStatisticsQuery,
    summary: 'Cooperation an agency gave (asked of it) and received (asked by it): asked, accepted, declined, completed, late, by task',
  },
  {
    method: 'GET',
    path: '/cooperation-requests/overdue',
    function: 'api-queries',
    authenticated: true,
    tag: 'reports',
    success: 200,
    response: overdueCooperationSchema,
    roles: cooperationReaders,
    query: overdueCooperationQuery,
    summary: "An agency's cooperation requests open past their due date on a business day: those it owes and those it awaits",
  },
  // The service standard (docs/service-standard.md): the agency's staff and the bureaus over it.
  {
    method: 'GET',
    path: '/service-assessments/{id}',
    function: 'api-queries',
    authenticated: true,
    tag: 'reports',
    success: 200,
    response: serviceAssessmentSchema,
    roles: ['agency-reviewer', 'supervisor', 'administrator', 'auditor'],
    summary:
      "An organisation's service-standard assessment of a year as its events fold: the standard, the self-assessment, the bureau's inspection with its deductions, total, pass or fail, model station",
  },
  // Audit: history, differences, chain verification and export, read from the event store.
  {
    method: 'GET',
    path: '/cases/{id}/history',
    function: 'api-queries',
    authenticated: true,
    tag: 'audit',
    success: 200,
    response: caseHistorySchema,
    roles: auditReaders,
    query: historyQuery,
    summary: 'Every event of a case, oldest first: who, from where, when, why, the data, and its hash links; paginated',
  },
  {
    method: 'GET',
    path: '/cases/{id}/diff',
    function: 'api-queries',
    authenticated: true,
    tag: 'audit',
    success: 200,
    response: caseDiffSchema,
    roles: auditReaders,
    query: diffQuery,
    summary: 'The fields of the folded case that changed between two versions, and the events in between',
  },
  {
    method: 'GET',
    path: '/cases/{id}/verify',
    function: 'api-queries',
    authenticated: true,
    tag: 'audit',
    success: 200,
    response: caseVerificationSchema,
    roles: auditReaders,
    summary: "Recomputes the case's hash chain and names the first break (altered, removed or truncated events)",
  },
  {
    method: 'GET',
    path: '/cases/{id}/export',
    function: 'api-queries',
    authenticated: true,
    tag: 'audit',
    success: 200,
    response: caseExportSchema,
    csv: true,
    roles: auditReaders,
    query: exportQuery,
    summary: "The case's full history for an auditor, as JSON (verifiable offline) or CSV",
  },
  // Erasure (docs/erasure.md): what an agency's bureau may now approve erasing; the erasure itself is a command.
  {
    method: 'GET',
    path: '/personal-data/erasures/due',
    function: 'api-queries',
    authenticated: true,
    tag: 'audit',
    success: 200,
    response: erasuresDueSchema,
    roles: ['administrator'],
    query: erasureDueQuery,
    summary:
      "An agency's records whose retention period has ended (PIPL Art 19, 47), with the rule applied, for the bureau over it to approve erasing; paged",
  },
  {
    method: 'GET',
    path: '/audit/reads',
    function: 'api-queries',
    authenticated: true,
    tag: 'audit',
    success: 200,
    response: readsSchema,
    // The read audit answers the auditors and the administrators who answer for the data, each within
    // their scope (functions/api/audit/reads-scope.ts); nobody else learns who looked at what.
    roles: ['auditor', 'administrator'],
    query: readsQuery,
    summary:
      "Every read of personal data on record: who read a record (record=, for a caller who may read the record) or what a person read (reader=, the reads made in the caller's organisation or under it): who, role, organisation, workstation, route, when, from which address, the stated purpose; oldest first, paged",
  },
  // Read models. Roles here; which agency, organisation or worker each caller may name is
  // checked by the handlers (functions/api/read-models/access.ts) on the registry: agency staff their
  // own agency, a bureau's auditors (and, for figures, its administrators) what lies under it, a court,
  // procuratorate, police office or detention centre only what it sent, an aid worker only itself.
  ...readModelRoutes(),
  ...organisationReadRoutes(),
];

/**
 * The registry's reads (functions/api/organisations/). Its facts are public information of public
 * bodies: every role reads them. Its history is the registry's audit trail: the administrators and
 * auditors of a justice body above the organisation (checked per organisation).
 */
function organisationReadRoutes(): RouteDefinition[] {
  const route = (path: string, roles: readonly Role[], query: z.ZodObject, response: z.ZodType, summary: string): RouteDefinition => ({
    method: 'GET',
    path,
    function: 'api-queries',
    authenticated: true,
    tag: 'organisations',
    success: 200,
    response,
    roles,
    query,
    summary,
  });
  return [
    route(
      '/organisations/{id}',
      allRoles,
      organisationQuery,
      orgAnswers.organisationSchema,
      'An organisation on a day: kind, name in force, parent, GB/T 2260 code, validity, who holds its records, the bureau over it, its province, contacts, and its dated names and placements',
    ),
    route(
      '/organisations/{id}/children',
      allRoles,
      childrenQuery,
      orgAnswers.organisationChildrenSchema,
      'The organisations placed under it on a day (or everything that lies under it), optionally of one kind',
    ),
    route(
      '/organisations/{id}/path',
      allRoles,
      pathQuery,
      orgAnswers.organisationPathSchema,
      'The path up on a day, as figures roll up: itself (or its successor), each parent, the country',
    ),
    route(
      '/organisations/{id}/history',
      ['administrator', 'auditor'],
      historyQuery,
      orgAnswers.organisationHistorySchema,
      'Every event of an organisation, oldest first, with who recorded it and its hash links; paginated; for the justice bodies above it',
    ),
  ];
}

function readModelRoutes(): RouteDefinition[] {
  const q = readModelQueries;
  const agencyReaders: readonly Role[] = ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor'];
  const originReaders: readonly Role[] = ['court', 'procuratorate', 'police', 'detention-centre', 'auditor'];
  const workerReaders: readonly Role[] = ['aid-worker', 'agency-reviewer', 'supervisor', 'administrator', 'auditor'];
  const qualityReaders: readonly Role[] = ['supervisor', 'agency-reviewer', 'administrator', 'auditor'];
  const fundingReaders: readonly Role[] = ['finance', 'administrator', 'auditor'];
  const get = (
    path: string,
    tag: RouteDefinition['tag'],
    roles: readonly Role[],
    query: z.ZodObject | undefined,
    response: z.ZodType,
    summary: string,
    extra: Partial<RouteDefinition> = {},
  ): RouteDefinition => ({
    method: 'GET',
    path,
    function: 'api-queries',
    authenticated: true,
    tag,
    success: 200,
    roles,
    ...(query ? { query } : {}),
    response,
    summary,
    ...extra,
  });
  return [
    get(
      '/cases',
      'cases',
      agencyReaders,
      q.caseListQuery,
      rmAnswers.caseListSchema,
      "An agency's cases, by status (its work queues) or all, optionally received in a date range; paged with an opaque cursor",
    ),
    get(
      '/cases/overdue',
      'cases',
      agencyReaders,
      q.overdueQuery,
      rmAnswers.caseListSchema,
      "An agency's cases with a deadline past due now, most overdue first; paged",
    ),
    get(
      '/cases/counts',
      'cases',
      agencyReaders,
      q.countsQuery,
      rmAnswers.caseCountsSchema,
      "How many of an agency's cases are in each status",
    ),
    get(
      '/cases/by-origin',
      'cases',
      originReaders,
      q.byOriginQuery,
      rmAnswers.caseListSchema,
      'The cases a court, procuratorate, police office or detention centre notified or forwarded (its own only); paged',
    ),
    get(
      '/notice-register',
      'cases',
      ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor'],
      noticeRegisterQuery,
      noticeRegisterSchema,
      "An agency's register of assignment notices (编号、留存根) for a year, in number order: number, printed form, case, worker, assigned and recorded times, the stub; read from the counter stream, where a gap cannot arise (the stub and the assignment are one transaction) and is listed under `gaps` if data were ever damaged; paged by number (after, nextAfter); JSON or CSV",
      { csv: true },
    ),
    get(
      '/cases/by-worker',
      'cases',
      workerReaders,
      q.byWorkerQuery,
      rmAnswers.caseListSchema,
      "An aid worker's caseload (an aid worker sees only its own); paged",
    ),
    get(
      '/quality/cases/{id}',
      'reports',
      [...qualityReaders, 'aid-worker'],
      undefined,
      rmAnswers.caseQualitySchema,
      "A case's quality-supervision record: checks with scores and grades, complaints, deadlines, required checks still missing",
    ),
    get(
      '/quality/agency',
      'reports',
      qualityReaders,
      q.qualityAgencyQuery,
      rmAnswers.agencyQualitySchema,
      "An agency's quality scorecard: checks, scores, satisfaction, complaints, deadline compliance against the ≥ 90 % standard, per lawyer",
    ),
    get(
      '/quality/lawyer',
      'reports',
      [...qualityReaders, 'aid-worker'],
      q.qualityLawyerQuery,
      rmAnswers.lawyerQualitySchema,
      "A lawyer's quality scorecard (an aid worker sees only its own)",
    ),
    get(
      '/quality/missing-checks',
      'reports',
      qualityReaders,
      q.missingChecksQuery,
      rmAnswers.missingChecksSchema,
      "An agency's closed cases that lack a check the quality standard requires",
    ),
    get(
      '/supervision-bulletins',
      'reports',
      qualityReaders,
      supervisionBulletinQuery,
      supervisionBulletinSchema,
      'The monthly supervision bulletin (seed 004: 案件监督实行月通报制度) of an agency, or of a justice bureau or department with its agencies rolled up as reports roll them: per agency, the deadlines that fell due in the month and are still open, the cases closed in the month lacking a required check, the complaints lodged in the month with their state now, and totals; commendations are not recorded by the system. JSON, or CSV (format=csv or Accept: text/csv)',
      { csv: true },
    ),
    get(
      '/duty-stations/{id}/figures',
      'reports',
      qualityReaders,
      dutyFiguresQuery,
      dutyStationFiguresSchema,
      "A duty station's month (seeds 000, 003): shifts planned, each lawyer's place on them attended on time, late or absent, and the services its duty records gave by kind, on a shift or outside any",
    ),
    get(
      '/workstations/{id}/figures',
      'reports',
      [...qualityReaders, 'workstation-clerk'],
      dutyFiguresQuery,
      workstationFiguresSchema,
      "A workstation's month (issue 19): applications and consultations it took, preliminary opinions, the agency's decisions following or departing from them, and the median China calendar days from the station's receipt to the agency's decision",
    ),
    get(
      '/service-standard/pass-rates',
      'reports',
      ['administrator', 'auditor'],
      passRatesQuery,
      serviceStandardPassRatesSchema,
      'The year under a city or province (规范服务达标): agencies inspected and passed, the pass rate against the target (90 %), met or not; workstations inspected, model stations and their share against the target (≥ 20 %)',
    ),
    get(
      '/funding/funds',
      'reports',
      fundingReaders,
      q.fundsQuery,
      rmAnswers.fundsSchema,
      "An agency's funds: allocated, committed, paid and remaining, payments per month",
    ),
    get(
      '/funding/lawyers',
      'reports',
      [...fundingReaders, 'aid-worker'],
      q.fundingLawyersQuery,
      rmAnswers.fundingLawyersSchema,
      'Subsidies per lawyer: assessed at closing, approved, paid (an aid worker sees only its own)',
    ),
    get(
      '/funding/months',
      'reports',
      fundingReaders,
      q.fundingMonthsQuery,
      rmAnswers.fundingMonthsSchema,
      "An agency's subsidies month by month: assessed, approved, paid",
    ),
    get(
      '/reports/monthly',
      'reports',
      agencyReaders,
      q.monthlyReportQuery,
      rmAnswers.reportSchema,
      "Monthly statistics of any node of the organisation registry (organisationId: an agency, a county or city justice bureau, a provincial department; its agencies rolled up along the tree on the period's own dates, an agency merged during the period counted under its successor from the merger date) or a list of agencies: cases by category and form, criminal share, origins, priority groups, consultations, closings and loss recovered, satisfaction, deadline compliance; JSON or CSV",
      { csv: true },
    ),
    get(
      '/reports/annual',
      'reports',
      agencyReaders,
      q.annualReportQuery,
      rmAnswers.reportSchema,
      'Annual statistics, as the monthly report, for a calendar year and any node of the registry; JSON or CSV',
      { csv: true },
    ),
  ];
}

export { routeKeyOf };
