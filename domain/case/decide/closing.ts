import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { TerminationGround } from '../../../events/catalogue/closing-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { isWholeFen, notBefore, notInFuture, requireText } from '../../guards.ts';
import type { closingCommandSchemas } from '../commands/closing.ts';
import { citeItemUnder, citeUnder } from '../../rules/cite.ts';
import { ruleSetOfCase, type CaseContext } from '../context.ts';
import { aidAvailable, pendingCorrection, pendingObjection, type CaseState } from '../state.ts';
import { requireAssignedWorker } from './handling.ts';

type ClosingCommand = CommandsOf<typeof closingCommandSchemas>;

/** Art 48: the item of the article each ground is. */
const art48Item: Readonly<Record<TerminationGround, number>> = {
  deception: 1,
  'concealed-facts-or-false-evidence': 2,
  'aid-used-for-illegal-acts': 3,
  'no-longer-financially-eligible': 4,
  'proceedings-ended-or-withdrawn': 5,
  'own-lawyer-retained': 6,
  'aided-person-request-with-good-reason': 7,
  'other-by-law': 8,
};

const requireActiveAid = (state: CaseState): void => {
  if (!aidAvailable(state)) throw refuse('NO_ACTIVE_AID', 'no aid is being given: an application under review is refused, not terminated');
};

const endedStatuses = new Set(['closed', 'terminated', 'refused', 'withdrawn']);

export const decideClosing = (command: ClosingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const now = context.now;
  switch (command.type) {
    case 'CloseCase': {
      const assignment = requireAssignedWorker(state, context);
      if (state.review && state.review.decision !== 'granted')
        throw refuse('REVIEW_PENDING', 'aid given before review closes only once the review grants it');
      const d = command.data;
      if (!d.documents.some((doc) => doc.kind === 'handling-report'))
        throw refuse('HANDLING_REPORT_REQUIRED', 'file the handling report with the legal documents', 'documents');
      if (!isWholeFen(d.economicLossRecoveredFen))
        throw refuse(
          'LOSS_RECOVERED_INVALID',
          'economic loss recovered is a whole number of fen, zero or more',
          'economicLossRecoveredFen',
        );
      notInFuture(d.closedAt, now, 'closedAt');
      notBefore(d.closedAt, assignment.assignedAt, 'closedAt', 'the assignment');
      return [{ type: 'CaseClosed', data: { ...d, workerId: assignment.workerId } }];
    }
    case 'TerminateAid': {
      requireActiveAid(state);
      const { ground } = command.data;
      if (ground === 'deception')
        throw refuse('DECEPTION_NEEDS_FINDING', 'record the deception finding, which fixes repayment and any fine', 'ground');
      if (ground === 'no-longer-financially-eligible' && !state.review) {
        throw refuse('NOT_AN_APPLICATION', 'a notified defence has no means condition to stop meeting', 'ground');
      }
      const reasons = requireText(command.data.reasons, 'TERMINATION_REASONS_REQUIRED', 'reasons', 'the reasons for termination');
      const extra = command.data.legalBasis?.trim() ?? '';
      if (ground === 'other-by-law' && !extra) throw refuse('LEGAL_BASIS_REQUIRED', 'name the rule of law that ends the aid', 'legalBasis');
      const article = citeItemUnder(ruleSetOfCase(state, context), 'Art 48', art48Item[ground]);
      const legalBasis = `${article}${extra ? `; ${extra}` : ''}`;
      return [{ type: 'AidTerminated', data: { ground, legalBasis, reasons, terminatedAt: now } }];
    }
    case 'RecordDeceptionFinding': {
      requireActiveAid(state);
      const d = command.data;
      const findings = requireText(d.findings, 'TERMINATION_REASONS_REQUIRED', 'findings', 'the findings of deception');
      if (!isWholeFen(d.repaymentDueFen))
        throw refuse('FRAUD_AMOUNT_INVALID', 'repayment is a whole number of fen, zero or more', 'repaymentDueFen');
      if (!isWholeFen(d.fineFen)) throw refuse('FRAUD_AMOUNT_INVALID', 'the fine is a whole number of fen, zero or more', 'fineFen');
      const rules = ruleSetOfCase(state, context);
      // A cap of 0: the rules of the time fined no aided person; the repayment is still recorded.
      const fineCapFen = rules.fraudFineCapFen;
      if (d.fineFen > fineCapFen) throw refuse('FINE_EXCEEDS_CAP', `the fine may be at most ${fineCapFen} fen`, 'fineFen');
      return [
        { type: 'DeceptionFound', data: { ...d, findings, fineCapFen, foundAt: now } },
        {
          type: 'AidTerminated',
          data: {
            ground: 'deception',
            legalBasis: `${citeItemUnder(rules, 'Art 48', 1)}; ${citeUnder(rules, 'Art 64')}`,
            reasons: findings,
            terminatedAt: now,
          },
        },
      ];
    }
    case 'ArchiveCase': {
      if (!endedStatuses.has(state.status)) throw refuse('CASE_NOT_ENDED', `a case ${state.status} is not archived`);
      const objection = pendingObjection(state);
      if (objection) throw refuse('OBJECTION_PENDING', `objection ${objection.objectionId} awaits the justice bureau`);
      const correction = pendingCorrection(state);
      if (correction) throw refuse('CORRECTION_PENDING', `the correction ordered on objection ${correction.objectionId} awaits the agency`);
      return [{ type: 'CaseArchived', data: { fileNumber: command.data.fileNumber, archivedAt: now } }];
    }
  }
};
