import { describe, expect, it } from 'vitest';
import { ruleSetOfCase } from '../../../domain/case/context.ts';
import { dueDates, dueDatesOf, type DueDate, type DueDateKind } from '../../../domain/case/due-dates.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { assigned, forwarded, granted, meansWithin, notified, received, refused, stateOf, T } from './fixtures.ts';

const datesOf = (events: CaseEvent[], now: string): DueDate[] => {
  const state: CaseState = stateOf(events);
  return dueDates(state, ruleSetOfCase(state, {}), now);
};
const one = (events: CaseEvent[], now: string, kind: DueDateKind): DueDate => {
  const found = datesOf(events, now).filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const requested = (at: string): CaseEvent => ({ type: 'MaterialsRequested', data: { items: ['劳动合同'], requestedAt: at } });
const supplied = (at: string): CaseEvent => ({ type: 'MaterialsSupplied', data: { items: ['劳动合同'], suppliedAt: at } });
const END_OF_9_MARCH = '2026-03-09T23:59:59.999+08:00';

describe('review within 7 days of receipt (Art 43)', () => {
  it('is due at the end of the 7th day after receipt, open and not overdue before then', () => {
    expect(one([received()], T('2026-03-09 23:00'), 'review')).toEqual({
      kind: 'review',
      rule: 'Art 43',
      owner: 'agency',
      startedAt: T('2026-03-02 09:00'),
      dueAt: END_OF_9_MARCH,
      satisfiedAt: null,
      open: true,
      overdue: false,
      paused: false,
      ref: null,
    });
  });

  it('is overdue once that day has ended without a decision', () => {
    expect(one([received()], T('2026-03-10 00:00'), 'review')).toMatchObject({ open: true, overdue: true });
  });

  it('is satisfied by a decision in time, and stays a missed deadline when decided late', () => {
    expect(one([received(), meansWithin(), granted(T('2026-03-09 18:00'))], T('2026-04-01 09:00'), 'review')).toMatchObject({
      satisfiedAt: T('2026-03-09 18:00'),
      open: false,
      overdue: false,
    });
    expect(one([received(), refused(T('2026-03-10 09:00'))], T('2026-04-01 09:00'), 'review')).toMatchObject({
      open: false,
      overdue: true,
    });
  });

  it('pauses while materials are outstanding: never overdue while waiting', () => {
    const review = one([received(), requested(T('2026-03-03 09:00'))], T('2026-03-20 09:00'), 'review');
    expect(review).toMatchObject({ paused: true, overdue: false });
  });

  it('resumes when the materials are complete, lengthened by the time waited (3 days)', () => {
    const history = [received(), requested(T('2026-03-03 09:00')), supplied(T('2026-03-06 09:00'))];
    expect(one(history, T('2026-03-12 23:00'), 'review')).toMatchObject({
      dueAt: '2026-03-12T23:59:59.999+08:00',
      paused: false,
      overdue: false,
    });
    expect(one(history, T('2026-03-13 00:00'), 'review')).toMatchObject({ overdue: true });
  });

  it('a partial supply does not restart the clock', () => {
    const partial: CaseEvent[] = [
      received(),
      { type: 'MaterialsRequested', data: { items: ['劳动合同', '工资条'], requestedAt: T('2026-03-03 09:00') } },
      { type: 'MaterialsSupplied', data: { items: ['工资条'], suppliedAt: T('2026-03-04 09:00') } },
    ];
    expect(one(partial, T('2026-03-20 09:00'), 'review')).toMatchObject({ paused: true, overdue: false });
  });

  it('a request made after the deadline passed does not cure it', () => {
    expect(one([received(), requested(T('2026-03-11 09:00'))], T('2026-03-15 09:00'), 'review')).toMatchObject({
      paused: true,
      overdue: true,
    });
  });
});

describe('materials, forwarding, notification, assignment, objection periods', () => {
  it('materials: the applicant has 15 days (national default) before the application counts as withdrawn', () => {
    expect(one([received(), requested(T('2026-03-03 09:00'))], T('2026-03-19 00:00'), 'materials')).toMatchObject({
      owner: 'applicant',
      rule: 'Art 43',
      dueAt: '2026-03-18T23:59:59.999+08:00',
      open: true,
      overdue: true,
    });
  });

  it('forwarding (Art 39): 24 hours from the forwarder receiving it', () => {
    expect(one([forwarded(T('2026-03-02 09:00'))], T('2026-03-05 09:00'), 'forwarding')).toMatchObject({
      owner: 'forwarder',
      dueAt: '2026-03-02T09:00:00.000+08:00',
      overdue: false,
    });
    expect(one([forwarded(T('2026-03-02 09:01'))], T('2026-03-05 09:00'), 'forwarding')).toMatchObject({ overdue: true });
  });

  it('notification (Art 36): 3 days from the authority finding the case', () => {
    expect(one([notified({ foundAt: T('2026-02-27 10:00') })], T('2026-03-05 09:00'), 'notification')).toMatchObject({
      dueAt: '2026-03-02T23:59:59.999+08:00',
      overdue: false,
    });
    expect(one([notified({ foundAt: T('2026-02-26 10:00') })], T('2026-03-05 09:00'), 'notification')).toMatchObject({ overdue: true });
  });

  it('assignment (Art 36): 3 days from receiving the notification', () => {
    expect(one([notified()], T('2026-03-05 23:00'), 'assignment')).toMatchObject({
      rule: 'Art 36',
      dueAt: '2026-03-05T23:59:59.999+08:00',
      open: true,
      overdue: false,
    });
    expect(one([notified()], T('2026-03-06 00:00'), 'assignment')).toMatchObject({ overdue: true });
  });

  it('assignment (Art 43): 3 days from the grant, satisfied by the assignment', () => {
    const history = [received(), meansWithin(), granted(T('2026-03-03 09:00'))];
    expect(one(history, T('2026-03-05 09:00'), 'assignment')).toMatchObject({
      rule: 'Art 43',
      dueAt: '2026-03-06T23:59:59.999+08:00',
      open: true,
    });
    expect(one([...history, assigned('lawyer-wang', 1, T('2026-03-07 09:00'))], T('2026-03-08 09:00'), 'assignment')).toMatchObject({
      satisfiedAt: T('2026-03-07 09:00'),
      overdue: true,
    });
  });

  it('objection (Art 49): the justice bureau decides within 5 days', () => {
    const lodged: CaseEvent = {
      type: 'ObjectionLodged',
      data: {
        objectionId: 'obj-1',
        against: 'refusal',
        grounds: 'x',
        justiceBureauId: 'justice-bureau:bj',
        lodgedAt: T('2026-04-02 09:00'),
        transmittedBy: null,
      },
    };
    const history = [received(), refused(), lodged];
    expect(one(history, T('2026-04-07 23:00'), 'objection-decision')).toMatchObject({
      owner: 'justice-bureau',
      dueAt: '2026-04-07T23:59:59.999+08:00',
      overdue: false,
      ref: 'obj-1',
    });
    const decided: CaseEvent = {
      type: 'ObjectionDecided',
      data: { objectionId: 'obj-1', decision: 'upheld', reasons: 'x', decidedAt: T('2026-04-08 09:00') },
    };
    expect(one([...history, decided], T('2026-04-09 09:00'), 'objection-decision')).toMatchObject({ open: false, overdue: true });
  });
});

describe('the rule set is chosen by the date of receipt', () => {
  it('Zhejiang: received before the 2025 revision, 7 days; after it, 5 days', () => {
    const before = one([received({ province: '33', receivedAt: T('2025-06-30 09:00') })], T('2025-07-02 09:00'), 'review');
    const after = one([received({ province: '33', receivedAt: T('2025-07-01 09:00') })], T('2025-07-02 09:00'), 'review');
    expect(before.dueAt).toBe('2025-07-07T23:59:59.999+08:00');
    expect(after.dueAt).toBe('2025-07-06T23:59:59.999+08:00');
  });

  it('Zhejiang: the withdrawal period doubles for cases received after the revision', () => {
    expect(
      one(
        [received({ province: '33', receivedAt: T('2025-07-01 09:00') }), requested(T('2025-07-02 09:00'))],
        T('2025-07-03 09:00'),
        'materials',
      ).dueAt,
    ).toBe('2025-08-01T23:59:59.999+08:00');
  });
});

describe('dueDatesOf', () => {
  it('lists nothing for a case not received, and the rule set of the receipt date otherwise', () => {
    expect(dueDatesOf(stateOf([]), T('2026-03-05 09:00'))).toEqual([]);
    const zhejiang = stateOf([received({ province: '33', receivedAt: T('2025-07-01 09:00') })]);
    expect(dueDatesOf(zhejiang, T('2025-07-02 09:00')).map((d) => [d.kind, d.dueAt])).toEqual([
      ['review', '2025-07-06T23:59:59.999+08:00'],
    ]);
  });
});
