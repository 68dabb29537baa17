import * as cases from './case-answer-examples.ts';
import * as records from './record-answer-examples.ts';
import * as reports from './report-answer-examples.ts';
import { passRatesExample, serviceAssessmentExample } from './service-standard-examples.ts';
import { supervisionBulletinExample } from './supervision-bulletin-example.ts';

// What each query answers, one example per GET route by route key, shown in the OpenAPI document
// beside the route's success schema; test/unit/openapi-examples.test.ts holds each to that schema.

export const queryAnswerExamples: Readonly<Record<string, unknown>> = {
  'GET /health': { status: 'ok' },
  'GET /openapi.json': { openapi: '3.1.0', info: { title: 'Legal-aid case API', version: '1.0.0' }, paths: {} },
  'GET /public/statistics': reports.disclosureExample,
  'GET /cases/{id}': cases.caseExample,
  'GET /cases/{id}/funding': cases.caseFundingExample,
  'GET /consultations/{id}': records.consultationExample,
  'GET /duty-records/{id}': records.dutyRecordExample,
  'GET /duty-shifts/{id}': records.dutyShiftExample,
  'GET /workers/{id}': records.workerExample,
  'GET /cooperation-requests/{id}': records.cooperationExample,
  'GET /cooperation-requests/statistics': records.cooperationStatisticsExample,
  'GET /cooperation-requests/overdue': records.overdueCooperationExample,
  'GET /cases/{id}/history': cases.caseHistoryExample,
  'GET /cases/{id}/diff': cases.caseDiffExample,
  'GET /cases/{id}/verify': cases.caseVerificationExample,
  'GET /cases/{id}/export': cases.caseExportExample,
  'GET /personal-data/erasures/due': reports.erasuresDueExample,
  'GET /audit/reads': reports.readsExample,
  'GET /cases': reports.caseListExample,
  'GET /cases/overdue': reports.overdueCaseListExample,
  'GET /cases/counts': reports.caseCountsExample,
  'GET /cases/by-origin': reports.caseListExample,
  'GET /notice-register': records.noticeRegisterExample,
  'GET /cases/by-worker': reports.caseListExample,
  'GET /quality/cases/{id}': reports.caseQualityExample,
  'GET /quality/agency': reports.agencyQualityExample,
  'GET /quality/lawyer': reports.lawyerQualityExample,
  'GET /quality/missing-checks': reports.missingChecksExample,
  'GET /supervision-bulletins': supervisionBulletinExample,
  'GET /duty-stations/{id}/figures': records.dutyStationFiguresExample,
  'GET /workstations/{id}/figures': records.workstationFiguresExample,
  'GET /service-assessments/{id}': serviceAssessmentExample,
  'GET /service-standard/pass-rates': passRatesExample,
  'GET /funding/funds': reports.fundsExample,
  'GET /funding/lawyers': reports.fundingLawyersExample,
  'GET /funding/months': reports.fundingMonthsExample,
  'GET /reports/monthly': reports.reportExample,
  'GET /reports/annual': {
    ...reports.reportExample,
    period: { kind: 'year', label: '2025', from: '2024-12-31T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z' },
  },
  'GET /organisations/{id}': records.organisationExample,
  'GET /organisations/{id}/children': records.organisationChildrenExample,
  'GET /organisations/{id}/path': records.organisationPathExample,
  'GET /organisations/{id}/history': records.organisationHistoryExample,
};
