import type { CommandsOf } from '../commands.ts';
import { applyingCommandSchemas } from './commands/applying.ts';
import { assignmentCommandSchemas, complainingCommandSchemas } from './commands/assigning.ts';
import { closingCommandSchemas } from './commands/closing.ts';
import { handlingCommandSchemas } from './commands/handling.ts';
import { objectingCommandSchemas } from './commands/objecting.ts';
import { reviewingCommandSchemas } from './commands/reviewing.ts';
import { supervisingCommandSchemas } from './commands/supervising.ts';
import { stationCommandSchemas } from './commands/station.ts';
import { acknowledgingCommandSchemas, transferringCommandSchemas } from './commands/transferring.ts';

export {
  applyingCommandSchemas,
  assignmentCommandSchemas,
  closingCommandSchemas,
  complainingCommandSchemas,
  handlingCommandSchemas,
  objectingCommandSchemas,
  reviewingCommandSchemas,
  supervisingCommandSchemas,
  transferringCommandSchemas,
  acknowledgingCommandSchemas,
  stationCommandSchemas,
};

/** Commands the case decider takes: each touches the case stream only. */
export const caseCommandSchemas = {
  ...applyingCommandSchemas,
  ...reviewingCommandSchemas,
  ...complainingCommandSchemas,
  ...handlingCommandSchemas,
  ...closingCommandSchemas,
  ...objectingCommandSchemas,
  ...supervisingCommandSchemas,
  ...transferringCommandSchemas,
  ...acknowledgingCommandSchemas,
  ...stationCommandSchemas,
};

export type CaseCommand = CommandsOf<typeof caseCommandSchemas>;
export type CaseCommandType = CaseCommand['type'];
export type CaseCommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
export type ReceiveApplication = CaseCommandOf<'ReceiveApplication'>;

/** Commands that also number a notice on the agency's counter stream: `decideAssignment`. */
export type AssignmentCommand = CommandsOf<typeof assignmentCommandSchemas>;
