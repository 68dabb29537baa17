import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notInFuture } from '../../guards.ts';
import type { complainingCommandSchemas } from '../commands/assigning.ts';
import type { CaseContext } from '../context.ts';
import type { CaseState } from '../state.ts';

type ComplainingCommand = CommandsOf<typeof complainingCommandSchemas>;

/** Art 55: a complaint about the assigned worker, possibly asking for another. */
export const decideComplaining = (command: ComplainingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  if (!state.assignment) throw refuse('CASE_NOT_IN_PROGRESS', 'no aid worker is assigned to complain about');
  if (state.complaints.some((c) => c.complaintId === command.data.complaintId)) {
    throw refuse('COMPLAINT_EXISTS', `complaint ${command.data.complaintId} is already recorded`, 'complaintId');
  }
  notInFuture(command.data.lodgedAt, context.now, 'lodgedAt');
  return [{ type: 'ComplaintLodged', data: { ...command.data, workerId: state.assignment.workerId } }];
};
