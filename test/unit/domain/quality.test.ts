import { describe, expect, it } from 'vitest';
import { caseDecider } from '../../../domain/case/decider.ts';
import {
  deadlineOutcome,
  evolveQualityFacts,
  initialQualityFacts,
  qualityRecordOf,
  requiredChecksOf,
} from '../../../domain/quality/record.ts';
import { nationalQualityStandard2022 } from '../../../domain/quality/standard.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { T, assigned, closed, granted, meansWithin, notified, received } from './fixtures.ts';

// The quality standard as data: which checks a closed case must have had, and deadline compliance
// judged against now.

const recordOf = (events: readonly CaseEvent[], at = T('2026-06-01 09:00')) =>
  qualityRecordOf(
    events.reduce(caseDecider.evolve, caseDecider.initialState()),
    events.reduce(evolveQualityFacts, initialQualityFacts()),
    at,
  );

const hearing: CaseEvent = {
  type: 'HearingAttended',
  data: { workerId: 'lawyer-wang', at: T('2026-04-01 09:00'), summary: '', courtId: 'court:bj-dongcheng' },
};
const fileReview: CaseEvent = {
  type: 'CaseFileReviewed',
  data: { supervisorId: 's', at: T('2026-05-11 09:00'), remarks: '', deductions: [{ item: '缺页', points: 12 }], score: 88, grade: 'good' },
};
const followUp: CaseEvent = {
  type: 'AidedPersonFollowedUp',
  data: { supervisorId: 's', at: T('2026-05-12 09:00'), remarks: '', method: 'phone', satisfaction: 'satisfied' },
};
const opinion: CaseEvent = {
  type: 'AuthorityOpinionObtained',
  data: { supervisorId: 's', at: T('2026-05-12 09:00'), remarks: '', authorityId: 'court:bj-dongcheng', rating: 'satisfied' },
};

describe('required checks by case type (rule data)', () => {
  it("a closed labour case needs a file review and a follow-up; a defence that went to a hearing also an observation and the court's opinion", () => {
    const labour = [received(), meansWithin(), granted(), assigned(), closed()];
    expect(recordOf(labour)).toMatchObject({ requiredChecks: ['file-review', 'follow-up'], missingChecks: ['file-review', 'follow-up'] });
    expect(recordOf([...labour, fileReview, followUp])).toMatchObject({
      missingChecks: [],
      fileReviews: [{ score: 88, grade: 'good', deductionPoints: 12 }],
    });
    const defence = [notified(), assigned('lawyer-wang', 1, T('2026-03-02 10:00'), 'notification'), hearing, closed()];
    expect(requiredChecksOf(defence.reduce(caseDecider.evolve, caseDecider.initialState()), nationalQualityStandard2022)).toEqual([
      'authority-opinion',
      'file-review',
      'hearing-observation',
    ]);
    expect(recordOf([...defence, fileReview, opinion]).missingChecks).toEqual(['hearing-observation']);
  });

  it('a case still open needs nothing yet', () => {
    expect(recordOf([received(), meansWithin(), granted(), assigned()])).toMatchObject({ requiredChecks: [], missingChecks: [] });
  });
});

describe('deadline compliance, judged now', () => {
  it('kept, missed late, or open: pending until its time passes, then missed without any event', () => {
    // Received 2 March 09:00, granted 3 March: the review was kept; assignment due by the end of 6 March.
    const r = recordOf([received(), meansWithin(), granted()], T('2026-03-04 09:00'));
    const review = r.deadlines.find((d) => d.key === 'review')!;
    const assignment = r.deadlines.find((d) => d.key === 'grant-assignment')!;
    expect(deadlineOutcome(review, T('2026-03-04 09:00'))).toBe('met');
    expect(deadlineOutcome(assignment, T('2026-03-06 23:00'))).toBe('pending');
    expect(deadlineOutcome(assignment, T('2026-03-07 00:01'))).toBe('missed');
    // A notification assigned five days after receipt: late, whenever it is looked at.
    const late = recordOf([notified(), assigned('lawyer-wang', 1, T('2026-03-07 09:00'), 'notification')], T('2026-03-07 09:00'));
    expect(deadlineOutcome(late.deadlines.find((d) => d.key === 'notification-assignment')!, T('2026-03-07 09:00'))).toBe('missed');
    expect(late.deadlines.map((d) => d.key).sort()).toEqual(['notification', 'notification-assignment']);
  });
});
