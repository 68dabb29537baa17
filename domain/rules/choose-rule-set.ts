import { refuse } from '../error-codes.ts';
import { chinaDateOf } from '../time/calendar.ts';
import type { RuleSet } from './rule-set.ts';
import { ruleSets as allRuleSets } from './rule-sets.ts';

/**
 * The rule set in force for a province on the China date of `relevantAt`: the province's latest set
 * effective by then, else the latest national one. Before the law took effect there is none.
 */
export const ruleSetFor = (province: string, relevantAt: string, sets: readonly RuleSet[] = allRuleSets): RuleSet => {
  const date = chinaDateOf(relevantAt);
  const inForce = sets.filter((s) => s.effectiveFrom <= date);
  const latest = (candidates: RuleSet[]) =>
    candidates.reduce<RuleSet | null>((best, s) => (!best || s.effectiveFrom > best.effectiveFrom ? s : best), null);
  const chosen = latest(inForce.filter((s) => s.province === province)) ?? latest(inForce.filter((s) => s.province === null));
  if (!chosen) throw refuse('NO_RULE_SET_IN_FORCE', `no legal-aid rules were in force in province ${province} on ${date}`);
  return chosen;
};
