import type { CaseState } from '../case/state.ts';
import type { ConsultationState } from '../consultation/decider.ts';
import type { DutyState } from '../duty/decider.ts';
import type { WorkerState } from '../worker/state.ts';
import type { RecordKind, RecordTag } from '../rules/retention.ts';

// What the erasure decision needs to know of a record, from the record's own state: whether it exists,
// whose agency keeps it, when its business ended (the retention period counts from there) and the facts
// that choose its retention rule. Each record kind says this once, here.

export type RecordFacts = {
  kind: RecordKind;
  recordId: string;
  exists: boolean;
  agencyId: string | null;
  /** When the record's business ended; null while it is still going on. */
  endedAt: string | null;
  tags: readonly RecordTag[];
};

const deathOrLifeGrounds = new Set(['possible-life-imprisonment-or-death', 'death-penalty-review-applicant']);

/** A case ends when closed, terminated, refused or withdrawn (a refusal's objection reopens it: then it has not ended). */
const caseEndedAt = (s: CaseState): string | null => {
  if (s.status === 'closed' || s.status === 'archived')
    return s.termination?.terminatedAt ?? s.closing?.closedAt ?? s.review?.decidedAt ?? null;
  if (s.status === 'terminated') return s.termination?.terminatedAt ?? null;
  if (s.status === 'refused' || s.status === 'withdrawn') return s.review?.decidedAt ?? null;
  return null;
};

export const caseFacts = (recordId: string, s: CaseState): RecordFacts => {
  const tags: RecordTag[] = [];
  if (s.category === 'criminal' || s.origin?.kind === 'notification') tags.push('criminal');
  if (s.origin?.kind === 'notification' && deathOrLifeGrounds.has(s.origin.ground)) tags.push('death-or-life');
  if (s.deception !== null || s.termination?.ground === 'deception') tags.push('ended-by-deception');
  return { kind: 'case', recordId, exists: s.status !== 'none', agencyId: s.agencyId, endedAt: caseEndedAt(s), tags };
};

/** A consultation is given when it is recorded: its period runs from then. */
export const consultationFacts = (recordId: string, s: ConsultationState): RecordFacts => ({
  kind: 'consultation',
  recordId,
  exists: s.status !== 'none',
  agencyId: s.agencyId,
  endedAt: s.consultedAt,
  tags: [],
});

export const dutyFacts = (recordId: string, s: DutyState): RecordFacts => ({
  kind: 'duty',
  recordId,
  exists: s.status !== 'none',
  agencyId: s.agencyId,
  endedAt: s.status === 'closed' ? s.closedAt : null,
  tags: [],
});

/** A worker record ends when the worker is deactivated (and not reactivated since). */
export const workerFacts = (recordId: string, s: WorkerState, deactivatedAt: string | null): RecordFacts => ({
  kind: 'worker',
  recordId,
  exists: s.status !== 'none',
  agencyId: s.agencyId,
  endedAt: s.status === 'inactive' ? deactivatedAt : null,
  tags: [],
});
