import { chinaDateOf } from '../time/calendar.ts';

/** Data that applies in a province (or nationally, province null) from a date until a later set replaces it. */
export type DatedRules = { id: string; province: string | null; effectiveFrom: string };

/**
 * The set in force for a province on the China date of `relevantAt`: the province's latest set
 * effective by then, else the latest national one; null when none was in force. The same choice
 * `ruleSetFor` makes for the case rule sets, for any other dated rule data (subsidy rates, quality standards).
 */
export const chooseDated = <T extends DatedRules>(sets: readonly T[], province: string | null, relevantAt: string): T | null => {
  const date = chinaDateOf(relevantAt);
  const inForce = sets.filter((s) => s.effectiveFrom <= date);
  const latest = (candidates: T[]) =>
    candidates.reduce<T | null>((best, s) => (!best || s.effectiveFrom > best.effectiveFrom ? s : best), null);
  return (
    (province === null ? null : latest(inForce.filter((s) => s.province === province))) ??
    latest(inForce.filter((s) => s.province === null))
  );
};
