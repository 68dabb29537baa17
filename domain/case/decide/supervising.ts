import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notBefore, notInFuture } from '../../guards.ts';
import { fileReviewItemsOf } from '../../quality/file-review-items.ts';
import type { RuleSet } from '../../rules/rule-set.ts';
import type { supervisingCommandSchemas } from '../commands/supervising.ts';
import { ruleSetOfCase, type CaseContext } from '../context.ts';
import type { CaseState } from '../state.ts';

type SupervisingCommand = CommandsOf<typeof supervisingCommandSchemas>;

const gradeOf = (score: number, rules: RuleSet) => rules.fileReviewGrades.find((g) => score >= g.minScore)?.grade ?? 'fail';

/** Supervision follows the work: it may come after closing, termination and archiving (Art 57, 59). */
export const decideSupervising = (command: SupervisingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  // A complaint about window staff or the agency may come before any lawyer is assigned: its handling follows the complaint.
  if (command.type === 'RecordComplaintHandling') {
    const complaint = state.complaints.find((c) => c.complaintId === command.data.complaintId);
    if (complaint && (complaint.subject ?? 'lawyer') !== 'lawyer' && !complaint.handled) {
      notInFuture(command.data.at, context.now, 'at');
      notBefore(command.data.at, complaint.lodgedAt, 'at', 'the complaint');
      return [{ type: 'ComplaintHandled', data: { ...command.data, supervisorId: context.actor.id } }];
    }
  }
  if (!state.firstAssignedAt) throw refuse('NOTHING_TO_SUPERVISE', 'no aid worker has been assigned to this case');
  notInFuture(command.data.at, context.now, 'at');
  notBefore(command.data.at, state.firstAssignedAt, 'at', 'the first assignment');
  const supervisorId = context.actor.id;
  switch (command.type) {
    case 'RecordHearingObservation':
      return [{ type: 'HearingObserved', data: { ...command.data, supervisorId } }];
    case 'RecordCaseFileReview': {
      // Seed 002: 100 points less deductions, never below zero; seed 004: a missing item of the case type's standard deducts its points.
      const scored = command.data.items ? fileReviewItemsOf(state, command.data.items) : null;
      const free = command.data.deductions.reduce((sum, d) => sum + d.points, 0);
      const score = Math.max(0, 100 - free - (scored?.deducted ?? 0));
      const grade = gradeOf(score, ruleSetOfCase(state, context));
      return [
        {
          type: 'CaseFileReviewed',
          data: { ...command.data, ...(scored ? { caseType: scored.caseType } : {}), supervisorId, score, grade },
        },
      ];
    }
    case 'RecordAuthorityOpinion':
      return [{ type: 'AuthorityOpinionObtained', data: { ...command.data, supervisorId } }];
    case 'RecordFollowUp':
      return [{ type: 'AidedPersonFollowedUp', data: { ...command.data, supervisorId } }];
    case 'RecordPeerReview':
      return [
        {
          type: 'PeerReviewed',
          data: { ...command.data, supervisorId, grade: gradeOf(command.data.score, ruleSetOfCase(state, context)) },
        },
      ];
    case 'RecordComplaintHandling': {
      const complaint = state.complaints.find((c) => c.complaintId === command.data.complaintId);
      if (!complaint) throw refuse('COMPLAINT_NOT_FOUND', `no complaint ${command.data.complaintId} on this case`, 'complaintId');
      if (complaint.handled)
        throw refuse('COMPLAINT_ALREADY_HANDLED', `complaint ${complaint.complaintId} has been handled`, 'complaintId');
      return [{ type: 'ComplaintHandled', data: { ...command.data, supervisorId } }];
    }
  }
};
