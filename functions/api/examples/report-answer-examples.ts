// What the read models, the reports, the public statistics and the privacy and read audits answer
// (functions/api/responses/read-model-answers.ts, system-answers.ts), one example each for the
// OpenAPI document; held to the schemas by test/unit/openapi-examples.test.ts. Invented figures.

const AGENCY = 'agency:hz-xihu';
const asOf = '2026-03-31T16:00:00.000Z';

const listItem = (caseId: string, status: string, overdue: boolean) => ({
  caseId,
  status,
  agencyId: AGENCY,
  province: '330000',
  category: 'labour',
  formOfAid: 'labour-mediation-arbitration',
  origin: { kind: 'application' },
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
  byStatus: { 'under-review': 6, 'awaiting-assignment': 2, 'in-progress': 31, closed: 118, refused: 4 },
  total: 161,
  asOf,
};

const range = { from: '2026-01-01', to: '2026-03-31' };
const standard = { id: 'zj-quality-2024' };
const scorecard = { cases: 42, checked: 40, grades: { excellent: 9, good: 27, pass: 4, fail: 0 } };

export const caseQualityExample = {
  caseId: 'case-2026-hz-xihu-0142',
  agencyId: AGENCY,
  workers: ['lawyer-wang'],
  checks: [{ kind: 'file-review', grade: 'good' }],
  version: 9,
  updatedAt: '2026-04-12T02:00:00.000Z',
};

export const agencyQualityExample = {
  agencyId: AGENCY,
  range,
  asOf,
  standard,
  scorecard,
  deadlines: { due: 120, metOnTime: 116, late: 4 },
  lateEntries: { count: 3 },
  consultations: { count: 512 },
  lawyers: [{ workerId: 'lawyer-wang', cases: 7 }],
};

export const lawyerQualityExample = { workerId: 'lawyer-wang', range, asOf, standard, scorecard: { cases: 7, checked: 7 } };

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
  funds: [{ fundId: 'fund-hz-xihu-2026', year: 2026, source: 'central-transfer', ...fen }],
  totals: fen,
};

export const fundingLawyersExample = {
  agencyId: AGENCY,
  year: '2026',
  lawyers: [{ workerId: 'lawyer-wang', approvedFen: 660_000, paidFen: 330_000 }],
};

export const fundingMonthsExample = {
  agencyId: AGENCY,
  year: '2026',
  months: [{ month: '2026-03', approvedFen: 910_000, paidFen: 580_000 }],
};

export const reportExample = {
  scope: { kind: 'agency', agencyIds: [AGENCY] },
  period: { kind: 'month', label: '2026-03', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' },
  generatedAt: '2026-04-01T01:00:00.000Z',
  cases: { received: 58, criminal: 21 },
  aidedPersons: { total: 61 },
  closings: { closed: 44, economicLossRecoveredFen: 128_500_000 },
  consultations: { total: 512 },
  satisfaction: { asked: 40, satisfied: 38 },
  deadlines: { due: 120, late: 4 },
  agencies: [{ agencyId: AGENCY, name: '杭州市西湖区法律援助中心' }],
  standard: { id: 'moj-statistics-2021' },
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
