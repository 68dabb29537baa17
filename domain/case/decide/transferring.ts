import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { transferGroundRules } from '../../rules/transfer-rules.ts';
import { chinaDateOf } from '../../time/calendar.ts';
import { actingAgencyOf } from '../assignment.ts';
import type { transferringCommandSchemas } from '../commands/transferring.ts';
import type { CaseContext } from '../context.ts';
import { pendingTransfer, type CaseState, type Transfer } from '../state.ts';

type TransferringCommand = CommandsOf<typeof transferringCommandSchemas>;

/** The pending transfer the command names, decided by the receiving agency only (the actor's organisation, resolved on the day). */
const pendingFor = (state: CaseState, transferId: string, context: CaseContext): Transfer => {
  const pending = pendingTransfer(state);
  if (!pending || pending.transferId !== transferId)
    throw refuse('NO_TRANSFER_PENDING', `no transfer ${transferId} is awaiting the receiving agency`, 'transferId');
  if (
    actingAgencyOf(context.actor.organisation, context.now, context.registry) !==
    actingAgencyOf(pending.toAgencyId, context.now, context.registry)
  )
    throw refuse('NOT_RECEIVING_AGENCY', `the transfer is to ${pending.toAgencyId}, not ${context.actor.organisation}`);
  return pending;
};

/**
 * Issue 19 point 1: the holding agency asks another legal-aid agency to take the case; until that
 * agency accepts, the case stays with the sender. A case with an assigned worker is not handed on
 * (the worker belongs to the sender; a change of worker follows a complaint, Art 55).
 */
export const decideTransferring = (command: TransferringCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  switch (command.type) {
    case 'RequestTransfer': {
      const pending = pendingTransfer(state);
      if (pending) throw refuse('TRANSFER_PENDING', `transfer ${pending.transferId} to ${pending.toAgencyId} awaits an answer`);
      if (state.assignment)
        throw refuse('TRANSFER_AFTER_ASSIGNMENT', `${state.assignment.workerId} is assigned; the case stays with ${state.agencyId}`);
      const { toAgencyId } = command.data;
      const registry = context.registry;
      if (registry) {
        const date = chinaDateOf(context.now);
        const target = registry.describe(toAgencyId, date);
        if (!target || target.kind !== 'legal-aid-agency' || !registry.isOpen(toAgencyId, date))
          throw refuse(
            'NOT_A_LEGAL_AID_AGENCY',
            `a case is transferred to a legal-aid agency: ${toAgencyId} is not one open on ${date}`,
            'toAgencyId',
          );
      }
      if (actingAgencyOf(toAgencyId, context.now, registry) === actingAgencyOf(state.agencyId!, context.now, registry))
        throw refuse('TRANSFER_TO_SELF', `${toAgencyId} already holds the case`, 'toAgencyId');
      return [
        {
          type: 'CaseTransferRequested',
          data: {
            ...command.data,
            fromAgencyId: state.agencyId!,
            legalBasis: transferGroundRules[command.data.ground].legalBasis,
            requestedAt: context.now,
          },
        },
      ];
    }
    case 'AcceptTransfer': {
      const t = pendingFor(state, command.data.transferId, context);
      return [
        {
          type: 'CaseTransferAccepted',
          data: { transferId: t.transferId, fromAgencyId: t.fromAgencyId, toAgencyId: t.toAgencyId, acceptedAt: context.now },
        },
      ];
    }
    case 'RefuseTransfer': {
      const t = pendingFor(state, command.data.transferId, context);
      return [
        {
          type: 'CaseTransferRefused',
          data: {
            transferId: t.transferId,
            fromAgencyId: t.fromAgencyId,
            toAgencyId: t.toAgencyId,
            reasons: command.data.reasons,
            refusedAt: context.now,
          },
        },
      ];
    }
  }
};
