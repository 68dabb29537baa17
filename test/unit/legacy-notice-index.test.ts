import { describe, expect, it } from 'vitest';
import { legacyIndexEntriesOf } from '../../domain/notice/legacy.ts';
import { legacySpacesOf } from '../../domain/notice/register.ts';
import type { NoticeEvent } from '../../events/catalogue/notice-events.ts';
import type { ImportLine } from '../../functions/lib/import/import-line.ts';
import { sharedKeysOf } from '../../functions/lib/import/shared-streams.ts';

// The legacy index: one entry per legacy stub, naming where the stub will be stored; the register's
// legacy section grouped per old system in printed order; imported lines on one index run in file order.

const stub = {
  agencyId: 'agency:hz-xihu',
  year: 2018,
  noticeNumber: 31,
  caseId: 'c-1',
  workerId: 'w-1',
  replacesWorkerId: null,
  issuedAt: '2018-03-06T02:00:00.000Z',
};
const legacyStub: NoticeEvent = {
  type: 'LegacyNoticeStubFiled',
  data: { ...stub, system: 'xh', printedNoticeNumber: '(2018)杭西援指字第0031号' },
};

describe('legacyIndexEntriesOf', () => {
  it('makes one entry per legacy stub, at the version after the stream head, and none for a counter stub', () => {
    const entries = legacyIndexEntriesOf([legacyStub], 'notice-legacy#x', 2);
    expect(entries).toEqual([{ type: 'LegacyNoticeIndexed', data: { ...legacyStub.data, stubStream: 'notice-legacy#x', stubVersion: 3 } }]);
    expect(legacyIndexEntriesOf([{ type: 'AssignmentNoticeStubFiled', data: stub }], 'notice#x', 0)).toEqual([]);
  });
});

describe('legacySpacesOf', () => {
  it('groups by system and orders each by sequence, then printed text', () => {
    const e = (system: string, printed: string, sequence: number) => ({ system, printed, sequence });
    const spaces = legacySpacesOf([e('b', 'B-12', 12), e('a', 'A-7', 7), e('b', 'B-3', 3), e('b', 'B-3 bis', 3), e('a', 'A-2', 2)]);
    expect(spaces.map((s) => [s.system, s.notices.map((n) => n.printed)])).toEqual([
      ['a', ['A-2', 'A-7']],
      ['b', ['B-3', 'B-3 bis', 'B-12']],
    ]);
  });
});

describe('sharedKeysOf an assignment line', () => {
  const line = (noticeNumber?: string) =>
    ({
      record: 'C-1',
      command: 'AssignAidWorker',
      occurredAt: '2018-03-06T10:00:00+08:00',
      actor: { role: 'agency-reviewer', id: 'legacy:zw', organisation: 'agency:hz-xihu' },
      data: {},
      ...(noticeNumber ? { noticeNumber } : {}),
    }) as unknown as ImportLine;
  it("holds the year's legacy index for a printed number, the year's counter otherwise", () => {
    expect(sharedKeysOf(line('(2018)杭西援指字第0031号'))).toEqual(['#notice-legacy-index:agency:hz-xihu:2018']);
    expect(sharedKeysOf(line())).toEqual(['#notice-counter:agency:hz-xihu:2018']);
  });
});
