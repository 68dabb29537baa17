import { chinaDateOf, toMs } from '../time/calendar.ts';

// Reporting periods are China calendar months and years (UTC+8): November 2026 runs from
// 2026-11-01T00:00+08:00 up to (not including) 2026-12-01T00:00+08:00.

export type Period = { kind: 'month'; month: string } | { kind: 'year'; year: number };

const CHINA_OFFSET = '+08:00';

export const chinaMonthOf = (iso: string): string => chinaDateOf(iso).slice(0, 7);

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The period's first instant and the first instant after it, as UTC ISO strings (index sort keys compare as these). */
export const periodBounds = (p: Period): { from: string; below: string } => {
  const [start, end] = p.kind === 'month' ? [p.month, nextMonth(p.month)] : [`${p.year}-01`, `${p.year + 1}-01`];
  return {
    from: new Date(toMs(`${start}-01T00:00:00${CHINA_OFFSET}`)).toISOString(),
    below: new Date(toMs(`${end}-01T00:00:00${CHINA_OFFSET}`)).toISOString(),
  };
};

export const inPeriod = (iso: string | null | undefined, p: Period): boolean => {
  if (!iso) return false;
  const { from, below } = periodBounds(p);
  const ms = toMs(iso);
  return ms >= toMs(from) && ms < toMs(below);
};

export const periodLabel = (p: Period): string => (p.kind === 'month' ? p.month : String(p.year));

/** The period's first and last China business dates (YYYY-MM-DD), the days the registry is asked about. */
export const periodDays = (p: Period): { first: string; last: string } => {
  const { from, below } = periodBounds(p);
  return { first: chinaDateOf(from), last: chinaDateOf(new Date(toMs(below) - 1).toISOString()) };
};
