import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notBefore, notInFuture, requireText } from '../../guards.ts';
import type { objectingCommandSchemas } from '../commands/objecting.ts';
import type { CaseContext } from '../context.ts';
import { pendingCorrection, pendingObjection, type CaseState } from '../state.ts';

type ObjectingCommand = CommandsOf<typeof objectingCommandSchemas>;

/** When the refusal or termination in force was decided; null when there is none of that kind. */
const decisionObjectedTo = (state: CaseState, against: 'refusal' | 'termination'): string | null => {
  if (against === 'refusal') return state.status === 'refused' ? (state.review?.decidedAt ?? null) : null;
  return state.status === 'terminated' && !pendingCorrection(state) ? (state.termination?.terminatedAt ?? null) : null;
};

/** What any objection needs: one at a time, a decision in force to object to, a fresh id. Returns when that decision was made. */
const requireObjectable = (state: CaseState, d: { objectionId: string; against: 'refusal' | 'termination' }): string => {
  const pending = pendingObjection(state);
  if (pending) throw refuse('OBJECTION_PENDING', `objection ${pending.objectionId} awaits the justice bureau`);
  const decidedAt = decisionObjectedTo(state, d.against);
  if (!decidedAt) throw refuse('NOTHING_TO_OBJECT', `there is no ${d.against} in force to object to`, 'against');
  if (state.objections.some((o) => o.objectionId === d.objectionId))
    throw refuse('OBJECTION_EXISTS', `objection ${d.objectionId} is already recorded`, 'objectionId');
  return decidedAt;
};

export const decideObjecting = (command: ObjectingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const now = context.now;
  switch (command.type) {
    case 'LodgeObjection': {
      const d = command.data;
      const decidedAt = requireObjectable(state, d);
      notInFuture(d.lodgedAt, now, 'lodgedAt');
      notBefore(d.lodgedAt, decidedAt, 'lodgedAt', `the ${d.against}`);
      return [{ type: 'ObjectionLodged', data: { ...d, transmittedBy: null } }];
    }
    case 'TransmitObjection': {
      const { receivedAt, ...d } = command.data;
      const decidedAt = requireObjectable(state, d);
      notInFuture(receivedAt, now, 'receivedAt');
      notBefore(receivedAt, decidedAt, 'receivedAt', `the ${d.against}`);
      // The bureau has it once the agency records it: its 5 days run from then, not from the hand-in.
      return [{ type: 'ObjectionLodged', data: { ...d, lodgedAt: now, transmittedBy: { agencyId: state.agencyId!, receivedAt } } }];
    }
    case 'DecideObjection': {
      const d = command.data;
      const objection = pendingObjection(state);
      if (!objection || objection.objectionId !== d.objectionId)
        throw refuse('NO_OBJECTION_PENDING', `objection ${d.objectionId} is not awaiting a decision`, 'objectionId');
      const reasons = requireText(d.reasons, 'OBJECTION_REASONS_REQUIRED', 'reasons', "the justice bureau's reasons");
      // A correction order does not grant or reinstate by itself: the agency decides again (evolve reopens a refusal's review).
      // A decision after the 5 days is still taken: refusing it would leave the applicant with none; the due date shows it late.
      return [{ type: 'ObjectionDecided', data: { ...d, reasons, decidedAt: now } }];
    }
    case 'ReinstateAid': {
      const correction = pendingCorrection(state);
      if (!correction || correction.against !== 'termination')
        throw refuse('NO_CORRECTION_PENDING', 'no correction order against a termination awaits the agency');
      return [{ type: 'AidReinstated', data: { objectionId: correction.objectionId, reinstatedAt: now } }];
    }
  }
};
