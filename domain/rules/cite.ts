import { DomainError } from '../errors.ts';
import type { RuleSet } from './rule-set.ts';

/**
 * A refusal's rule as the set in force cites it. The error codes name the 2021 law's articles; a set
 * of earlier rules maps each to its own instrument's article, and an article it has no counterpart
 * for is named as the 2021 law's and marked so, never passed off as a rule of the time.
 */
export const citeUnder = (rules: RuleSet, rule: string | null): string | null => {
  if (rule === null || Object.keys(rules.citations).length === 0) return rule;
  return rule
    .split(', ')
    .map((article) => rules.citations[article] ?? `法律援助法 ${article} (no counterpart in ${rules.id})`)
    .join('; ');
};

/** Runs a decision; a refusal it gives cites the rules of `rules` (null: no set known yet, the codes' own citation). */
export const citingRulesOf = <T>(rules: RuleSet | null, decide: () => T): T => {
  try {
    return decide();
  } catch (error) {
    if (!rules || !(error instanceof DomainError)) throw error;
    const rule = citeUnder(rules, error.rule);
    if (rule === error.rule) throw error;
    throw new DomainError(error.code, error.message, { rule, field: error.field });
  }
};

/**
 * The legal basis a decision records for an item of a 2021-law article (a termination ground, Art 48(4)):
 * the article as the set in force numbers it, with the 2021 item named beside it for comparison.
 */
export const citeItemUnder = (rules: RuleSet, article: string, item: number): string =>
  Object.keys(rules.citations).length === 0 ? `${article}(${item})` : `${citeUnder(rules, article)} (as 法律援助法 ${article}(${item}))`;
