// The notice register of one agency and year (编号、留存根): the counter stream's stubs in number
// order. A gap cannot arise from the API: the counter stream's version is the notice number, and the
// stub is appended in the same DynamoDB transaction as the case's assignment, at the counter's
// expected version (functions/api/commands/assignment.ts, event-store appendMany). A gap in the
// register is therefore damaged data, and it is shown, never closed over.

/** One stub as the register reads it: where it is stored (the stream version) and what it says. */
export type StoredStub = { version: number; noticeNumber: number };

/** A run of numbers with no stub, both ends included. */
export type NoticeGap = { from: number; to: number };

/** Where a stub's own number disagrees with the place it is stored at: damaged as well. */
export type MisplacedStub = { version: number; noticeNumber: number };

/**
 * The gaps of a page of stubs that starts after `after` (0 for the first page): numbers between
 * `after + 1` and the last stub of the page that no stored item holds. Stubs are in version order.
 */
export const gapsOf = (after: number, stubs: readonly StoredStub[]): NoticeGap[] => {
  const gaps: NoticeGap[] = [];
  let expected = after + 1;
  for (const { version } of stubs) {
    if (version > expected) gaps.push({ from: expected, to: version - 1 });
    expected = version + 1;
  }
  return gaps;
};

/** Stubs whose number is not their version: a moved or rewritten item. */
export const misplacedOf = (stubs: readonly StoredStub[]): MisplacedStub[] =>
  stubs.filter((s) => s.noticeNumber !== s.version).map(({ version, noticeNumber }) => ({ version, noticeNumber }));

/** The number as a notice prints it when the agency's own counter issued it: (2026)agency:hz-xihu 援指字第0007号. */
export const printedNoticeNumber = (agencyId: string, year: number, noticeNumber: number): string =>
  `(${year})${agencyId} 援指字第${String(noticeNumber).padStart(4, '0')}号`;

/**
 * The legacy section of a register page: one numbering space per old system (by code), its numbers in
 * printed order (the sequence the number prints, then the printed text, for numbers a system printed twice).
 */
export const legacySpacesOf = <T extends { system: string; printed: string; sequence: number }>(entries: readonly T[]) => {
  const bySystem = new Map<string, T[]>();
  for (const e of entries) bySystem.set(e.system, [...(bySystem.get(e.system) ?? []), e]);
  return [...bySystem.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([system, notices]) => ({
      system,
      notices: [...notices].sort((a, b) => a.sequence - b.sequence || (a.printed < b.printed ? -1 : a.printed > b.printed ? 1 : 0)),
    }));
};
