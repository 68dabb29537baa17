import type { Actor } from '../../events/envelope.ts';
import type { Registry } from '../organisation/registry.ts';
import { ruleSetFor } from '../rules/choose-rule-set.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { provinceOfOpening } from './receiving-agency.ts';
import type { CaseState } from './state.ts';

/**
 * What a decision may know besides the command and the state. Time is an input, never read;
 * `ruleSets` replaces the built-in rule data (tests, a province's draft rules). `registry` is the
 * snapshot of the organisations the request is decided on: with it, a case's province and its
 * competent agency come from the tree, and an agency's notices from the agency holding its records.
 */
export type CaseContext = { now: string; actor: Actor; ruleSets?: readonly RuleSet[]; registry?: Registry };

/** A case's rules are those in force on the day the agency received it. */
export const ruleSetOfCase = (state: CaseState, context: Pick<CaseContext, 'ruleSets'>): RuleSet => {
  if (!state.province || !state.receivedAt) throw new Error('a case without province or receipt has no rule set');
  return ruleSetFor(state.province, state.receivedAt, context.ruleSets);
};

/**
 * The rules a decision's refusals cite (domain/rules/cite.ts): a received case's, or for the command
 * that opens a case, those in force on the receipt it names; null when none can be told.
 */
export const ruleSetOfCaseIfAny = (
  state: CaseState,
  context: Pick<CaseContext, 'ruleSets' | 'registry'>,
  opening?: { agencyId: string; province?: string | undefined; receivedAt: string },
): RuleSet | null => {
  try {
    if (state.province && state.receivedAt) return ruleSetOfCase(state, context);
    if (opening) return ruleSetFor(provinceOfOpening(opening, context.registry), opening.receivedAt, context.ruleSets);
    return null;
  } catch {
    // A set list without the case's date (a test's or a draft's): its refusals keep the codes' own citation.
    return null;
  }
};
