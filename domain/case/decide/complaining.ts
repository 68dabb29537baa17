import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notInFuture } from '../../guards.ts';
import type { complainingCommandSchemas } from '../commands/assigning.ts';
import type { CaseContext } from '../context.ts';
import type { CaseState } from '../state.ts';

type ComplainingCommand = CommandsOf<typeof complainingCommandSchemas>;

/**
 * Art 55: a complaint about the assigned worker, possibly asking for another; Art 56 and seed 002:
 * about a staff member or the agency (or one of its stations), which asks for no change of worker.
 * Whether the staff member and the organisation are the agency's is checked against the registries
 * on the command path (functions/api/commands/complaint-subjects.ts).
 */
export const decideComplaining = (command: ComplainingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const { about, ...data } = command.data;
  if (state.complaints.some((c) => c.complaintId === data.complaintId)) {
    throw refuse('COMPLAINT_EXISTS', `complaint ${data.complaintId} is already recorded`, 'complaintId');
  }
  notInFuture(data.lodgedAt, context.now, 'lodgedAt');
  if (about) {
    if (data.requestsChangeOfWorker)
      throw refuse('COMPLAINT_SUBJECT_INVALID', 'only a complaint about the assigned lawyer asks for another', 'requestsChangeOfWorker');
    return [
      {
        type: 'ComplaintLodged',
        data:
          about.kind === 'staff'
            ? { ...data, subject: 'staff', workerId: about.workerId }
            : { ...data, subject: 'agency', workerId: null, organisationId: about.organisationId },
      },
    ];
  }
  if (!state.assignment) throw refuse('CASE_NOT_IN_PROGRESS', 'no aid worker is assigned to complain about');
  return [{ type: 'ComplaintLodged', data: { ...data, subject: 'lawyer', workerId: state.assignment.workerId } }];
};
