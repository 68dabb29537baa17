import { refuse } from '../error-codes.ts';
import { supervisingCommandSchemas } from './commands/supervising.ts';
import { pendingCorrection, type CaseState } from './state.ts';

const opening = new Set(['ReceiveApplication', 'ReceiveForwardedApplication', 'ReceiveDefenceNotification']);
const supervision = new Set(Object.keys(supervisingCommandSchemas));
/** What may still happen once aid has ended (closed, terminated, refused, withdrawn), besides supervision. */
const afterEnd = new Set([
  'ArchiveCase',
  'LodgeObjection',
  'TransmitObjection',
  'DecideObjection',
  'ReinstateAid',
  // The authority acknowledges the lawyer it was told of whenever it reads it, even after the case closed (Art 36).
  'AcknowledgeAssignedLawyer',
]);

/** Whether a case at its stage takes a command at all; each command's own rules are checked after this. */
export const admit = (commandType: string, state: CaseState): void => {
  if (opening.has(commandType)) {
    if (state.status !== 'none') throw refuse('CASE_EXISTS', `case ${state.caseId} already exists`);
    return;
  }
  if (state.status === 'none') throw refuse('CASE_NOT_FOUND', 'the case has not been received');
  if (supervision.has(commandType)) return;
  if (state.status === 'archived') throw refuse('CASE_ARCHIVED', 'the case is archived');
  if (afterEnd.has(commandType)) return;
  // A correction order returns a terminated case to the agency: it reinstates, or terminates anew on a ground (Art 49).
  if (commandType === 'TerminateAid' && pendingCorrection(state)?.against === 'termination') return;
  switch (state.status) {
    case 'closed':
      throw refuse('CASE_CLOSED', 'the case is closed');
    case 'terminated':
      throw refuse('CASE_TERMINATED', 'aid was terminated');
    case 'refused':
      throw refuse('AID_REFUSED', 'aid was refused');
    case 'withdrawn':
      throw refuse('APPLICATION_WITHDRAWN', 'the application was withdrawn');
    default:
  }
};
