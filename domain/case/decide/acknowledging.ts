import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { actingAgencyOf } from '../assignment.ts';
import type { acknowledgingCommandSchemas } from '../commands/transferring.ts';
import type { CaseContext } from '../context.ts';
import type { CaseState } from '../state.ts';

type AcknowledgingCommand = CommandsOf<typeof acknowledgingCommandSchemas>;

/** Art 36: the authority that notified acknowledges the lawyer it was told of; once, as a fact of the day it read it. */
export const decideAcknowledging = (_command: AcknowledgingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const notice = state.authorityNotice;
  if (!notice) throw refuse('NO_AUTHORITY_NOTICE', 'no assigned lawyer was told to a notifying authority');
  if (
    actingAgencyOf(context.actor.organisation, context.now, context.registry) !==
    actingAgencyOf(notice.authorityId, context.now, context.registry)
  )
    throw refuse('NOT_NOTIFYING_AUTHORITY', `${notice.authorityId} was told of the lawyer, not ${context.actor.organisation}`);
  if (notice.acknowledgedAt) throw refuse('LAWYER_ALREADY_ACKNOWLEDGED', `acknowledged at ${notice.acknowledgedAt}`);
  return [
    {
      type: 'AssignedLawyerAcknowledged',
      data: { authorityId: notice.authorityId, workerId: notice.workerId, acknowledgedAt: context.now },
    },
  ];
};
