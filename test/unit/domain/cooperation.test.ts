import { describe, expect, it } from 'vitest';
import type { CooperationCommand } from '../../../domain/cooperation/commands.ts';
import { cooperationDecider } from '../../../domain/cooperation/decider.ts';
import { cooperationStatistics, overdueCooperation } from '../../../domain/cooperation/statistics.ts';
import type { CooperationEvent } from '../../../events/catalogue/cooperation-events.ts';
import type { Actor } from '../../../events/envelope.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { T } from './fixtures.ts';

// Issue 19 point 2: A asks B for a task in B's area; B accepts, declines or completes it.

const A = 'agency:hz-xihu';
const B = 'agency:hf-shushan';
const NOW = T('2026-03-05 09:00');
const DUE = T('2026-03-08 17:00');
const asA: Actor = { id: 'reviewer-a', role: 'agency-reviewer', organisation: A };
const asB: Actor = { id: 'reviewer-b', role: 'agency-reviewer', organisation: B };
const spec = deciderSpec(cooperationDecider, { now: NOW, actor: asB });

const requestData = {
  cooperationId: 'co-1',
  fromAgencyId: A,
  toAgencyId: B,
  task: 'meet-detained-person' as const,
  caseId: null,
  details: '会见',
  dueAt: DUE,
};
const request: CooperationCommand = { type: 'RequestCooperation', data: requestData };
const requested: CooperationEvent = { type: 'CooperationRequested', data: { ...requestData, requestedAt: T('2026-03-04 09:00') } };
const accepted: CooperationEvent = { type: 'CooperationAccepted', data: { cooperationId: 'co-1', acceptedAt: T('2026-03-04 10:00') } };

describe('a cooperation request', () => {
  it('is recorded with its due date, asked by A', () => {
    spec
      .given([])
      .when(request, { actor: asA })
      .then([{ type: 'CooperationRequested', data: { ...requestData, requestedAt: NOW } }]);
  });
  it('is not asked of the asking agency itself, nor due before now', () => {
    spec
      .given([])
      .when({ ...request, data: { ...requestData, toAgencyId: A } }, { actor: asA })
      .thenThrows('COOPERATION_WITH_SELF');
    spec
      .given([])
      .when({ ...request, data: { ...requestData, dueAt: T('2026-03-01 09:00') } }, { actor: asA })
      .thenThrows('DUE_DATE_PASSED');
  });
  it('is answered by B only', () => {
    spec.given([requested]).when({ type: 'AcceptCooperation', data: {} }, { actor: asA }).thenThrows('NOT_ASKED_AGENCY');
    spec
      .given([requested])
      .when({ type: 'AcceptCooperation', data: {} })
      .then([{ type: 'CooperationAccepted', data: { cooperationId: 'co-1', acceptedAt: NOW } }]);
  });
  it('is completed with a record once accepted, not before', () => {
    spec
      .given([requested])
      .when({ type: 'CompleteCooperation', data: { record: '已会见' } })
      .thenThrows('COOPERATION_NOT_ACCEPTED');
    spec
      .given([requested, accepted])
      .when({ type: 'CompleteCooperation', data: { record: '已会见' } })
      .then([{ type: 'CooperationCompleted', data: { cooperationId: 'co-1', record: '已会见', completedAt: NOW } }]);
  });
  it('is declined with reasons, and then answers nothing more', () => {
    const declined: CooperationEvent = {
      type: 'CooperationDeclined',
      data: { cooperationId: 'co-1', reasons: '无法安排', declinedAt: NOW },
    };
    spec
      .given([requested])
      .when({ type: 'DeclineCooperation', data: { reasons: '无法安排' } })
      .then([declined]);
    spec.given([requested, declined]).when({ type: 'AcceptCooperation', data: {} }).thenThrows('COOPERATION_ANSWERED');
  });
});

describe('an agency index folds to statistics and overdue requests', () => {
  const line = (
    cooperationId: string,
    status: 'requested' | 'accepted' | 'declined' | 'completed',
    at: string,
    from = A,
    to = B,
  ): CooperationEvent => ({
    type: 'CooperationIndexed',
    data: { cooperationId, fromAgencyId: from, toAgencyId: to, task: 'serve-documents', status, dueAt: DUE, at },
  });
  const index = [
    line('x', 'requested', NOW),
    line('x', 'accepted', NOW),
    line('x', 'completed', T('2026-03-09 09:00')),
    line('y', 'requested', NOW),
    line('z', 'requested', NOW, B, A),
    line('z', 'declined', NOW, B, A),
  ];
  it('counts each request at its latest step: given by B, received by A, a late completion counted late', () => {
    expect(cooperationStatistics(B, index).given).toMatchObject({ asked: 2, completed: 1, completedLate: 1, accepted: 0 });
    expect(cooperationStatistics(A, index)).toMatchObject({ received: { asked: 2, completed: 1 }, given: { asked: 1, declined: 1 } });
  });
  it('lists what is open past its due date on the business day asked about', () => {
    expect(overdueCooperation(B, index, T('2026-03-08 09:00')).owed).toEqual([]);
    expect(overdueCooperation(B, index, T('2026-03-09 09:00')).owed.map((o) => o.cooperationId)).toEqual(['y']);
    expect(overdueCooperation(A, index, T('2026-03-09 09:00')).awaited.map((o) => o.cooperationId)).toEqual(['y']);
  });
});
