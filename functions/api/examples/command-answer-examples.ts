import type { CommandTarget } from '../commands/command-table.ts';

// What a command answers, one example per command target (functions/api/responses/command-answers.ts),
// shown in the OpenAPI document beside each command's success schema; test/unit/openapi-examples.test.ts
// holds each to that schema. Ids and times are invented.

const event = (type: string, eventId: string) => ({ eventId, type, version: 1, recordedAt: '2026-03-02T02:00:00.000Z' });
const answer = (id: string, stream: string, version: number, type: string) => ({
  id,
  stream,
  version,
  events: [event(type, `evt-${stream.replace(/[^a-z0-9]/g, '')}-${version}`)],
});
const fund = { allocatedFen: 50_000_000, committedFen: 1_240_000, paidFen: 900_000, remainingFen: 48_760_000 };
const CASE = 'case-2026-hz-xihu-0142';
const SHIFT = 'shift-2026-03-02-xihu-court';
const ASSESSMENT = 'agency:hz-xihu:2025';
const fundRef = { agencyId: 'agency:hz-xihu', year: 2026, source: 'local-budget' };
// A note is personal free text: the answer carries it as stored, sealed (functions/lib/privacy/sealer.ts).
const sealedNote = 'pii1.free-text.-.a2V5LTE.8f3c….Zq9w…';

export const commandAnswerExamples: Readonly<Record<CommandTarget, Readonly<Record<string, unknown>>>> = {
  // `state` is the case as GET /cases/{id} answers it; null when the read model has not caught up.
  'open-case': { ...answer(CASE, `case#${CASE}`, 1, 'ApplicationReceived'), caseId: CASE, state: null },
  case: { ...answer(CASE, `case#${CASE}`, 4, 'AidGranted'), caseId: CASE },
  assignment: {
    ...answer(CASE, `case#${CASE}`, 5, 'AidWorkerAssigned'),
    caseId: CASE,
    notice: { agencyId: 'agency:hz-xihu', year: 2026, number: 142 },
  },
  'open-consultation': {
    ...answer('consult-2026-0311', 'consultation#consult-2026-0311', 1, 'ConsultationRecorded'),
    consultationId: 'consult-2026-0311',
  },
  consultation: {
    ...answer('consult-2026-0311', 'consultation#consult-2026-0311', 2, 'ConsultationReferred'),
    consultationId: 'consult-2026-0311',
  },
  'open-duty': { ...answer('duty-2026-0057', 'duty#duty-2026-0057', 1, 'DutyRecordOpened'), dutyId: 'duty-2026-0057' },
  duty: { ...answer('duty-2026-0057', 'duty#duty-2026-0057', 2, 'DutyAdviceGiven'), dutyId: 'duty-2026-0057' },
  'open-worker': { ...answer('lawyer-wang', 'worker#lawyer-wang', 1, 'AidWorkerRegistered'), workerId: 'lawyer-wang' },
  worker: { ...answer('lawyer-wang', 'worker#lawyer-wang', 3, 'AidWorkerSuspended'), workerId: 'lawyer-wang' },
  'fund-allocation': { ...answer('fund-hz-xihu-2026', 'fund#fund-hz-xihu-2026', 1, 'FundAllocated'), fund },
  'subsidy-approval': {
    ...answer(CASE, `subsidy#${CASE}`, 1, 'SubsidyApproved'),
    caseId: CASE,
    subsidy: {
      caseId: CASE,
      agencyId: 'agency:hz-xihu',
      workerId: 'lawyer-wang',
      rateTableId: 'zj-2024-subsidy',
      relevantDate: '2026-03-05',
      baseFen: 300_000,
      adjustmentPercent: 10,
      assessedFen: 330_000,
      approvedFen: 330_000,
      fund: fundRef,
      note: sealedNote,
      approvedAt: '2026-04-10T02:00:00.000Z',
    },
    fund,
  },
  'subsidy-payment': {
    ...answer(CASE, `subsidy#${CASE}`, 2, 'SubsidyPaid'),
    caseId: CASE,
    payment: { fund: fundRef, amountFen: 330_000, reference: 'PAY-2026-0415-01', paidAt: '2026-04-15T02:00:00.000Z' },
    fund,
  },
  'open-organisation': {
    ...answer('workstation:hz-xihu-wenxin', 'organisation#workstation:hz-xihu-wenxin', 1, 'OrganisationRegistered'),
    organisationId: 'workstation:hz-xihu-wenxin',
  },
  organisation: {
    ...answer('agency:hz-xihu', 'organisation#agency:hz-xihu', 2, 'OrganisationRenamed'),
    organisationId: 'agency:hz-xihu',
  },
  erasure: {
    ...answer('case-2020-0001', 'case#case-2020-0001', 19, 'PersonalDataErased'),
    recordKind: 'case',
    recordId: 'case-2020-0001',
    keyDestroyed: true,
  },
  'open-duty-shift': { ...answer(SHIFT, `duty-shift#${SHIFT}`, 1, 'DutyShiftScheduled'), shiftId: SHIFT },
  'duty-shift': {
    ...answer(SHIFT, `duty-shift#${SHIFT}`, 2, 'DutyShiftCheckedIn'),
    shiftId: SHIFT,
    recorded: {
      type: 'DutyShiftCheckedIn',
      data: {
        lawyerId: 'lawyer-wang',
        at: '2026-03-02T01:00:00.000Z',
        minutesLate: 0,
        attendance: 'on-time',
        ruleId: 'zj-2024-duty-attendance',
      },
    },
  },
  'duty-pay-approval': {
    ...answer(SHIFT, `duty-shift#${SHIFT}`, 3, 'DutyPayApproved'),
    shiftId: SHIFT,
    lawyerId: 'lawyer-wang',
    pay: {
      shiftId: SHIFT,
      lawyerId: 'lawyer-wang',
      agencyId: 'agency:hz-xihu',
      stationId: 'workstation:hz-xihu-court',
      rateTableId: 'zj-2024-duty-pay',
      attendance: 'on-time',
      services: { consultation: 6, 'procedure-advice': 2, 'measure-change-request': 0, opinion: 1, 'plea-signing': 1 },
      shiftFen: 30_000,
      servicesFen: 10_000,
      assessedFen: 40_000,
      approvedFen: 40_000,
      note: sealedNote,
      fund: fundRef,
      approvedAt: '2026-04-10T02:00:00.000Z',
    },
    fund,
  },
  'duty-pay-payment': {
    ...answer(SHIFT, `duty-shift#${SHIFT}`, 4, 'DutyPayPaid'),
    shiftId: SHIFT,
    lawyerId: 'lawyer-wang',
    payment: {
      shiftId: SHIFT,
      lawyerId: 'lawyer-wang',
      amountFen: 40_000,
      fund: fundRef,
      reference: 'PAY-2026-0415-02',
      paidAt: '2026-04-15T02:00:00.000Z',
    },
    fund,
  },
  'open-cooperation': {
    ...answer('coop-2026-0009', 'cooperation#coop-2026-0009', 1, 'CooperationRequested'),
    cooperationId: 'coop-2026-0009',
  },
  cooperation: {
    ...answer('coop-2026-0009', 'cooperation#coop-2026-0009', 2, 'CooperationAnswered'),
    cooperationId: 'coop-2026-0009',
  },
  'open-service-assessment': {
    ...answer(ASSESSMENT, `service-assessment#${ASSESSMENT}`, 2, 'ServiceSelfAssessed'),
    assessmentId: ASSESSMENT,
  },
  'service-assessment': {
    ...answer(ASSESSMENT, `service-assessment#${ASSESSMENT}`, 3, 'ServiceInspected'),
    assessmentId: ASSESSMENT,
  },
};

/** The 202 of `POST /applications`: an application for another agency's area, referred (Art 38). */
export const referralAnswerExample = {
  ...answer('referral-2026-0031', 'referral#referral-2026-0031', 1, 'ApplicationReferred'),
  referralId: 'referral-2026-0031',
  referral: {
    competentAgencyId: 'agency:hz-gongshu',
    competentAgencyName: '杭州市拱墅区法律援助中心',
    basis: '《法律援助法》第三十八条',
    areaId: '330105',
  },
};
