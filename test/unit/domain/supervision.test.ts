import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { caseSpec, closed, context, inProgress, received, supervisor, T } from './fixtures.ts';

const NOW = T('2026-06-01 09:00');
const asSupervisor = context(NOW, supervisor);
const at = T('2026-05-20 09:00');
const review = (points: number[]): CaseCommand => ({
  type: 'RecordCaseFileReview',
  data: { at, remarks: '', deductions: points.map((p, i) => ({ item: `item ${i}`, points: p })) },
});
const complaint: CaseEvent = {
  type: 'ComplaintLodged',
  data: {
    complaintId: 'cmp-1',
    workerId: 'lawyer-wang',
    summary: '未及时告知',
    requestsChangeOfWorker: false,
    lodgedAt: T('2026-03-10 09:00'),
  },
};

describe('quality supervision (Art 57, Art 59, complaints Art 56)', () => {
  it('scores a case-file review 100 less deductions and grades it by the rule set', () => {
    const [event] = caseSpec
      .given([...inProgress(), closed()])
      .when(review([5, 3]), asSupervisor)
      .events();
    expect(event).toMatchObject({ type: 'CaseFileReviewed', data: { score: 92, grade: 'excellent', supervisorId: 'supervisor-zhao' } });
    expect(
      caseSpec
        .given([...inProgress(), closed()])
        .when(review([15]), asSupervisor)
        .events()[0],
    ).toMatchObject({ data: { score: 85, grade: 'good' } });
    expect(
      caseSpec
        .given([...inProgress(), closed()])
        .when(review([30, 15]), asSupervisor)
        .events()[0],
    ).toMatchObject({ data: { score: 55, grade: 'fail' } });
    expect(
      caseSpec
        .given([...inProgress(), closed()])
        .when(review([60, 70]), asSupervisor)
        .events()[0],
    ).toMatchObject({ data: { score: 0, grade: 'fail' } });
  });

  it('records hearing observation, authority opinion, follow-up and peer review after closing', () => {
    const commands: CaseCommand[] = [
      { type: 'RecordHearingObservation', data: { at, remarks: '辩护意见充分', courtId: 'court:bj-dongcheng', score: 88 } },
      { type: 'RecordAuthorityOpinion', data: { at, remarks: '', authorityId: 'court:bj-dongcheng', rating: 'satisfied' } },
      { type: 'RecordFollowUp', data: { at, remarks: '', method: 'phone', satisfaction: 'very-satisfied' } },
      { type: 'RecordPeerReview', data: { at, remarks: '', evaluator: 'third-party', score: 79 } },
    ];
    const events = commands.flatMap((c) =>
      caseSpec
        .given([...inProgress(), closed()])
        .when(c, asSupervisor)
        .events(),
    );
    expect(events.map((e) => e.type)).toEqual(['HearingObserved', 'AuthorityOpinionObtained', 'AidedPersonFollowedUp', 'PeerReviewed']);
    expect(events[3]).toMatchObject({ data: { grade: 'pass' } });
    expect(caseSpec.given([...inProgress(), closed(), ...events]).state()).toMatchObject({ status: 'closed', supervisionRecords: 4 });
  });

  it('refuses supervision of a case no one was assigned to', () => {
    caseSpec.given([received()]).when(review([]), asSupervisor).thenThrows('NOTHING_TO_SUPERVISE');
  });

  it('handles a recorded complaint once', () => {
    const handle: CaseCommand = {
      type: 'RecordComplaintHandling',
      data: { at, remarks: '', complaintId: 'cmp-1', finding: 'substantiated', action: '约谈律师' },
    };
    const events = caseSpec
      .given([...inProgress(), complaint])
      .when(handle, asSupervisor)
      .events();
    caseSpec
      .given([...inProgress(), complaint, ...events])
      .when(handle, asSupervisor)
      .thenThrows('COMPLAINT_ALREADY_HANDLED');
    caseSpec.given(inProgress()).when(handle, asSupervisor).thenThrows('COMPLAINT_NOT_FOUND');
  });

  it('refuses a record dated in the future', () => {
    caseSpec
      .given(inProgress())
      .when(review([]), context(T('2026-05-19 09:00'), supervisor))
      .thenThrows('TIME_IN_FUTURE');
  });
});
