import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notBefore, notInFuture } from '../../guards.ts';
import type { handlingCommandSchemas } from '../commands/handling.ts';
import type { CaseContext } from '../context.ts';
import type { Assignment, CaseState } from '../state.ts';

type HandlingCommand = CommandsOf<typeof handlingCommandSchemas>;

/** Art 46: the assigned worker, and only they, records what they did; the actor is who signs. */
export const requireAssignedWorker = (state: CaseState, context: CaseContext): Assignment => {
  if (!state.assignment) throw refuse('CASE_NOT_IN_PROGRESS', 'no aid worker is assigned');
  if (context.actor.id !== state.assignment.workerId) {
    throw refuse('NOT_ASSIGNED_WORKER', `${context.actor.id} is not the assigned aid worker`);
  }
  return state.assignment;
};

export const decideHandling = (command: HandlingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const assignment = requireAssignedWorker(state, context);
  notInFuture(command.data.at, context.now, 'at');
  notBefore(command.data.at, assignment.assignedAt, 'at', 'the assignment');
  const workerId = assignment.workerId;
  switch (command.type) {
    case 'RecordClientMeeting':
      return [{ type: 'ClientMeetingHeld', data: { ...command.data, workerId } }];
    case 'RecordFileReading':
      return [{ type: 'CaseFileRead', data: { ...command.data, workerId } }];
    case 'RecordHearingAttendance':
      return [{ type: 'HearingAttended', data: { ...command.data, workerId } }];
    case 'ReportProgress':
      return [{ type: 'ProgressReported', data: { ...command.data, workerId } }];
  }
};
