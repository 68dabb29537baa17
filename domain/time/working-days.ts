import type { DayUnit } from '../rules/rule-set.ts';
import { chinaDateOf, chinaIso, endOfDaysAfter, toMs } from './calendar.ts';
import { publicHolidayYears, type PublicHolidayYear } from './public-holidays.ts';

const DAY_MS = 86_400_000;

const nextDate = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * A working day (工作日): a Monday to Friday that is no public holiday, or a weekend day worked in
 * exchange for one. A year without holiday data counts Monday to Friday only.
 */
export const isWorkingDay = (date: string, years: readonly PublicHolidayYear[] = publicHolidayYears): boolean => {
  const year = years.find((y) => y.year === Number(date.slice(0, 4)));
  if (year?.workdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/**
 * The last instant of a period of `days` working days that starts on the day of `iso`: as with
 * calendar days the starting day is not counted, and the period ends at the end of its last working day.
 */
export const endOfWorkingDaysAfter = (iso: string, days: number, years: readonly PublicHolidayYear[] = publicHolidayYears): string => {
  let date = chinaDateOf(iso);
  for (let counted = 0; counted < days; ) {
    date = nextDate(date);
    if (isWorkingDay(date, years)) counted += 1;
  }
  return chinaIso(toMs(`${nextDate(date)}T00:00:00+08:00`) - 1);
};

/** The end of a period counted in the unit a rule set gives it. */
export const endOfPeriodAfter = (iso: string, days: number, unit: DayUnit): string =>
  unit === 'working-day' ? endOfWorkingDaysAfter(iso, days) : endOfDaysAfter(iso, days);
