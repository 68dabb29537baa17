import type { ConsultationEvent } from '../../events/catalogue/consultation-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { notInFuture, requireText } from '../guards.ts';
import type { ConsultationCommand } from './commands.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';

type Recorded = Extract<ConsultationEvent, { type: 'ConsultationRecorded' }>['data'];

/**
 * A ledger entry as recorded, and the application it led to. `agencyId`: the agency whose ledger
 * holds the consultation; only its staff act on it.
 */
export type ConsultationState = {
  status: 'none' | 'recorded';
  consultationId: string | null;
  agencyId: string | null;
  channel: Recorded['channel'] | null;
  workstationId: string | null;
  topic: string | null;
  category: Recorded['category'];
  personName: string | null;
  toldOfRightToApply: boolean;
  notToldReason: string | null;
  answer: string | null;
  consultedAt: string | null;
  caseId: string | null;
  linkedAt: string | null;
};
export type ConsultationContext = { now: string; actor: Actor };

const initialState = (): ConsultationState => ({
  status: 'none',
  consultationId: null,
  agencyId: null,
  channel: null,
  workstationId: null,
  topic: null,
  category: null,
  personName: null,
  toldOfRightToApply: false,
  notToldReason: null,
  answer: null,
  consultedAt: null,
  caseId: null,
  linkedAt: null,
});

const decide = (command: ConsultationCommand, state: ConsultationState, context: ConsultationContext): ConsultationEvent[] => {
  switch (command.type) {
    case 'RecordConsultation': {
      if (state.status !== 'none') throw refuse('CONSULTATION_EXISTS', `consultation ${state.consultationId} is in the ledger`);
      const d = command.data;
      notInFuture(d.consultedAt, context.now, 'consultedAt');
      if (d.channel === 'workstation' && !d.workstationId)
        throw refuse('WORKSTATION_REQUIRED', 'name the workstation that took the consultation', 'workstationId');
      // Art 23 is a duty to inform; the ledger records a failure to do so with its reason rather than hiding it.
      const notToldReason = d.toldOfRightToApply
        ? null
        : requireText(
            d.notToldReason,
            'ART23_NOT_TOLD_REASON_REQUIRED',
            'notToldReason',
            'why the person was not told of the right to apply',
          );
      return [{ type: 'ConsultationRecorded', data: { ...d, notToldReason } }];
    }
    case 'LinkConsultationToApplication':
      if (state.status === 'none') throw refuse('CONSULTATION_NOT_FOUND', 'no such consultation in the ledger');
      if (state.caseId) throw refuse('CONSULTATION_ALREADY_LINKED', `the consultation led to case ${state.caseId}`, 'caseId');
      return [{ type: 'ConsultationLedToApplication', data: { caseId: command.data.caseId, linkedAt: context.now } }];
  }
};

const evolve = (state: ConsultationState, event: ConsultationEvent): ConsultationState => {
  if (isErasureEvent(event)) return state;
  switch (event.type) {
    case 'ConsultationRecorded': {
      const d = event.data;
      return {
        ...state,
        status: 'recorded',
        consultationId: d.consultationId,
        agencyId: d.agencyId,
        channel: d.channel,
        workstationId: d.workstationId,
        topic: d.topic,
        category: d.category,
        personName: d.personName,
        toldOfRightToApply: d.toldOfRightToApply,
        notToldReason: d.notToldReason,
        answer: d.answer,
        consultedAt: d.consultedAt,
      };
    }
    case 'ConsultationLedToApplication':
      return { ...state, caseId: event.data.caseId, linkedAt: event.data.linkedAt };
  }
};

export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState, ConsultationContext> = {
  decide,
  evolve,
  initialState,
};
