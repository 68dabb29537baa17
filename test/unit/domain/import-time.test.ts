import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/errors.ts';
import { assertLegacyNumberFree, legacySequenceOf } from '../../../domain/notice/legacy.ts';
import { importedBusinessTimeOf, importTimePolicies } from '../../../domain/rules/import-time.ts';
import { businessTimeOf } from '../../../domain/time/business-time.ts';

// An imported line's business time (domain/rules/import-time.ts) and a legacy notice number
// (domain/notice/legacy.ts): pure rules, the clock passed in.

const recordedAt = '2026-11-02T10:00:00+08:00';
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  return null;
};

describe('the import time policy', () => {
  it('takes a business time years before the recording as it is, not as a late entry', () => {
    expect(importedBusinessTimeOf('2018-03-05T09:12:00+08:00', recordedAt)).toEqual({
      occurredAt: '2018-03-05T09:12:00+08:00',
      lateEntry: null,
    });
    // The same time sent live is outside the late-entry window: the import is another policy, not a wider window.
    expect(
      refusal(() => businessTimeOf({ occurredAt: '2018-03-05T09:12:00+08:00', lateEntryReason: 'paper-ledger', recordedAt })),
    ).toMatchObject({
      code: 'LATE_ENTRY_OUTSIDE_WINDOW',
    });
  });

  it('refuses a business time ahead of the recording beyond the clock skew, naming occurredAt', () => {
    const skew = importTimePolicies[0]!.futureSkewSeconds * 1000;
    const within = new Date(Date.parse(recordedAt) + skew).toISOString();
    const beyond = new Date(Date.parse(recordedAt) + skew + 1000).toISOString();
    expect(importedBusinessTimeOf(within, recordedAt).lateEntry).toBeNull();
    expect(refusal(() => importedBusinessTimeOf(beyond, recordedAt))).toEqual({ code: 'OCCURRED_AT_IN_FUTURE', field: 'occurredAt' });
  });

  it('has no policy before one was in force', () => {
    expect(refusal(() => importedBusinessTimeOf('2018-03-05T09:12:00+08:00', '2021-06-01T10:00:00+08:00'))).toMatchObject({
      code: 'NO_LATE_ENTRY_POLICY',
    });
  });
});

describe('legacy notice numbers', () => {
  it('reads the sequence number a printed number carries: its last run of digits', () => {
    expect(legacySequenceOf('(2018)杭西援指字第0031号')).toBe(31);
    expect(legacySequenceOf('XH-2017-204')).toBe(204);
    expect(refusal(() => legacySequenceOf('杭西援指字第号'))).toEqual({ code: 'LEGACY_NOTICE_NUMBER_UNREADABLE', field: 'noticeNumber' });
    expect(refusal(() => legacySequenceOf('第0000号'))).toEqual({ code: 'LEGACY_NOTICE_NUMBER_UNREADABLE', field: 'noticeNumber' });
  });

  it('files a printed number for one case only; the same case filing it again is its own retry', () => {
    const notice = { system: 'xh-legacy', printed: '(2018)杭西援指字第0031号' };
    expect(refusal(() => assertLegacyNumberFree({ notice, filedFor: null }, 'case-a'))).toBeNull();
    expect(refusal(() => assertLegacyNumberFree({ notice, filedFor: 'case-a' }, 'case-a'))).toBeNull();
    expect(refusal(() => assertLegacyNumberFree({ notice, filedFor: 'case-a' }, 'case-b'))).toEqual({
      code: 'LEGACY_NOTICE_NUMBER_TAKEN',
      field: 'noticeNumber',
    });
  });
});
