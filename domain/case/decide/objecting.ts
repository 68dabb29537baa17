import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notBefore, notInFuture, requireText } from '../../guards.ts';
import type { objectingCommandSchemas } from '../commands/objecting.ts';
import type { CaseContext } from '../context.ts';
import { pendingObjection, type CaseState } from '../state.ts';

type ObjectingCommand = CommandsOf<typeof objectingCommandSchemas>;

/** When the refusal or termination in force was decided; null when there is none of that kind. */
const decisionObjectedTo = (state: CaseState, against: 'refusal' | 'termination'): string | null => {
  if (against === 'refusal') return state.status === 'refused' ? (state.review?.decidedAt ?? null) : null;
  return state.status === 'terminated' ? (state.termination?.terminatedAt ?? null) : null;
};

export const decideObjecting = (command: ObjectingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const now = context.now;
  switch (command.type) {
    case 'LodgeObjection': {
      const pending = pendingObjection(state);
      if (pending) throw refuse('OBJECTION_PENDING', `objection ${pending.objectionId} awaits the justice bureau`);
      const d = command.data;
      const decidedAt = decisionObjectedTo(state, d.against);
      if (!decidedAt) throw refuse('NOTHING_TO_OBJECT', `there is no ${d.against} in force to object to`, 'against');
      if (state.objections.some((o) => o.objectionId === d.objectionId))
        throw refuse('OBJECTION_EXISTS', `objection ${d.objectionId} is already recorded`, 'objectionId');
      notInFuture(d.lodgedAt, now, 'lodgedAt');
      notBefore(d.lodgedAt, decidedAt, 'lodgedAt', `the ${d.against}`);
      return [{ type: 'ObjectionLodged', data: d }];
    }
    case 'DecideObjection': {
      const d = command.data;
      const objection = pendingObjection(state);
      if (!objection || objection.objectionId !== d.objectionId)
        throw refuse('NO_OBJECTION_PENDING', `objection ${d.objectionId} is not awaiting a decision`, 'objectionId');
      const reasons = requireText(d.reasons, 'OBJECTION_REASONS_REQUIRED', 'reasons', "the justice bureau's reasons");
      const decided: CaseEvent = { type: 'ObjectionDecided', data: { ...d, reasons, decidedAt: now } };
      if (d.decision === 'upheld') return [decided];
      // A correction order takes effect at once: a refused application is granted, a termination undone.
      if (objection.against === 'refusal') {
        return [
          decided,
          {
            type: 'AidGranted',
            data: {
              legalBasis: `Art 49: correction ordered by ${objection.justiceBureauId}`,
              grantedBy: 'justice-bureau-order',
              objectionId: objection.objectionId,
              decidedAt: now,
            },
          },
        ];
      }
      return [decided, { type: 'AidReinstated', data: { objectionId: objection.objectionId, reinstatedAt: now } }];
    }
  }
};
