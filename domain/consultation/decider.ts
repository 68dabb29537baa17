import type { ConsultationEvent } from '../../events/catalogue/consultation-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { notInFuture, requireText } from '../guards.ts';
import type { ConsultationCommand } from './commands.ts';

/** `agencyId`: the agency whose ledger holds the consultation; only its staff act on it. */
export type ConsultationState = { status: 'none' | 'recorded'; consultationId: string | null; agencyId: string | null; toldOfRightToApply: boolean; caseId: string | null };
export type ConsultationContext = { now: string; actor: Actor };

const initialState = (): ConsultationState => ({ status: 'none', consultationId: null, agencyId: null, toldOfRightToApply: false, caseId: null });

const decide = (command: ConsultationCommand, state: ConsultationState, context: ConsultationContext): ConsultationEvent[] => {
  switch (command.type) {
    case 'RecordConsultation': {
      if (state.status !== 'none') throw refuse('CONSULTATION_EXISTS', `consultation ${state.consultationId} is in the ledger`);
      const d = command.data;
      notInFuture(d.consultedAt, context.now, 'consultedAt');
      if (d.channel === 'workstation' && !d.workstationId) throw refuse('WORKSTATION_REQUIRED', 'name the workstation that took the consultation', 'workstationId');
      // Art 23 is a duty to inform; the ledger records a failure to do so with its reason rather than hiding it.
      const notToldReason = d.toldOfRightToApply ? null : requireText(d.notToldReason, 'ART23_NOT_TOLD_REASON_REQUIRED', 'notToldReason', 'why the person was not told of the right to apply');
      return [{ type: 'ConsultationRecorded', data: { ...d, notToldReason } }];
    }
    case 'LinkConsultationToApplication':
      if (state.status === 'none') throw refuse('CONSULTATION_NOT_FOUND', 'no such consultation in the ledger');
      if (state.caseId) throw refuse('CONSULTATION_ALREADY_LINKED', `the consultation led to case ${state.caseId}`, 'caseId');
      return [{ type: 'ConsultationLedToApplication', data: { caseId: command.data.caseId, linkedAt: context.now } }];
  }
};

const evolve = (state: ConsultationState, event: ConsultationEvent): ConsultationState => {
  switch (event.type) {
    case 'ConsultationRecorded':
      return { ...state, status: 'recorded', consultationId: event.data.consultationId, agencyId: event.data.agencyId, toldOfRightToApply: event.data.toldOfRightToApply };
    case 'ConsultationLedToApplication':
      return { ...state, caseId: event.data.caseId };
  }
};

export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState, ConsultationContext> = { decide, evolve, initialState };
