import { describe, expect, it } from 'vitest';
import { decideAssignment } from '../../../domain/case/assignment.ts';
import type { NoticeCounter } from '../../../domain/notice/counter.ts';
import type { Actor } from '../../../events/envelope.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { AGENCY, caseSpec, context, lawyer, notified, received, meansWithin, granted, stateOf, T } from './fixtures.ts';

// Art 36: the notifying authority is told who was assigned, and acknowledges it.

const NOW = T('2026-03-02 15:00');
const COURT = 'court:bj-dongcheng';
const court: Actor = { id: 'clerk-1', role: 'court', organisation: COURT };
const counter: NoticeCounter = { agencyId: AGENCY, year: 2026, lastNumber: 4 };
const assign = { type: 'AssignAidWorker', data: { workerId: 'lawyer-wang' } } as const;

const told: CaseEvent = {
  type: 'AuthorityToldOfAssignedLawyer',
  data: {
    authorityId: COURT,
    workerId: 'lawyer-wang',
    lawyerName: '王律师',
    firmId: AGENCY,
    firmName: AGENCY,
    contacts: [],
    noticeAgencyId: AGENCY,
    noticeYear: 2026,
    noticeNumber: 5,
    toldAt: NOW,
  },
};

describe('Art 36: the notifying authority is told of the assigned lawyer', () => {
  it('an assignment to a notified case tells the authority the lawyer, the firm and the notice', () => {
    const decision = decideAssignment(assign, stateOf([notified()]), counter, lawyer(), context(NOW));
    expect(decision.case.map((e) => e.type)).toEqual(['AidWorkerAssigned', 'AuthorityToldOfAssignedLawyer']);
    expect(decision.case[1]).toEqual(told);
  });

  it('an application’s assignment tells no authority', () => {
    const decision = decideAssignment(assign, stateOf([received(), meansWithin(), granted()]), counter, lawyer(), context(NOW));
    expect(decision.case.map((e) => e.type)).toEqual(['AidWorkerAssigned']);
  });

  it('the authority that notified acknowledges it, once', () => {
    const history = [notified(), ...decideAssignment(assign, stateOf([notified()]), counter, lawyer(), context(NOW)).case];
    const later = T('2026-03-03 09:00');
    caseSpec
      .given(history)
      .when({ type: 'AcknowledgeAssignedLawyer', data: {} }, { now: later, actor: court })
      .then([{ type: 'AssignedLawyerAcknowledged', data: { authorityId: COURT, workerId: 'lawyer-wang', acknowledgedAt: later } }]);
    const acknowledged: CaseEvent = {
      type: 'AssignedLawyerAcknowledged',
      data: { authorityId: COURT, workerId: 'lawyer-wang', acknowledgedAt: later },
    };
    expect(caseSpec.given([...history, acknowledged]).state().authorityNotice?.acknowledgedAt).toBe(later);
    caseSpec
      .given([...history, acknowledged])
      .when({ type: 'AcknowledgeAssignedLawyer', data: {} }, { actor: court })
      .thenThrows('LAWYER_ALREADY_ACKNOWLEDGED');
  });

  it('another authority does not acknowledge it', () => {
    const other: Actor = { id: 'clerk-2', role: 'court', organisation: 'court:bj-xicheng' };
    caseSpec
      .given([notified(), told])
      .when({ type: 'AcknowledgeAssignedLawyer', data: {} }, { actor: other })
      .thenThrows('NOT_NOTIFYING_AUTHORITY');
  });

  it('nothing to acknowledge before an assignment', () => {
    caseSpec.given([notified()]).when({ type: 'AcknowledgeAssignedLawyer', data: {} }, { actor: court }).thenThrows('NO_AUTHORITY_NOTICE');
  });
});
