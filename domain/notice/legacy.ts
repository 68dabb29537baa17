import type { LegacyNoticeIndexEvent, NoticeEvent } from '../../events/catalogue/notice-events.ts';
import { refuse } from '../error-codes.ts';

/**
 * An assignment notice numbered by an older system, imported with its number as printed (docs/import.md).
 * It is kept in a numbering space of its own (the agency's, per old system): the agency's counter
 * (counter.ts) is not advanced by it, so numbers issued here continue without clashing with it.
 */
export type LegacyNotice = { system: string; printed: string };

/** What the legacy space holds for the printed number: the case it was filed for, if any. */
export type LegacyNoticeClaim = { notice: LegacyNotice; filedFor: string | null };

/** The sequence number a printed notice number carries: its last run of digits, (2018)杭西援指字第0031号 → 31. */
export const legacySequenceOf = (printed: string): number => {
  const digits = /(\d+)\D*$/.exec(printed)?.[1];
  const n = digits === undefined ? 0 : Number(digits);
  if (!Number.isSafeInteger(n) || n < 1)
    throw refuse('LEGACY_NOTICE_NUMBER_UNREADABLE', `notice number ${printed} prints no sequence number`, 'noticeNumber');
  return n;
};

/** A printed number is filed once in its space; the same case filing it again is its own retry. */
export const assertLegacyNumberFree = ({ notice, filedFor }: LegacyNoticeClaim, caseId: string) => {
  if (filedFor !== null && filedFor !== caseId)
    throw refuse(
      'LEGACY_NOTICE_NUMBER_TAKEN',
      `notice number ${notice.printed} of ${notice.system} is already filed for case ${filedFor}`,
      'noticeNumber',
    );
};

/**
 * The index entries of the legacy stubs a decision files on `stubStream`, whose head was `stubHead`:
 * one per stub, naming the version it will be stored at. Written with the stubs, in one transaction.
 */
export const legacyIndexEntriesOf = (stubs: readonly NoticeEvent[], stubStream: string, stubHead: number): LegacyNoticeIndexEvent[] =>
  stubs.flatMap((stub, i) =>
    stub.type === 'LegacyNoticeStubFiled'
      ? [{ type: 'LegacyNoticeIndexed' as const, data: { ...stub.data, stubStream, stubVersion: stubHead + i + 1 } }]
      : [],
  );
