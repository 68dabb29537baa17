import { describe, expect, it } from 'vitest';
import { decideAssignment, noticeCounterKeyFor } from '../../../domain/case/assignment.ts';
import type { AssignmentCommand } from '../../../domain/case/commands.ts';
import { loadNoticeCounter, noticeCounterAt, type NoticeCounter } from '../../../domain/notice/counter.ts';
import type { WorkerState } from '../../../domain/worker/state.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { refusalOf } from '../../support/decider-spec.ts';
import {
  AGENCY,
  caseSpec,
  context,
  granted,
  inProgress,
  lawyer,
  meansWithin,
  notificationData,
  notified,
  received,
  stateOf,
  T,
} from './fixtures.ts';

const NOW = T('2026-03-05 09:00');
const emptyCounter: NoticeCounter = { agencyId: AGENCY, year: 2026, lastNumber: 0 };
const assign = (workerId = 'lawyer-wang'): AssignmentCommand => ({ type: 'AssignAidWorker', data: { workerId } });
const run = (history: CaseEvent[], command: AssignmentCommand, worker: WorkerState = lawyer(), counter = emptyCounter, now = NOW) =>
  decideAssignment(command, stateOf(history), counter, worker, context(now));
const codeOf = (decide: () => unknown) => refusalOf(decide).code;

describe('assignment follows a grant, a notification or Art 44 aid (Art 43, Art 36)', () => {
  it('Art 43: assigns after a grant, numbering the notice and filing its stub', () => {
    expect(run([received(), meansWithin(), granted()], assign())).toEqual({
      case: [
        {
          type: 'AidWorkerAssigned',
          data: {
            workerId: 'lawyer-wang',
            workerKind: 'lawyer',
            noticeAgencyId: AGENCY,
            noticeYear: 2026,
            noticeNumber: 1,
            notifiedAuthority: null,
            basis: 'grant',
            assignedAt: NOW,
          },
        },
      ],
      notice: [
        {
          type: 'AssignmentNoticeStubFiled',
          data: {
            agencyId: AGENCY,
            year: 2026,
            noticeNumber: 1,
            caseId: 'case-1',
            workerId: 'lawyer-wang',
            replacesWorkerId: null,
            issuedAt: NOW,
          },
        },
      ],
    });
  });

  it('refuses to assign an application still under review', () => {
    expect(codeOf(() => run([received(), meansWithin()], assign()))).toBe('NOTHING_TO_ASSIGN');
  });

  it('Art 36: assigns on a notification and records the authority to tell', () => {
    const { case: events } = run([notified()], assign());
    expect(events[0]).toMatchObject({ data: { basis: 'notification', notifiedAuthority: notificationData().authority } });
  });

  it('Art 44: assigns on aid before review', () => {
    const provided: CaseEvent = {
      type: 'AidProvidedBeforeReview',
      data: { trigger: { kind: 'preservation-or-advance-execution', measure: 'evidence-preservation' }, providedAt: T('2026-03-03 09:00') },
    };
    expect(run([received(), provided], assign()).case[0]).toMatchObject({ data: { basis: 'aid-before-review' } });
  });

  it('refuses a second assignment (a change follows a complaint)', () => {
    expect(codeOf(() => run(inProgress(), assign('lawyer-li')))).toBe('ALREADY_ASSIGNED');
  });

  it('refuses to assign on a refused or closed case', () => {
    const refused: CaseEvent = { type: 'AidRefused', data: { legalBasis: 'Art 34', reasons: '超标准', decidedAt: T('2026-03-03 09:00') } };
    expect(codeOf(() => run([received(), refused], assign()))).toBe('AID_REFUSED');
  });
});

describe('who may be assigned (Art 12, Art 25, Art 26)', () => {
  const history = [received(), meansWithin(), granted()];

  it('Art 12: refuses a worker of another agency, an inactive one, or none', () => {
    expect(codeOf(() => run(history, assign(), lawyer({ agencyId: 'agency:bj-xicheng' })))).toBe('WORKER_OF_OTHER_AGENCY');
    expect(codeOf(() => run(history, assign(), lawyer({ status: 'inactive' })))).toBe('WORKER_INACTIVE');
    expect(codeOf(() => run(history, assign('nobody'), { ...lawyer(), status: 'none', workerId: null }))).toBe('WORKER_NOT_FOUND');
  });

  it('Art 25: a grassroots legal worker may represent a labour claim but not defend on notification', () => {
    const worker = lawyer({ kind: 'grassroots-legal-worker' });
    expect(run(history, assign(), worker).case[0]).toMatchObject({ data: { workerKind: 'grassroots-legal-worker' } });
    expect(codeOf(() => run([notified()], assign(), worker))).toBe('LAWYER_REQUIRED');
  });

  it('Art 26: possible life imprisonment or death needs 3 full years of relevant practice', () => {
    const capital = [notified({ ground: 'possible-life-imprisonment-or-death' })];
    const junior = lawyer({ relevantPracticeSince: '2023-03-06' });
    // On 5 March 2026 a lawyer in practice since 6 March 2023 has 2 full years; on 6 March, 3.
    expect(codeOf(() => run(capital, assign(), junior, emptyCounter, T('2026-03-05 09:00')))).toBe('ART26_EXPERIENCE_REQUIRED');
    expect(run(capital, assign(), junior, emptyCounter, T('2026-03-06 09:00')).case[0]?.type).toBe('AidWorkerAssigned');
  });

  it('Art 26: applies to death-penalty review, not to other notified grounds', () => {
    const junior = lawyer({ relevantPracticeSince: '2025-01-01' });
    const review = [notified({ ground: 'death-penalty-review-applicant', stage: 'death-penalty-review' })];
    expect(codeOf(() => run(review, assign(), junior))).toBe('ART26_EXPERIENCE_REQUIRED');
    expect(run([notified({ ground: 'minor' })], assign(), junior).case[0]?.type).toBe('AidWorkerAssigned');
  });
});

describe('assignment notices: numbered per agency and year, no gaps, stub kept', () => {
  it('takes the number after the counter', () => {
    const counter = { ...emptyCounter, lastNumber: 41 };
    const decision = run([received(), meansWithin(), granted()], assign(), lawyer(), counter);
    expect(decision.case[0]).toMatchObject({ data: { noticeNumber: 42 } });
    expect(decision.notice[0]).toMatchObject({ data: { noticeNumber: 42 } });
  });

  it('numbers from the counter of the agency and the China year of now', () => {
    expect(noticeCounterKeyFor(stateOf([received()]), T('2027-01-01 00:30'))).toEqual({ agencyId: AGENCY, year: 2027 });
  });

  it('refuses a counter of another year or agency', () => {
    expect(codeOf(() => run([received(), meansWithin(), granted()], assign(), lawyer(), { ...emptyCounter, year: 2025 }))).toBe(
      'NOTICE_COUNTER_MISMATCH',
    );
    expect(
      codeOf(() => run([received(), meansWithin(), granted()], assign(), lawyer(), { ...emptyCounter, agencyId: 'agency:other' })),
    ).toBe('NOTICE_COUNTER_MISMATCH');
  });

  it('folds a counter from its stubs and rejects a stub that skips a number', () => {
    const stub = (noticeNumber: number) =>
      ({
        type: 'AssignmentNoticeStubFiled',
        data: { agencyId: AGENCY, year: 2026, noticeNumber, caseId: 'c', workerId: 'w', replacesWorkerId: null, issuedAt: NOW },
      }) as const;
    expect(loadNoticeCounter({ agencyId: AGENCY, year: 2026 }, [stub(1), stub(2)]).lastNumber).toBe(2);
    expect(() => loadNoticeCounter({ agencyId: AGENCY, year: 2026 }, [stub(1), stub(3)])).toThrow(/does not follow/);
  });

  it('reads a counter from its newest stub alone, and rejects a stub at the wrong version or of another counter', () => {
    const stub = (noticeNumber: number, agencyId = AGENCY, year = 2026) =>
      ({
        type: 'AssignmentNoticeStubFiled',
        data: { agencyId, year, noticeNumber, caseId: 'c', workerId: 'w', replacesWorkerId: null, issuedAt: NOW },
      }) as const;
    const key = { agencyId: AGENCY, year: 2026 };
    expect(noticeCounterAt(key, null)).toEqual({ ...key, lastNumber: 0 });
    expect(noticeCounterAt(key, { version: 7, event: stub(7) })).toEqual({ ...key, lastNumber: 7 });
    expect(() => noticeCounterAt(key, { version: 8, event: stub(7) })).toThrow(/at version 8/);
    expect(() => noticeCounterAt(key, { version: 7, event: stub(7, 'agency:other') })).toThrow(/is not counter/);
    expect(() => noticeCounterAt(key, { version: 7, event: stub(7, AGENCY, 2025) })).toThrow(/is not counter/);
  });
});

describe('change of aid worker after a complaint (Art 55–56)', () => {
  const complaint = (requestsChangeOfWorker: boolean, complaintId = 'cmp-1'): CaseEvent => ({
    type: 'ComplaintLodged',
    data: { complaintId, workerId: 'lawyer-wang', summary: '律师未按时会见', requestsChangeOfWorker, lodgedAt: T('2026-03-10 09:00') },
  });
  const replace = (workerId = 'lawyer-li', complaintId = 'cmp-1'): AssignmentCommand => ({
    type: 'ReplaceAidWorker',
    data: { workerId, complaintId },
  });
  const li = lawyer({ workerId: 'lawyer-li', name: '李律师' });
  const counter = { ...emptyCounter, lastNumber: 1 };

  it('replaces the worker under a new numbered notice whose stub names whom it replaces', () => {
    const decision = run([...inProgress(), complaint(true)], replace(), li, counter, T('2026-03-11 09:00'));
    expect(decision.case).toEqual([
      {
        type: 'AidWorkerReplaced',
        data: {
          workerId: 'lawyer-li',
          workerKind: 'lawyer',
          noticeAgencyId: AGENCY,
          noticeYear: 2026,
          noticeNumber: 2,
          notifiedAuthority: null,
          complaintId: 'cmp-1',
          previousWorkerId: 'lawyer-wang',
          replacedAt: T('2026-03-11 09:00'),
        },
      },
    ]);
    expect(decision.notice[0]).toMatchObject({ data: { noticeNumber: 2, replacesWorkerId: 'lawyer-wang' } });
    expect(stateOf([...inProgress(), complaint(true), ...decision.case]).assignment).toMatchObject({
      workerId: 'lawyer-li',
      noticeNumber: 2,
    });
  });

  it('refuses a replacement without a complaint asking for it, or on one already acted on', () => {
    expect(codeOf(() => run(inProgress(), replace(), li, counter))).toBe('REPLACEMENT_REQUIRES_COMPLAINT');
    expect(codeOf(() => run([...inProgress(), complaint(false)], replace(), li, counter))).toBe('REPLACEMENT_REQUIRES_COMPLAINT');
    const done = run([...inProgress(), complaint(true)], replace(), li, counter).case;
    expect(
      codeOf(() =>
        run([...inProgress(), complaint(true), ...done], replace('lawyer-zhang'), lawyer({ workerId: 'lawyer-zhang' }), {
          ...counter,
          lastNumber: 2,
        }),
      ),
    ).toBe('REPLACEMENT_REQUIRES_COMPLAINT');
  });

  it('refuses replacing a worker by themselves', () => {
    expect(codeOf(() => run([...inProgress(), complaint(true)], replace('lawyer-wang'), lawyer(), counter))).toBe('SAME_WORKER');
  });

  it('records a complaint only against an assigned worker', () => {
    const lodge = {
      type: 'LodgeComplaint',
      data: { complaintId: 'cmp-1', summary: '未告知进展', requestsChangeOfWorker: true, lodgedAt: T('2026-03-05 08:00') },
    } as const;
    caseSpec.given([received(), meansWithin(), granted()]).when(lodge).thenThrows('CASE_NOT_IN_PROGRESS');
    caseSpec
      .given(inProgress())
      .when(lodge)
      .then([{ type: 'ComplaintLodged', data: { ...lodge.data, subject: 'lawyer', workerId: 'lawyer-wang' } }]);
  });
});
