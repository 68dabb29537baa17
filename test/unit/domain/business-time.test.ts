import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/errors.ts';
import type { LateEntryPolicy } from '../../../domain/rules/late-entry.ts';
import { businessTimeOf, type BusinessTimeInput } from '../../../domain/time/business-time.ts';

// Business time against recorded time, given a policy written here (not the shipped one), so each
// expectation follows from the figures in this file: a 30-day window, 60 minutes of tolerance, 120 s of skew.

const policy: LateEntryPolicy = {
  id: 'test-policy',
  province: null,
  effectiveFrom: '2022-01-01',
  source: 'this test',
  lateEntryDays: 30,
  toleranceMinutes: 60,
  futureSkewSeconds: 120,
};
const RECORDED = '2026-12-07T10:00:00+08:00';
const when = (input: Partial<BusinessTimeInput>) =>
  businessTimeOf({ occurredAt: undefined, lateEntryReason: undefined, recordedAt: RECORDED, ...input }, [policy]);
const refusal = (input: Partial<BusinessTimeInput>) => {
  try {
    when(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { code: e.code, field: e.field };
  }
  throw new Error('expected a refusal');
};

describe('business time of a command', () => {
  it('given no occurredAt, when recorded, then it happened as it is recorded, with no flag', () => {
    expect(when({})).toEqual({ occurredAt: RECORDED, lateEntry: null });
  });

  it('given an occurredAt within the tolerance, then it is kept as said and is not a late entry', () => {
    const at = '2026-12-07T09:00:00+08:00'; // exactly 60 minutes before
    expect(when({ occurredAt: at })).toEqual({ occurredAt: at, lateEntry: null });
  });

  it('given a paper record of 12 days ago with a reason, then it is a late entry, flagged with its days late and policy', () => {
    const at = '2026-11-25T15:30:00+08:00';
    expect(when({ occurredAt: at, lateEntryReason: 'paper-ledger' })).toEqual({
      occurredAt: at,
      lateEntry: { reason: 'paper-ledger', lateByDays: 12, policyId: 'test-policy' },
    });
  });

  it('given a late occurredAt and no reason, then it is refused, naming lateEntryReason', () => {
    expect(refusal({ occurredAt: '2026-12-07T08:59:00+08:00' })).toEqual({ code: 'LATE_ENTRY_REASON_REQUIRED', field: 'lateEntryReason' });
    expect(refusal({ occurredAt: '2026-12-01T08:00:00+08:00' })).toEqual({ code: 'LATE_ENTRY_REASON_REQUIRED', field: 'lateEntryReason' });
  });

  it('given the last day of the window, then it is allowed; a day more is refused, naming occurredAt', () => {
    expect(when({ occurredAt: '2026-11-07T00:00:00+08:00', lateEntryReason: 'system-outage' }).lateEntry?.lateByDays).toBe(30);
    expect(refusal({ occurredAt: '2026-11-06T23:59:59+08:00', lateEntryReason: 'system-outage' })).toEqual({
      code: 'LATE_ENTRY_OUTSIDE_WINDOW',
      field: 'occurredAt',
    });
  });

  it('given an occurredAt ahead of the recording beyond the skew, then it is refused; within the skew it is taken as said', () => {
    expect(when({ occurredAt: '2026-12-07T10:02:00+08:00' }).occurredAt).toBe('2026-12-07T10:02:00+08:00');
    expect(refusal({ occurredAt: '2026-12-07T10:02:01+08:00' })).toEqual({ code: 'OCCURRED_AT_IN_FUTURE', field: 'occurredAt' });
  });

  it('given a reason for a record that is not late, then it is refused, so no timely record is flagged by mistake', () => {
    expect(refusal({ lateEntryReason: 'paper-ledger' })).toEqual({ code: 'LATE_ENTRY_NOT_LATE', field: 'lateEntryReason' });
    expect(refusal({ occurredAt: '2026-12-07T09:30:00+08:00', lateEntryReason: 'paper-ledger' })).toEqual({
      code: 'LATE_ENTRY_NOT_LATE',
      field: 'lateEntryReason',
    });
  });

  it('given no policy in force on the day of recording, then a late entry is refused', () => {
    expect(() =>
      businessTimeOf(
        { occurredAt: '2021-06-01T09:00:00+08:00', lateEntryReason: 'paper-ledger', recordedAt: '2021-06-02T09:00:00+08:00' },
        [policy],
      ),
    ).toThrow(expect.objectContaining({ code: 'NO_LATE_ENTRY_POLICY' }));
  });
});
