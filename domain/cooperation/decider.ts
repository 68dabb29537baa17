import type { CooperationEvent } from '../../events/catalogue/cooperation-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { notBefore, notInFuture } from '../guards.ts';
import type { Registry } from '../organisation/registry.ts';
import { chinaDateOf, isAfter } from '../time/calendar.ts';
import type { CooperationCommand } from './commands.ts';

export type CooperationContext = { now: string; actor: Actor; registry?: Registry };

export type CooperationState = {
  status: 'none' | 'requested' | 'accepted' | 'declined' | 'completed';
  cooperationId: string | null;
  fromAgencyId: string | null;
  toAgencyId: string | null;
  task: string | null;
  caseId: string | null;
  dueAt: string | null;
  requestedAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  completedAt: string | null;
};

const initialState = (): CooperationState => ({
  status: 'none',
  cooperationId: null,
  fromAgencyId: null,
  toAgencyId: null,
  task: null,
  caseId: null,
  dueAt: null,
  requestedAt: null,
  acceptedAt: null,
  declinedAt: null,
  completedAt: null,
});

const resolved = (id: string, context: CooperationContext) =>
  context.registry ? context.registry.resolve(id, chinaDateOf(context.now)) : id;

/** Only the asked agency answers: accepts, declines, completes. */
const byAskedAgency = (state: CooperationState, context: CooperationContext) => {
  if (resolved(context.actor.organisation, context) !== resolved(state.toAgencyId!, context))
    throw refuse('NOT_ASKED_AGENCY', `the request is to ${state.toAgencyId}, not ${context.actor.organisation}`);
};

const decide = (command: CooperationCommand, state: CooperationState, context: CooperationContext): CooperationEvent[] => {
  if (command.type === 'RequestCooperation') {
    if (state.status !== 'none') throw refuse('COOPERATION_EXISTS', `cooperation request ${state.cooperationId} is recorded`);
    const d = command.data;
    if (context.registry) {
      const date = chinaDateOf(context.now);
      const target = context.registry.describe(d.toAgencyId, date);
      if (!target || target.kind !== 'legal-aid-agency' || !context.registry.isOpen(d.toAgencyId, date))
        throw refuse(
          'NOT_A_LEGAL_AID_AGENCY',
          `cooperation is asked of a legal-aid agency: ${d.toAgencyId} is not one open on ${date}`,
          'toAgencyId',
        );
    }
    if (resolved(d.toAgencyId, context) === resolved(d.fromAgencyId, context))
      throw refuse('COOPERATION_WITH_SELF', 'an agency does its own tasks; cooperation is asked of another', 'toAgencyId');
    if (!isAfter(d.dueAt, context.now)) throw refuse('DUE_DATE_PASSED', `the due date ${d.dueAt} is not after now`, 'dueAt');
    return [{ type: 'CooperationRequested', data: { ...d, requestedAt: context.now } }];
  }
  if (state.status === 'none') throw refuse('COOPERATION_NOT_FOUND', 'no such cooperation request');
  byAskedAgency(state, context);
  const id = state.cooperationId!;
  switch (command.type) {
    case 'AcceptCooperation':
      if (state.status !== 'requested') throw refuse('COOPERATION_ANSWERED', `the request is ${state.status}`);
      return [{ type: 'CooperationAccepted', data: { cooperationId: id, acceptedAt: context.now } }];
    case 'DeclineCooperation':
      if (state.status !== 'requested' && state.status !== 'accepted')
        throw refuse('COOPERATION_ANSWERED', `the request is ${state.status}`);
      return [{ type: 'CooperationDeclined', data: { cooperationId: id, reasons: command.data.reasons, declinedAt: context.now } }];
    case 'CompleteCooperation': {
      if (state.status !== 'accepted')
        throw refuse('COOPERATION_NOT_ACCEPTED', `a task is completed once accepted; the request is ${state.status}`);
      const completedAt = command.data.completedAt ?? context.now;
      notInFuture(completedAt, context.now, 'completedAt');
      notBefore(completedAt, state.acceptedAt!, 'completedAt', 'the acceptance');
      return [{ type: 'CooperationCompleted', data: { cooperationId: id, record: command.data.record, completedAt } }];
    }
  }
};

const evolve = (state: CooperationState, event: CooperationEvent): CooperationState => {
  switch (event.type) {
    case 'CooperationRequested': {
      const d = event.data;
      return {
        ...state,
        status: 'requested',
        cooperationId: d.cooperationId,
        fromAgencyId: d.fromAgencyId,
        toAgencyId: d.toAgencyId,
        task: d.task,
        caseId: d.caseId,
        dueAt: d.dueAt,
        requestedAt: d.requestedAt,
      };
    }
    case 'CooperationAccepted':
      return { ...state, status: 'accepted', acceptedAt: event.data.acceptedAt };
    case 'CooperationDeclined':
      return { ...state, status: 'declined', declinedAt: event.data.declinedAt };
    case 'CooperationCompleted':
      return { ...state, status: 'completed', completedAt: event.data.completedAt };
    case 'CooperationIndexed':
      return state;
  }
};

export const cooperationDecider: Decider<CooperationCommand, CooperationEvent, CooperationState, CooperationContext> = {
  decide,
  evolve,
  initialState,
};
