import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { isCommandOf } from '../commands.ts';
import type { Decider } from '../decider.ts';
import {
  applyingCommandSchemas,
  closingCommandSchemas,
  complainingCommandSchemas,
  handlingCommandSchemas,
  objectingCommandSchemas,
  reviewingCommandSchemas,
  supervisingCommandSchemas,
  transferringCommandSchemas,
  acknowledgingCommandSchemas,
  stationCommandSchemas,
  type CaseCommand,
} from './commands.ts';
import { citingRulesOf } from '../rules/cite.ts';
import { ruleSetOfCaseIfAny, type CaseContext } from './context.ts';
import { decideApplying } from './decide/applying.ts';
import { decideClosing } from './decide/closing.ts';
import { decideComplaining } from './decide/complaining.ts';
import { decideHandling } from './decide/handling.ts';
import { decideObjecting } from './decide/objecting.ts';
import { decideReviewing } from './decide/reviewing.ts';
import { decideSupervising } from './decide/supervising.ts';
import { decideTransferring } from './decide/transferring.ts';
import { decideAcknowledging } from './decide/acknowledging.ts';
import { decideStation } from './decide/station.ts';
import { evolveCase } from './evolve.ts';
import { admit } from './lifecycle.ts';
import { initialCaseState, type CaseState } from './state.ts';

export type { CaseContext } from './context.ts';

/**
 * Decides a case command: first whether the case at its stage takes it, then the law's rules for it.
 * A refusal cites the articles of the rules in force on the case's receipt.
 */
const decide = (command: CaseCommand, state: CaseState, context: CaseContext): CaseEvent[] =>
  citingRulesOf(ruleSetOfCaseIfAny(state, context, openingOf(command)), () => decideUnderRules(command, state, context));

/** The agency, province and receipt a command opening a case names. */
const openingOf = (command: CaseCommand) =>
  command.type === 'ReceiveApplication' || command.type === 'ReceiveForwardedApplication' || command.type === 'ReceiveDefenceNotification'
    ? command.data
    : undefined;

const decideUnderRules = (command: CaseCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  admit(command.type, state);
  if (isCommandOf(applyingCommandSchemas, command)) return decideApplying(command, state, context);
  if (isCommandOf(reviewingCommandSchemas, command)) return decideReviewing(command, state, context);
  if (isCommandOf(complainingCommandSchemas, command)) return decideComplaining(command, state, context);
  if (isCommandOf(handlingCommandSchemas, command)) return decideHandling(command, state, context);
  if (isCommandOf(closingCommandSchemas, command)) return decideClosing(command, state, context);
  if (isCommandOf(objectingCommandSchemas, command)) return decideObjecting(command, state, context);
  if (isCommandOf(supervisingCommandSchemas, command)) return decideSupervising(command, state, context);
  if (isCommandOf(transferringCommandSchemas, command)) return decideTransferring(command, state, context);
  if (isCommandOf(acknowledgingCommandSchemas, command)) return decideAcknowledging(command, state, context);
  if (isCommandOf(stationCommandSchemas, command)) return decideStation(command, state, context);
  throw new Error(`unknown case command ${(command as { type: string }).type}`);
};

/** The case stream's decider; assignment, which also numbers a notice, is `decideAssignment` (assignment.ts). */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState, CaseContext> = {
  decide,
  evolve: evolveCase,
  initialState: initialCaseState,
};
