// What the read models, the reports, the public statistics and the privacy and read audits answer
// (functions/api/responses/read-model-answers.ts, system-answers.ts), one example each for the
// OpenAPI document; held to the schemas by test/unit/openapi-examples.test.ts. Invented figures.

import { closingOutcomeSchema } from '../../../events/catalogue/closing-events.ts';
import { formOfAidSchema } from '../../../events/catalogue/vocabulary.ts';
import { reportDefinitions } from '../../lib/reports/report.ts';

const AGENCY = 'agency:hz-xihu';
const asOf = '2026-03-31T16:00:00.000Z';

const listItem = (caseId: string, status: string, overdue: boolean) => ({
  caseId,
  status,
  agencyId: AGENCY,
  province: '330000',
  category: 'labour',
  formOfAid: 'labour-mediation-arbitration',
  origin: { kind: 'application', via: 'agency-window', organisationId: null },
  receivedAt: '2026-03-02T02:00:00.000Z',
  workerId: 'lawyer-wang',
  assignedAt: '2026-03-05T02:00:00.000Z',
  closedAt: null,
  terminatedAt: null,
  nextDue: { kind: 'first-meeting', rule: 'legal-aid-rules#first-meeting', dueAt: '2026-03-10T16:00:00.000Z' },
  version: 5,
  overdue,
});

export const caseListExample = { items: [listItem('case-2026-hz-xihu-0142', 'in-progress', false)], nextCursor: null, asOf };
export const overdueCaseListExample = { items: [listItem('case-2026-hz-xihu-0097', 'in-progress', true)], nextCursor: null, asOf };

export const caseCountsExample = {
  agencyId: AGENCY,
  byStatus: {
    'under-review': 6,
    'awaiting-assignment': 2,
    'in-progress': 31,
    refused: 4,
    withdrawn: 0,
    closed: 118,
    terminated: 0,
    archived: 0,
  },
  total: 161,
  asOf,
};

const range = { from: '2026-01-01', to: '2026-03-31' };
const standard = { id: 'quality-national-2022' };
const complaints = (lodged: number, open: number) => ({ lodged, open, resolved: lodged - open, substantiated: 0 });
const scorecardOf = (cases: number, closed: number) => ({
  cases,
  closed,
  hearingObservations: { count: 3, averageScore: 88.5 },
  fileReviews: { count: closed, averageScore: 86.2, byGrade: { excellent: 2, good: closed - 3, pass: 1, fail: 0 } },
  authorityOpinions: { count: 2, byRating: { satisfied: 2, 'basically-satisfied': 0, dissatisfied: 0 } },
  followUps: {
    count: closed,
    followedUp: closed,
    byLevel: { 'very-satisfied': closed - 2, satisfied: 2, 'basically-satisfied': 0, dissatisfied: 0 },
    satisfied: closed,
    satisfiedRate: 1,
  },
  peerReviews: { count: 1, averageScore: 90, byGrade: { excellent: 1, good: 0, pass: 0, fail: 0 } },
  complaints: { ...complaints(1, 0), bySubject: { lawyer: complaints(1, 0), staff: complaints(0, 0), agency: complaints(0, 0) } },
  missingChecks: {
    cases: 1,
    byCheck: { 'hearing-observation': 0, 'file-review': 0, 'authority-opinion': 0, 'follow-up': 1, 'peer-review': 0 },
  },
});
const scorecard = scorecardOf(42, 30);
const count = (met: number, missed: number, pending: number) => ({
  met,
  missed,
  pending,
  rate: met + missed > 0 ? Math.round((met / (met + missed)) * 10_000) / 10_000 : null,
});
const deadlines = {
  byKind: {
    forwarding: count(4, 0, 0),
    notification: count(9, 1, 0),
    review: count(40, 1, 2),
    'notification-assignment': count(11, 0, 1),
    'grant-assignment': count(30, 1, 3),
    'objection-decision': count(1, 0, 0),
    'correction-redecision': count(0, 0, 0),
  },
  agency: { ...count(81, 2, 6), kinds: ['review', 'notification-assignment', 'grant-assignment'], target: 0.9, meetsStandard: true },
};
const consultations = {
  total: 512,
  byChannel: { window: 201, 'hotline-12348': 260, internet: 40, workstation: 11 },
  toldOfRightToApply: 498,
  toldRate: 0.9727,
  ledToApplication: 37,
};

export const caseQualityExample = {
  caseId: 'case-2026-hz-xihu-0142',
  agencyId: AGENCY,
  province: '330000',
  category: 'labour',
  formOfAid: 'labour-mediation-arbitration',
  origin: { kind: 'application', via: 'agency-window', organisationId: null },
  priorityGroups: ['migrant-worker'],
  receivedAt: '2026-03-02T02:00:00.000Z',
  status: 'closed',
  workerId: 'lawyer-wang',
  workers: ['lawyer-wang'],
  closedAt: '2026-04-08T02:00:00.000Z',
  closingOutcome: closingOutcomeSchema.options[0],
  economicLossRecoveredFen: 4_200_000,
  terminatedAt: null,
  hearingsAttended: 1,
  hearingObservations: [],
  fileReviews: [{ supervisorId: 'supervisor-li', at: '2026-04-12T02:00:00.000Z', score: 86, grade: 'good', deductionPoints: 14 }],
  authorityOpinions: [],
  followUps: [{ supervisorId: 'supervisor-li', at: '2026-04-11T02:00:00.000Z', method: 'phone', satisfaction: 'satisfied' }],
  peerReviews: [],
  complaints: [],
  deadlines: [
    {
      key: 'review',
      rule: 'legal-aid-rules#review',
      owner: 'agency',
      dueAt: '2026-03-09T16:00:00.000Z',
      satisfiedAt: '2026-03-04T01:30:00.000Z',
      open: false,
      overdue: false,
      paused: false,
    },
  ],
  standardId: 'quality-national-2022',
  requiredChecks: ['file-review', 'follow-up'],
  missingChecks: [],
  lateEntries: [],
  version: 9,
  updatedAt: '2026-04-12T02:00:00.000Z',
};

export const agencyQualityExample = {
  agencyId: AGENCY,
  range,
  asOf,
  organisationId: AGENCY,
  organisationKind: 'legal-aid-agency',
  agencyIds: [AGENCY],
  standard: { ...standard, complianceTarget: 0.9, agencyDeadlines: ['review', 'notification-assignment', 'grant-assignment'] },
  scorecard,
  deadlines,
  lateEntries: { cases: 2, entries: 3, caseIds: ['case-2026-hz-xihu-0031', 'case-2026-hz-xihu-0077'] },
  consultations,
  lawyers: [{ workerId: 'lawyer-wang', ...scorecardOf(7, 5) }],
};

export const lawyerQualityExample = { workerId: 'lawyer-wang', range, asOf, standard, scorecard: scorecardOf(7, 5) };

export const missingChecksExample = {
  agencyId: AGENCY,
  closedCases: 118,
  items: [
    {
      caseId: 'case-2026-hz-xihu-0031',
      agencyId: AGENCY,
      category: 'criminal',
      formOfAid: 'criminal-defence',
      workerId: 'lawyer-wang',
      closedAt: '2026-03-20T02:00:00.000Z',
      requiredChecks: ['file-review', 'client-satisfaction'],
      missingChecks: ['client-satisfaction'],
    },
  ],
};

const fen = { allocatedFen: 50_000_000, committedFen: 1_240_000, paidFen: 900_000, remainingFen: 48_760_000 };

export const fundsExample = {
  agencyId: AGENCY,
  funds: [{ agencyId: AGENCY, year: 2026, source: 'local-budget', ...fen, paidByMonth: { '2026-02': 320_000, '2026-03': 580_000 } }],
  totals: fen,
};

export const fundingLawyersExample = {
  agencyId: AGENCY,
  year: '2026',
  lawyers: [
    {
      workerId: 'lawyer-wang',
      closedCases: 3,
      assessedFen: 990_000,
      notAssessable: 0,
      approvedCases: 2,
      approvedFen: 660_000,
      paidCases: 1,
      paidFen: 330_000,
    },
  ],
};

export const fundingMonthsExample = {
  agencyId: AGENCY,
  year: '2026',
  // All twelve months are answered; the example shows one.
  months: [
    { month: '2026-03', assessedCases: 4, assessedFen: 1_240_000, approvedCases: 3, approvedFen: 910_000, paidCases: 2, paidFen: 580_000 },
  ],
};

export const reportExample = {
  scope: {
    kind: 'agency',
    organisationId: AGENCY,
    organisationKind: 'legal-aid-agency',
    name: '杭州市西湖区法律援助中心',
    agencyIds: [AGENCY],
  },
  period: { kind: 'month', label: '2026-03', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' },
  generatedAt: '2026-04-01T01:00:00.000Z',
  cases: {
    received: 58,
    byCategory: { criminal: 21, civil: 20, administrative: 1, 'state-compensation': 0, labour: 14, 'non-litigation': 2 },
    byFormOfAid: Object.fromEntries(formOfAidSchema.options.map((form, i) => [form, i === 0 ? 58 : 0])),
    criminal: 21,
    criminalShare: 0.3864,
    byOrigin: {
      application: { 'agency-window': 25, 'township-workstation': 6, online: 6 },
      'forwarded-application': { 'detention-centre': 3, 'handling-authority': 1, 'duty-lawyer': 0 },
      notification: { court: 12, procuratorate: 4, police: 1 },
    },
  },
  aidedPersons: {
    total: 55,
    inPriorityGroups: 19,
    byPriorityGroup: { 'migrant-worker': 11, unemployed: 3, woman: 4, minor: 2, elderly: 1, disabled: 1, 'military-family': 0 },
  },
  closings: {
    closed: 44,
    byOutcome: Object.fromEntries(closingOutcomeSchema.options.map((outcome, i) => [outcome, i === 0 ? 44 : 0])),
    economicLossRecoveredFen: 128_500_000,
  },
  consultations,
  satisfaction: {
    followedUp: 40,
    byLevel: { 'very-satisfied': 30, satisfied: 8, 'basically-satisfied': 2, dissatisfied: 0 },
    satisfied: 38,
    satisfiedRate: 0.95,
  },
  deadlines,
  agencies: [{ agencyId: AGENCY, received: 58, criminal: 21, closed: 44, economicLossRecoveredFen: 128_500_000, consultations: 512 }],
  standard: { id: standard.id, complianceTarget: 0.9 },
  definitions: reportDefinitions,
};

const row = (organisationId: string, name: string, received: number | 'suppressed') => ({
  organisationId,
  name,
  casesReceived: received,
  criminalCases: received === 'suppressed' ? 'suppressed' : Math.round(received / 3),
  casesClosed: received,
  consultations: 480,
});

export const disclosureExample = {
  provinceId: 'department:zj',
  period: { kind: 'year', label: '2025' },
  province: row('department:zj', '浙江省', 61_200),
  cities: [row('bureau:hz', '杭州市', 9_800)],
  agencies: [
    { ...row(AGENCY, '杭州市西湖区法律援助中心', 690), cityId: 'bureau:hz' },
    { ...row('agency:hz-gongshu', '杭州市拱墅区法律援助中心', 'suppressed'), cityId: 'bureau:hz' },
  ],
  suppression: {
    minimumCount: 5,
    ruleId: 'disclosure-minimum-count',
    source: 'docs/legal-aid-rules.md',
    how: 'a count below the minimum, and the counts that would give it away, are shown as "suppressed"',
  },
  definitions: { casesReceived: '受理的法律援助案件', criminalCases: '其中刑事案件' },
};

export const erasuresDueExample = {
  items: [
    {
      recordKind: 'case',
      recordId: 'case-2020-0001',
      agencyId: AGENCY,
      ruleId: 'retention-case-files',
      years: 5,
      binding: true,
      source: '法律援助档案管理办法',
      endedOn: '2020-11-30',
      endsOn: '2025-11-30',
    },
  ],
  nextCursor: null,
};

export const readsExample = {
  reads: [
    {
      readId: 'read-2026-03-06-0001',
      at: '2026-03-06T06:35:00.000Z',
      record: 'case#case-2026-hz-xihu-0142',
      requested: 'case-2026-hz-xihu-0142',
      routeKey: 'GET /cases/{id}',
      reader: { id: 'lawyer-wang', role: 'aid-worker', organisation: 'lawfirm:hz-mingde', workstation: null },
      sourceIp: '10.0.12.7',
      shown: 'full',
      purpose: '准备首次会见',
    },
  ],
  nextCursor: null,
};
