import { applyingCommandSchemas } from '../case/commands/applying.ts';
import type { CommandsOf } from '../commands.ts';
import { recordIdSchema } from '../../events/catalogue/vocabulary.ts';

/**
 * Art 38: refer an application to the competent agency. It carries the application as received;
 * which agency is competent is the decider's to find from the registry, never the caller's to say.
 */
export const referralCommandSchemas = {
  ReferApplication: applyingCommandSchemas.ReceiveApplication.omit({ caseId: true }).extend({ referralId: recordIdSchema }),
};

export type ReferralCommand = CommandsOf<typeof referralCommandSchemas>;
