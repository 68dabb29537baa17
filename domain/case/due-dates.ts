import type { RuleSet } from '../rules/rule-set.ts';
import { addHours, isAfter, msBetween, plusMs } from '../time/calendar.ts';
import { endOfPeriodAfter } from '../time/working-days.ts';
import { ruleSetOfCase, type CaseContext } from './context.ts';
import type { CaseState } from './state.ts';

export type DueDateKind =
  | 'forwarding'
  | 'notification'
  | 'review'
  | 'materials'
  | 'assignment'
  | 'objection-decision'
  | 'correction-redecision';

export type DueDate = {
  kind: DueDateKind;
  rule: string;
  /** Who must act: the agency, the forwarder, the notifying authority, the applicant, the justice bureau. */
  owner: 'agency' | 'forwarder' | 'notifying-authority' | 'applicant' | 'justice-bureau';
  startedAt: string;
  dueAt: string;
  satisfiedAt: string | null;
  /** Open: not yet satisfied. */
  open: boolean;
  /** The deadline is missed: satisfied after it, or still open after it. */
  overdue: boolean;
  /** The clock stands still (the review while requested materials are outstanding). */
  paused: boolean;
  /** The objection a deadline belongs to (its decision, or the agency's re-decision after it), when there may be several. */
  ref: string | null;
};

const due = (
  { open, ...d }: Omit<DueDate, 'open' | 'overdue' | 'paused' | 'ref'> & { paused?: boolean; ref?: string; open?: boolean },
  now: string,
): DueDate => ({
  ...d,
  open: open ?? d.satisfiedAt === null,
  overdue: isAfter(d.satisfiedAt ?? now, d.dueAt),
  paused: d.paused ?? false,
  ref: d.ref ?? null,
});

/**
 * Every deadline of a case under `ruleSet` (the set in force on its receipt), as of `now`. The
 * review period is lengthened by the time each materials request stood open, so a request cannot
 * cure a deadline already missed but a pending one never runs out while the agency waits.
 */
export const dueDates = (state: CaseState, ruleSet: RuleSet, now: string): DueDate[] => {
  const p = ruleSet.periods;
  const u = ruleSet.dayUnits;
  const out: DueDate[] = [];
  const origin = state.origin;
  if (!origin || !state.receivedAt) return out;

  if (origin.kind === 'forwarded-application') {
    out.push(
      due(
        {
          kind: 'forwarding',
          rule: 'Art 39',
          owner: 'forwarder',
          startedAt: origin.receivedByForwarderAt,
          dueAt: addHours(origin.receivedByForwarderAt, p.forwardingHours),
          satisfiedAt: origin.forwardedAt,
        },
        now,
      ),
    );
  }
  // A period the rules of the time did not set (null) makes nothing due: such a step is never late.
  if (origin.kind === 'notification' && p.notificationDays !== null) {
    out.push(
      due(
        {
          kind: 'notification',
          rule: 'Art 36',
          owner: 'notifying-authority',
          startedAt: origin.foundAt,
          dueAt: endOfPeriodAfter(origin.foundAt, p.notificationDays, u.notificationDays),
          satisfiedAt: state.receivedAt,
        },
        now,
      ),
    );
  }

  const review = state.review;
  if (review) {
    // The Art 43 period ends with the first decision; a review reopened by a correction order has its own period (below).
    // (`?? decidedAt`: a projection's state stored before `firstDecidedAt` existed.)
    const decidedAt = review.firstDecidedAt ?? review.decidedAt;
    const pauseEnd = (completedAt: string | null) => completedAt ?? decidedAt ?? now;
    const beforeDecision = review.requests.filter((q) => decidedAt === null || !isAfter(q.requestedAt, decidedAt));
    const pausedMs = beforeDecision.reduce((sum, q) => sum + Math.max(0, msBetween(q.requestedAt, pauseEnd(q.completedAt))), 0);
    const paused = decidedAt === null && review.requests.some((q) => q.completedAt === null);
    // Time waiting for materials lengthens the period by the same span of time, whatever the period's unit.
    if (p.reviewDays !== null)
      out.push(
        due(
          {
            kind: 'review',
            rule: 'Art 43',
            owner: 'agency',
            startedAt: state.receivedAt,
            dueAt: plusMs(endOfPeriodAfter(state.receivedAt, p.reviewDays, u.reviewDays), pausedMs),
            satisfiedAt: decidedAt,
            paused,
          },
          now,
        ),
      );
    for (const q of review.requests) {
      const supplied = q.completedAt !== null && q.outstanding.length === 0 ? q.completedAt : null;
      // A request left unanswered until the application was withdrawn is closed, never satisfied.
      const open = q.completedAt === null;
      out.push(
        due(
          {
            kind: 'materials',
            rule: 'Art 43',
            owner: 'applicant',
            startedAt: q.requestedAt,
            dueAt: endOfPeriodAfter(q.requestedAt, p.materialsWithdrawalDays, u.materialsWithdrawalDays),
            satisfiedAt: supplied,
            open,
          },
          now,
        ),
      );
    }
  }

  if (state.assignmentDueFrom && p.assignmentDays !== null) {
    const rule =
      origin.kind === 'notification' ? 'Art 36' : state.provisionalAid?.providedAt === state.assignmentDueFrom ? 'Art 44' : 'Art 43';
    out.push(
      due(
        {
          kind: 'assignment',
          rule,
          owner: 'agency',
          startedAt: state.assignmentDueFrom,
          dueAt: endOfPeriodAfter(state.assignmentDueFrom, p.assignmentDays, u.assignmentDays),
          satisfiedAt: state.firstAssignedAt,
        },
        now,
      ),
    );
  }

  for (const o of state.objections) {
    out.push(
      due(
        {
          kind: 'objection-decision',
          rule: 'Art 49',
          owner: 'justice-bureau',
          startedAt: o.lodgedAt,
          dueAt: endOfPeriodAfter(o.lodgedAt, p.objectionDecisionDays, u.objectionDecisionDays),
          satisfiedAt: o.decidedAt,
          ref: o.objectionId,
        },
        now,
      ),
    );
    if (o.decision === 'correction-ordered' && o.decidedAt && p.correctionRedecisionDays !== null) {
      out.push(
        due(
          {
            kind: 'correction-redecision',
            rule: 'Art 49',
            owner: 'agency',
            startedAt: o.decidedAt,
            dueAt: endOfPeriodAfter(o.decidedAt, p.correctionRedecisionDays, u.correctionRedecisionDays),
            satisfiedAt: o.redecidedAt,
            ref: o.objectionId,
          },
          now,
        ),
      );
    }
  }
  return out;
};

/** The deadlines of a case under the rules in force on its receipt. */
export const dueDatesOf = (state: CaseState, now: string, context: Pick<CaseContext, 'ruleSets'> = {}): DueDate[] =>
  state.receivedAt ? dueDates(state, ruleSetOfCase(state, context), now) : [];
