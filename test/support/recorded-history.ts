import { expect } from 'vitest';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { applicationBody } from './fixtures.ts';
import { inProcessCommands, type Caller } from './in-process-api.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// A recorded history through the real command API, under a fake clock that moves forward: cases of
// every origin through review, assignment (one late), handling, complaints, closing, termination,
// supervision of every kind, the consultation ledger, fund allocations, subsidies approved and paid
// (one from another fund than it was committed on) and one payment refused beyond a fund's allocation.

export const AGENCY = 'agency:hz-xihu';
const HOUR = 3_600_000;

export const people = {
  admin: { sub: 'admin-zhou', role: 'administrator', org: AGENCY },
  reviewer: { sub: 'reviewer-hz-01', role: 'agency-reviewer', org: AGENCY },
  lawyerA: { sub: 'lawyer-wang', role: 'aid-worker', org: AGENCY },
  lawyerB: { sub: 'lawyer-chen', role: 'aid-worker', org: AGENCY },
  supervisor: { sub: 'supervisor-zhao', role: 'supervisor', org: AGENCY },
  finance: { sub: 'finance-qian', role: 'finance', org: AGENCY },
  court: { sub: 'clerk-hz-court-01', role: 'court', org: 'court:hz-xihu' },
  detentionCentre: { sub: 'officer-hz-dc-01', role: 'detention-centre', org: 'detention-centre:hz-1' },
} satisfies Record<string, Caller>;

export type RecordedHistory = { store: EventStore; caseIds: string[]; refusedPayment: { status: number; body: Record<string, unknown> } };

export const recordHistory = async (
  client: DynamoDBClient,
  eventsTableName: string,
  start = '2026-03-02T01:00:00.000Z',
): Promise<RecordedHistory> => {
  let now = Date.parse(start);
  const clock = () => new Date(now);
  const advance = (hours: number) => {
    now += hours * HOUR;
  };
  const at = () => new Date(now).toISOString();
  const store = createEventStore({ client, tableName: eventsTableName, clock });
  const call = inProcessCommands({ store, clock });
  const ok = async (as: Caller, path: string, body: unknown, status = 200) => {
    const r = await call(as, path, body);
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(status);
    advance(1);
    return r.body;
  };
  const { admin, reviewer, lawyerA, lawyerB, supervisor, finance, court, detentionCentre } = people;

  for (const [w, name] of [
    [lawyerA, '王律师'],
    [lawyerB, '陈律师'],
  ] as const) {
    await ok(
      admin,
      '/workers',
      {
        workerId: w.sub,
        agencyId: AGENCY,
        name,
        kind: 'lawyer',
        licenceNumber: `1330120151${w.sub.length}123456`,
        relevantPracticeSince: '2015-06-01',
      },
      201,
    );
  }
  await ok(finance, '/funds/allocations', {
    agencyId: AGENCY,
    year: 2026,
    source: 'local-budget',
    amountFen: 2_000_000,
    reference: '西财〔2026〕1号',
  });
  await ok(finance, '/funds/allocations', {
    agencyId: AGENCY,
    year: 2026,
    source: 'central-lottery-fund',
    amountFen: 300_000,
    reference: '财行〔2026〕12号',
  });
  await ok(finance, '/funds/allocations', {
    agencyId: AGENCY,
    year: 2026,
    source: 'provincial-fund',
    amountFen: 50_000,
    reference: '浙财〔2026〕3号',
  });

  const caseIds: string[] = [];
  const open = async (as: Caller, path: string, body: unknown) => {
    const r = await ok(as, path, body, 201);
    caseIds.push(r.caseId as string);
    return r.caseId as string;
  };
  const closing = (outcome: string, lossFen: number) => ({
    outcome,
    summary: '结案',
    documents: [{ kind: 'handling-report', title: '结案报告' }],
    economicLossRecoveredFen: lossFen,
    closedAt: at(),
  });

  // 1. A labour application: granted, assigned, closed with loss recovered, every check, subsidy paid.
  const c1 = await open(reviewer, '/applications', applicationBody());
  await ok(reviewer, `/cases/${c1}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });
  await ok(reviewer, `/cases/${c1}/grant`, { legalBasis: '《法律援助法》第三十一条' });
  await ok(reviewer, `/cases/${c1}/assignment`, { workerId: lawyerA.sub });
  await ok(lawyerA, `/cases/${c1}/meetings`, { at: at(), place: '律师事务所', summary: '了解案情' });
  await ok(lawyerA, `/cases/${c1}/closing`, closing('mediation-agreement', 4_800_000));
  await ok(supervisor, `/cases/${c1}/supervision/file-reviews`, {
    at: at(),
    remarks: '卷宗完整',
    deductions: [{ item: '目录不全', points: 5 }],
  });
  await ok(supervisor, `/cases/${c1}/supervision/follow-ups`, {
    at: at(),
    remarks: '电话回访',
    method: 'phone',
    satisfaction: 'very-satisfied',
  });
  await ok(supervisor, `/cases/${c1}/supervision/peer-reviews`, { at: at(), remarks: '同行评估', evaluator: 'peer', score: 85 });
  await ok(finance, `/cases/${c1}/subsidy/approval`, { fund: { year: 2026, source: 'local-budget' } });
  await ok(finance, `/cases/${c1}/subsidy/payment`, { fund: { year: 2026, source: 'local-budget' }, reference: 'PAY-2026-001' });

  // 2. A court's notified defence, assigned late (Art 36), observed, closed; committed on the lottery fund, paid from the local budget.
  const c2 = await open(court, '/defence-notifications', {
    agencyId: AGENCY,
    province: '33',
    authority: { kind: 'court', organisationId: court.org },
    authorityReference: '(2026)浙0106刑初7号',
    ground: 'minor',
    stage: 'trial',
    defendant: { name: '小明', identityNumber: '330106200901011234', priorityGroups: ['minor'] },
    charge: '盗窃',
    foundAt: new Date(now - 20 * HOUR).toISOString(),
  });
  advance(5 * 24);
  await ok(reviewer, `/cases/${c2}/assignment`, { workerId: lawyerB.sub });
  await ok(lawyerB, `/cases/${c2}/hearings`, { at: at(), courtId: court.org, summary: '出庭辩护' });
  await ok(supervisor, `/cases/${c2}/supervision/hearing-observations`, { at: at(), remarks: '辩护充分', courtId: court.org, score: 88 });
  await ok(supervisor, `/cases/${c2}/supervision/authority-opinions`, {
    at: at(),
    remarks: '征询法院',
    authorityId: court.org,
    rating: 'satisfied',
  });
  await ok(lawyerB, `/cases/${c2}/closing`, closing('judgment-or-ruling', 0));
  await ok(supervisor, `/cases/${c2}/supervision/file-reviews`, {
    at: at(),
    remarks: '文书不规范',
    deductions: [{ item: '辩护意见不完整', points: 25 }],
  });
  await ok(finance, `/cases/${c2}/subsidy/approval`, { fund: { year: 2026, source: 'central-lottery-fund' } });
  // The provincial fund holds 500 yuan: a payment of the 2,700 yuan subsidy from it is refused, and nothing is written.
  const refusedPayment = await call(finance, `/cases/${c2}/subsidy/payment`, {
    fund: { year: 2026, source: 'provincial-fund' },
    reference: 'PAY-2026-002',
  });
  await ok(finance, `/cases/${c2}/subsidy/payment`, { fund: { year: 2026, source: 'local-budget' }, reference: 'PAY-2026-002' });

  // 3. A late forwarded application; a complaint replaces the lawyer; closed by the new one.
  const { channel: _c, ...forwardedBase } = applicationBody({ category: 'criminal', formOfAid: 'criminal-defence' });
  const c3 = await open(detentionCentre, '/forwarded-applications', {
    ...forwardedBase,
    forwarder: { kind: 'detention-centre', organisationId: detentionCentre.org },
    receivedByForwarderAt: new Date(now - 50 * HOUR).toISOString(),
    forwardedAt: new Date(now - 2 * HOUR).toISOString(),
  });
  await ok(reviewer, `/cases/${c3}/means-assessment`, { method: 'data-sharing-query', result: 'within-standard', reference: 'DS-1' });
  await ok(reviewer, `/cases/${c3}/grant`, { legalBasis: '《法律援助法》第二十四条' });
  await ok(reviewer, `/cases/${c3}/assignment`, { workerId: lawyerA.sub });
  await ok(reviewer, `/cases/${c3}/complaints`, {
    complaintId: 'complaint-1',
    summary: '律师未会见',
    requestsChangeOfWorker: true,
    lodgedAt: at(),
  });
  await ok(reviewer, `/cases/${c3}/replacement`, { workerId: lawyerB.sub, complaintId: 'complaint-1' });
  await ok(supervisor, `/cases/${c3}/supervision/complaint-handling`, {
    at: at(),
    remarks: '调查属实',
    complaintId: 'complaint-1',
    finding: 'partly-substantiated',
    action: '更换律师',
  });
  await ok(lawyerB, `/cases/${c3}/closing`, closing('judgment-or-ruling', 0));

  // 4. Refused.
  const c4 = await open(reviewer, '/applications', applicationBody({ category: 'civil', formOfAid: 'litigation-representation' }));
  await ok(reviewer, `/cases/${c4}/means-assessment`, { method: 'integrity-pledge', result: 'above-standard', reference: null });
  await ok(reviewer, `/cases/${c4}/refusal`, { legalBasis: '《法律援助法》第三十四条', reasons: '超过经济困难标准' });

  // 5. Materials requested and supplied, granted, assigned, terminated.
  const c5 = await open(reviewer, '/applications', applicationBody({ category: 'civil', formOfAid: 'litigation-representation' }));
  await ok(reviewer, `/cases/${c5}/materials-requests`, { items: ['身份证明', '收入证明'] });
  advance(48);
  await ok(reviewer, `/cases/${c5}/materials`, { items: ['身份证明', '收入证明'], suppliedAt: at() });
  await ok(reviewer, `/cases/${c5}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });
  await ok(reviewer, `/cases/${c5}/grant`, { legalBasis: '《法律援助法》第三十一条' });
  await ok(reviewer, `/cases/${c5}/assignment`, { workerId: lawyerA.sub });
  await ok(reviewer, `/cases/${c5}/termination`, { ground: 'own-lawyer-retained', reasons: '受援人自行委托律师', legalBasis: null });

  // 6. A consultation that led to an application.
  const consulted = await ok(
    reviewer,
    '/consultations',
    {
      agencyId: AGENCY,
      channel: 'window',
      workstationId: null,
      topic: '工伤赔偿',
      category: 'labour',
      personName: '赵六',
      toldOfRightToApply: true,
      notToldReason: null,
      answer: '可申请法律援助',
    },
    201,
  );
  const c6 = await open(reviewer, '/applications', applicationBody({ consultationId: consulted.consultationId }));
  await ok(reviewer, `/consultations/${consulted.consultationId as string}/application-link`, { caseId: c6 });
  await ok(
    reviewer,
    '/consultations',
    {
      agencyId: AGENCY,
      channel: 'hotline-12348',
      workstationId: null,
      topic: '离婚',
      category: 'civil',
      personName: null,
      toldOfRightToApply: false,
      notToldReason: '来电者挂断',
      answer: '告知诉讼程序',
    },
    201,
  );

  // 7. Left under review past its deadline.
  await open(reviewer, '/applications', applicationBody({ category: 'administrative', formOfAid: 'litigation-representation' }));
  advance(10 * 24);
  await ok(reviewer, `/cases/${c6}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });

  return { store, caseIds, refusedPayment: refusedPayment as { status: number; body: Record<string, unknown> } };
};
