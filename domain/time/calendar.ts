// Date arithmetic for legal periods. Agencies count in China Standard Time (UTC+8, no daylight
// saving), so a calendar day is always 24 hours and a date is the +08:00 date of an instant.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** Milliseconds since the epoch of an ISO instant; an unreadable time is a programming error, not a refusal. */
export const toMs = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO time: ${iso}`);
  return ms;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant written in China time, e.g. 2026-03-09T23:59:59.999+08:00, so due dates read as agencies write them. */
export const chinaIso = (ms: number): string => {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+08:00`;
};

/** The China calendar date (YYYY-MM-DD) an instant falls on. */
export const chinaDateOf = (iso: string): string => chinaIso(toMs(iso)).slice(0, 10);

export const chinaYearOf = (iso: string): number => Number(chinaDateOf(iso).slice(0, 4));

const dateMs = (date: string): number => toMs(`${date}T00:00:00+08:00`);

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export const daysBetweenDates = (from: string, to: string): number => Math.round((dateMs(to) - dateMs(from)) / DAY_MS);

export const addHours = (iso: string, hours: number): string => chinaIso(toMs(iso) + hours * HOUR_MS);

/**
 * The last instant of a period of `days` calendar days that starts on the day of `iso`. The day the
 * period starts on is not counted and the period runs to the end of its last day (as in Chinese
 * procedural law), so 7 days from any time on 2 March end at 23:59:59.999 on 9 March.
 */
export const endOfDaysAfter = (iso: string, days: number): string => chinaIso(dateMs(chinaDateOf(iso)) + (days + 1) * DAY_MS - 1);

export const plusMs = (iso: string, ms: number): string => chinaIso(toMs(iso) + ms);

export const isAfter = (a: string, b: string): boolean => toMs(a) > toMs(b);

export const msBetween = (from: string, to: string): number => toMs(to) - toMs(from);

/** Completed years from a date to the China date of an instant, as a birthday counts age. */
export const fullYearsSince = (since: string, atIso: string): number => {
  const at = chinaDateOf(atIso);
  const [sy, sm, sd] = since.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = at.split('-').map(Number) as [number, number, number];
  return ay - sy - (am < sm || (am === sm && ad < sd) ? 1 : 0);
};
