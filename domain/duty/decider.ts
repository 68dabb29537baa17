import type { DutyEvent } from '../../events/catalogue/duty-lawyer-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { notBefore, notInFuture } from '../guards.ts';
import type { DutyCommand } from './commands.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';

export type DutyState = {
  status: 'none' | 'open' | 'closed';
  dutyId: string | null;
  stationKind: 'court' | 'procuratorate' | 'detention-centre' | null;
  /** The court, procuratorate or detention centre where the duty desk is. */
  stationId: string | null;
  /** The agency and the duty lawyer whose record this is: only they act on it. */
  agencyId: string | null;
  dutyLawyerId: string | null;
  personName: string | null;
  criminalCaseReference: string | null;
  openedAt: string | null;
  /** How many services (consultations, advice, requests, opinions, plea signings) were recorded. */
  services: number;
  closedAt: string | null;
  referredCaseId: string | null;
};
export type DutyContext = { now: string; actor: Actor };

const initialState = (): DutyState => ({
  status: 'none',
  dutyId: null,
  stationKind: null,
  stationId: null,
  agencyId: null,
  dutyLawyerId: null,
  personName: null,
  criminalCaseReference: null,
  openedAt: null,
  services: 0,
  closedAt: null,
  referredCaseId: null,
});

const decide = (command: DutyCommand, state: DutyState, context: DutyContext): DutyEvent[] => {
  const dutyLawyerId = context.actor.id;
  if (command.type === 'OpenDutyRecord') {
    if (state.status !== 'none') throw refuse('DUTY_RECORD_EXISTS', `duty record ${state.dutyId} is already open`);
    notInFuture(command.data.openedAt, context.now, 'openedAt');
    return [{ type: 'DutyRecordOpened', data: { ...command.data, dutyLawyerId } }];
  }
  if (state.status === 'none') throw refuse('DUTY_RECORD_NOT_FOUND', 'no such duty record');
  if (state.status === 'closed') throw refuse('DUTY_RECORD_CLOSED', 'the duty record is closed');
  if (command.type === 'CloseDutyRecord') {
    notInFuture(command.data.closedAt, context.now, 'closedAt');
    notBefore(command.data.closedAt, state.openedAt!, 'closedAt', 'the opening of the record');
    return [{ type: 'DutyRecordClosed', data: command.data }];
  }
  notInFuture(command.data.at, context.now, 'at');
  notBefore(command.data.at, state.openedAt!, 'at', 'the opening of the record');
  switch (command.type) {
    case 'GiveDutyConsultation':
      return [{ type: 'DutyConsultationGiven', data: { ...command.data, dutyLawyerId } }];
    case 'GiveProcedureAdvice':
      return [{ type: 'ProcedureAdviceGiven', data: { ...command.data, dutyLawyerId } }];
    case 'RequestMeasureChange':
      return [{ type: 'MeasureChangeRequested', data: { ...command.data, dutyLawyerId } }];
    case 'SubmitDutyOpinion':
      return [{ type: 'DutyOpinionSubmitted', data: { ...command.data, dutyLawyerId } }];
    case 'AttendPleaSigning':
      // CPL Art 174: the plea agreement is signed at the prosecution stage, before the procuratorate.
      if (state.stationKind === 'court') throw refuse('PLEA_SIGNING_STATION', 'a plea agreement is not signed at a court station');
      return [{ type: 'PleaSigningAttended', data: { ...command.data, dutyLawyerId } }];
  }
};

const evolve = (state: DutyState, event: DutyEvent): DutyState => {
  // Not a service given: every other event here counts as one.
  if (isErasureEvent(event)) return state;
  switch (event.type) {
    case 'DutyRecordOpened': {
      const d = event.data;
      return {
        ...state,
        status: 'open',
        dutyId: d.dutyId,
        stationKind: d.station.kind,
        stationId: d.station.organisationId,
        agencyId: d.agencyId,
        dutyLawyerId: d.dutyLawyerId,
        personName: d.personName,
        criminalCaseReference: d.criminalCaseReference,
        openedAt: d.openedAt,
      };
    }
    case 'DutyRecordClosed':
      return { ...state, status: 'closed', closedAt: event.data.closedAt, referredCaseId: event.data.referredCaseId };
    default:
      return { ...state, services: state.services + 1 };
  }
};

export const dutyDecider: Decider<DutyCommand, DutyEvent, DutyState, DutyContext> = { decide, evolve, initialState };
