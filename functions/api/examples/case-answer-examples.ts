// What the case's reads answer (functions/api/responses/case-answers.ts, case-funding-answers.ts), one
// example each for the OpenAPI document: a labour case of 西湖区法律援助中心, granted and assigned.
// Held to the schemas by test/unit/openapi-examples.test.ts. Invented data; personal values masked.

const CASE = 'case-2026-hz-xihu-0142';
const STREAM = `case#${CASE}`;
const reviewer = { id: 'reviewer-chen', role: 'agency-reviewer', organisation: 'agency:hz-xihu' };

export const caseExample = {
  caseId: CASE,
  version: 5,
  status: 'in-progress',
  agencyId: 'agency:hz-xihu',
  province: '330000',
  origin: { kind: 'application', channel: 'agency-window', applicantRole: 'self', consultationId: null },
  category: 'labour',
  formOfAid: 'labour-mediation-arbitration',
  receivedAt: '2026-03-02T02:00:00.000Z',
  review: {
    decision: 'granted',
    decidedAt: '2026-03-04T01:30:00.000Z',
    firstDecidedAt: '2026-03-04T01:30:00.000Z',
    legalBasis: '《法律援助法》第四十三条',
    means: 'within-standard',
    requests: [],
  },
  provisionalAid: null,
  assignment: {
    workerId: 'lawyer-wang',
    workerKind: 'lawyer',
    noticeYear: 2026,
    noticeNumber: 142,
    assignedAt: '2026-03-05T02:00:00.000Z',
  },
  complaints: [],
  objections: [],
  handling: { meetings: 1, fileReadings: 0, hearings: 0, progressReports: 1 },
  closing: null,
  termination: null,
  deception: null,
  archivedAt: null,
  transfers: [],
  authorityNotice: null,
  deadlines: [
    {
      kind: 'first-meeting',
      rule: 'legal-aid-rules#first-meeting',
      owner: 'lawyer-wang',
      startedAt: '2026-03-05T02:00:00.000Z',
      dueAt: '2026-03-10T16:00:00.000Z',
      satisfiedAt: '2026-03-06T06:30:00.000Z',
      open: false,
      overdue: false,
    },
  ],
  overdue: [],
  updatedAt: '2026-03-06T06:30:00.000Z',
};

const historyEntry = (version: number, type: string, data: Record<string, unknown>, prevHash: string, hash: string) => ({
  version,
  eventId: `evt-${CASE}-${version}`,
  type,
  schemaVersion: 1,
  who: reviewer,
  workstation: null,
  occurredAt: '2026-03-04T01:30:00.000Z',
  recordedAt: '2026-03-04T01:30:02.000Z',
  lateEntry: null,
  provenance: null,
  why: Object.fromEntries(Object.entries(data).filter(([k]) => /basis|reason|rule|ground/i.test(k))),
  data,
  correlationId: 'req-7f3a2c',
  causationId: null,
  idempotencyKey: `grant-${CASE}`,
  requestHash: 'sha256:4be1c0…',
  prevHash,
  hash,
});

const grant = historyEntry(4, 'AidGranted', { legalBasis: '《法律援助法》第四十三条' }, 'sha256:91c2…', 'sha256:a07d…');

export const caseHistoryExample = { caseId: CASE, stream: STREAM, order: 'asc', events: [grant], nextCursor: null };

export const caseDiffExample = {
  caseId: CASE,
  from: 3,
  to: 4,
  changes: [{ path: '/review/decision', op: 'changed', before: 'pending', after: 'granted' }],
  events: [grant],
};

export const caseVerificationExample = {
  caseId: CASE,
  stream: STREAM,
  events: 5,
  verified: true,
  firstBreak: null,
  headHash: 'sha256:c3e8…',
  lastVersion: 5,
  readModelVersion: 5,
};

export const caseExportExample = {
  format: 'legal-aid-case-export',
  formatVersion: 1,
  caseId: CASE,
  stream: STREAM,
  exportedAt: '2026-03-07T08:00:00.000Z',
  exportedBy: { id: 'auditor-sun', role: 'auditor', organisation: 'bureau:hz-xihu' },
  head: { version: 5, hash: 'sha256:c3e8…' },
  events: [
    {
      eventId: `evt-${CASE}-4`,
      type: 'AidGranted',
      schemaVersion: 1,
      stream: STREAM,
      version: 4,
      occurredAt: '2026-03-04T01:30:00.000Z',
      recordedAt: '2026-03-04T01:30:02.000Z',
      actor: reviewer,
      workstation: null,
      correlationId: 'req-7f3a2c',
      causationId: null,
      idempotencyKey: `grant-${CASE}`,
      requestHash: 'sha256:4be1c0…',
      prevHash: 'sha256:91c2…',
      hash: 'sha256:a07d…',
      data: { legalBasis: '《法律援助法》第四十三条' },
    },
  ],
  opened: [{ version: 4, data: { legalBasis: '《法律援助法》第四十三条' } }],
};

const rateTable = {
  id: 'zj-2024-subsidy',
  source: '浙江省法律援助补贴标准（2024）',
  province: '330000',
  effectiveFrom: '2024-01-01',
  effectiveUntil: null,
  verified: true,
};
const fund = { agencyId: 'agency:hz-xihu', year: 2026, source: 'local-budget' };
const finance = { id: 'finance-li', role: 'finance', organisation: 'agency:hz-xihu' };

export const caseFundingExample = {
  caseId: CASE,
  agencyId: 'agency:hz-xihu',
  workerId: 'lawyer-wang',
  closedAt: '2026-04-01T02:00:00.000Z',
  status: 'paid',
  assessment: {
    rateTable,
    relevantDate: '2026-04-01',
    rate: { category: 'labour', formOfAid: 'labour-mediation-arbitration', stage: null },
    baseFen: 300_000,
    adjustments: [{ kind: 'quality-grade', grade: 'excellent', percent: 10, amountFen: 30_000, rule: 'zj-2024-subsidy#quality' }],
    assessedFen: 330_000,
  },
  notAssessable: null,
  approvals: [
    {
      approvedAt: '2026-04-10T02:00:00.000Z',
      recordedBy: finance,
      recordedAt: '2026-04-10T02:00:01.000Z',
      version: 1,
      fund,
      workerId: 'lawyer-wang',
      rateTable,
      relevantDate: '2026-04-01',
      baseFen: 300_000,
      adjustmentPercent: 10,
      assessedFen: 330_000,
      approvedFen: 330_000,
      note: null,
    },
  ],
  payments: [
    {
      paidAt: '2026-04-15T02:00:00.000Z',
      recordedBy: finance,
      recordedAt: '2026-04-15T02:00:01.000Z',
      version: 2,
      fund,
      amountFen: 330_000,
      reference: '西财付〔2026〕0415-07',
    },
  ],
  approvedFen: 330_000,
  paidFen: 330_000,
  outstandingFen: 0,
  caseVersion: 9,
  subsidyVersion: 2,
  updatedAt: '2026-04-15T02:00:01.000Z',
};
