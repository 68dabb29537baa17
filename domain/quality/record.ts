import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { ConsultationEvent } from '../../events/catalogue/consultation-events.ts';
import { ruleSetOfCase } from '../case/context.ts';
import { originOf } from '../case/origin.ts';
import { dueDates, type DueDate } from '../case/due-dates.ts';
import type { CaseState } from '../case/state.ts';
import { chooseDated } from '../rules/choose-dated.ts';
import { toMs } from '../time/calendar.ts';
import { qualityStandards, type CaseType, type CheckKind, type ComplianceKey, type QualityStandard } from './standard.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';

// The quality-supervision record of a case (Art 57, 59; seed 002), derived from its events: every
// check with its score or grade, complaints, deadline compliance and the checks the standard still
// requires. Pure: the projection stores it, the query side aggregates it into scorecards and reports.

type Grade = 'excellent' | 'good' | 'pass' | 'fail';

/** What the supervision events add to the case state (which knows only that they happened). */
export type QualityFacts = {
  priorityGroups: string[];
  /** A group case's other applicants, each by their priority groups; absent on facts kept before group cases. */
  coApplicantGroups?: string[][];
  hearingObservations: { supervisorId: string; at: string; courtId: string; score: number }[];
  fileReviews: {
    supervisorId: string;
    at: string;
    score: number;
    grade: Grade;
    deductionPoints: number;
    /** Absent on reviews recorded without items (before seed 004's per-type standards). */
    caseType?: CaseType;
    /** The items of the type's standard the review found missing. */
    missedItems?: string[];
  }[];
  authorityOpinions: {
    supervisorId: string;
    at: string;
    authorityId: string;
    rating: 'satisfied' | 'basically-satisfied' | 'dissatisfied';
  }[];
  followUps: {
    supervisorId: string;
    at: string;
    method: string;
    satisfaction: 'very-satisfied' | 'satisfied' | 'basically-satisfied' | 'dissatisfied';
  }[];
  peerReviews: { supervisorId: string; at: string; evaluator: 'peer' | 'third-party'; score: number; grade: Grade }[];
  complaints: {
    complaintId: string;
    /** The lawyer or staff member complained about; null for the agency. */
    workerId: string | null;
    /** Absent on records projected before staff and agencies could be complained about: the lawyer. */
    subject?: 'lawyer' | 'staff' | 'agency';
    /** The agency or station complained about. */
    organisationId?: string | null;
    lodgedAt: string;
    requestsChangeOfWorker: boolean;
    handledAt: string | null;
    finding: string | null;
  }[];
  /** Every worker ever assigned, first to last. */
  workers: string[];
};

export const initialQualityFacts = (): QualityFacts => ({
  priorityGroups: [],
  coApplicantGroups: [],
  hearingObservations: [],
  fileReviews: [],
  authorityOpinions: [],
  followUps: [],
  peerReviews: [],
  complaints: [],
  workers: [],
});

export const evolveQualityFacts = (f: QualityFacts, event: CaseEvent): QualityFacts => {
  switch (event.type) {
    case 'ApplicationReceived':
      return {
        ...f,
        priorityGroups: [...event.data.applicant.priorityGroups],
        coApplicantGroups: (event.data.coApplicants ?? []).map((p) => [...p.priorityGroups]),
      };
    case 'ForwardedApplicationReceived':
      return { ...f, priorityGroups: [...event.data.applicant.priorityGroups] };
    case 'DefenceNotificationReceived':
      return { ...f, priorityGroups: [...event.data.defendant.priorityGroups] };
    case 'AidWorkerAssigned':
    case 'AidWorkerReplaced':
      return { ...f, workers: [...f.workers, event.data.workerId] };
    case 'HearingObserved': {
      const d = event.data;
      return {
        ...f,
        hearingObservations: [...f.hearingObservations, { supervisorId: d.supervisorId, at: d.at, courtId: d.courtId, score: d.score }],
      };
    }
    case 'CaseFileReviewed': {
      const d = event.data;
      const deductionPoints = d.deductions.reduce((n, x) => n + x.points, 0);
      return {
        ...f,
        fileReviews: [
          ...f.fileReviews,
          {
            supervisorId: d.supervisorId,
            at: d.at,
            score: d.score,
            grade: d.grade,
            deductionPoints,
            ...(d.caseType && d.items ? { caseType: d.caseType, missedItems: d.items.filter((i) => !i.met).map((i) => i.itemId) } : {}),
          },
        ],
      };
    }
    case 'AuthorityOpinionObtained': {
      const d = event.data;
      return {
        ...f,
        authorityOpinions: [
          ...f.authorityOpinions,
          { supervisorId: d.supervisorId, at: d.at, authorityId: d.authorityId, rating: d.rating },
        ],
      };
    }
    case 'AidedPersonFollowedUp': {
      const d = event.data;
      return {
        ...f,
        followUps: [...f.followUps, { supervisorId: d.supervisorId, at: d.at, method: d.method, satisfaction: d.satisfaction }],
      };
    }
    case 'PeerReviewed': {
      const d = event.data;
      return {
        ...f,
        peerReviews: [...f.peerReviews, { supervisorId: d.supervisorId, at: d.at, evaluator: d.evaluator, score: d.score, grade: d.grade }],
      };
    }
    case 'ComplaintLodged': {
      const d = event.data;
      return {
        ...f,
        complaints: [
          ...f.complaints,
          {
            complaintId: d.complaintId,
            workerId: d.workerId,
            subject: d.subject ?? 'lawyer',
            organisationId: d.organisationId ?? null,
            lodgedAt: d.lodgedAt,
            requestsChangeOfWorker: d.requestsChangeOfWorker,
            handledAt: null,
            finding: null,
          },
        ],
      };
    }
    case 'ComplaintHandled': {
      const d = event.data;
      return {
        ...f,
        complaints: f.complaints.map((c) => (c.complaintId === d.complaintId ? { ...c, handledAt: d.at, finding: d.finding } : c)),
      };
    }
    default:
      return f;
  }
};

/** One deadline as compliance counts it, evaluated at the time of the record's last event. */
export type ComplianceDeadline = {
  key: ComplianceKey;
  rule: string;
  owner: DueDate['owner'];
  dueAt: string;
  satisfiedAt: string | null;
  open: boolean;
  /** Missed as of the record's last event (a missed deadline stays missed). */
  overdue: boolean;
  paused: boolean;
};

const keyOf = (d: DueDate): ComplianceKey | null => {
  switch (d.kind) {
    case 'assignment':
      return d.rule === 'Art 36' ? 'notification-assignment' : 'grant-assignment';
    case 'materials':
      // The applicant's period, not a duty of anyone supervised.
      return null;
    default:
      return d.kind;
  }
};

/** A deadline's standing now: kept, missed, or still running. Only the clock moves an open one to missed. */
export const deadlineOutcome = (d: ComplianceDeadline, now: string): 'met' | 'missed' | 'pending' => {
  if (!d.open) return d.overdue ? 'missed' : 'met';
  if (d.overdue) return 'missed';
  if (d.paused) return 'pending';
  return toMs(d.dueAt) < toMs(now) ? 'missed' : 'pending';
};

export const qualityStandardOf = (
  state: Pick<CaseState, 'province' | 'receivedAt'>,
  standards: readonly QualityStandard[] = qualityStandards,
): QualityStandard => {
  const chosen = state.receivedAt ? chooseDated(standards, state.province, state.receivedAt) : null;
  return chosen ?? standards[0]!;
};

/** The checks the standard requires of a case of this kind, once closed. */
export const requiredChecksOf = (state: CaseState, standard: QualityStandard): CheckKind[] => {
  const applies = (r: QualityStandard['requiredChecks'][number]) =>
    (!r.categories || (state.category !== null && r.categories.includes(state.category))) &&
    (!r.formsOfAid || (state.formOfAid !== null && r.formsOfAid.includes(state.formOfAid))) &&
    (!r.originKinds || (state.origin !== null && r.originKinds.includes(state.origin.kind))) &&
    (!r.whenHearingAttended || state.handling.hearings > 0);
  const required = new Set(standard.requiredChecks.filter(applies).flatMap((r) => r.checks));
  return [...required].sort();
};

export const checksDone = (f: QualityFacts): CheckKind[] => {
  const done: CheckKind[] = [];
  if (f.hearingObservations.length > 0) done.push('hearing-observation');
  if (f.fileReviews.length > 0) done.push('file-review');
  if (f.authorityOpinions.length > 0) done.push('authority-opinion');
  if (f.followUps.length > 0) done.push('follow-up');
  if (f.peerReviews.length > 0) done.push('peer-review');
  return done;
};

export type QualityRecord = ReturnType<typeof qualityRecordOf>;

/** The record of a case as of `at` (its last event's time, so a rebuild derives the same record). */
export const qualityRecordOf = (
  state: CaseState,
  f: QualityFacts,
  at: string,
  standards: readonly QualityStandard[] = qualityStandards,
) => {
  const standard = qualityStandardOf(state, standards);
  let deadlines: ComplianceDeadline[] = [];
  try {
    deadlines = (state.province && state.receivedAt ? dueDates(state, ruleSetOfCase(state, {}), at) : []).flatMap((d) => {
      const key = keyOf(d);
      return key
        ? [
            {
              key,
              rule: d.rule,
              owner: d.owner,
              dueAt: d.dueAt,
              satisfiedAt: d.satisfiedAt,
              open: d.open,
              overdue: d.overdue,
              paused: d.paused,
            },
          ]
        : [];
    });
  } catch {
    // no rule set in force for the case: no deadlines to supervise
  }
  const closed = state.closing !== null;
  const required = closed ? requiredChecksOf(state, standard) : [];
  const done = checksDone(f);
  return {
    caseId: state.caseId,
    agencyId: state.agencyId,
    province: state.province,
    category: state.category,
    formOfAid: state.formOfAid,
    origin: originOf(state),
    priorityGroups: f.priorityGroups,
    /** Every aided person of the case by their priority groups: the applicant (or defendant), then a group case's co-applicants. */
    aidedPersonGroups: [f.priorityGroups, ...(f.coApplicantGroups ?? [])],
    receivedAt: state.receivedAt,
    /** The workstation that took the application, its opinion and the agency's decision (issue 19); null elsewhere. */
    station: state.station ?? null,
    status: state.status,
    workerId: state.assignment?.workerId ?? null,
    workers: f.workers,
    closedAt: state.closing?.closedAt ?? null,
    closingOutcome: state.closing?.outcome ?? null,
    economicLossRecoveredFen: state.closing?.economicLossRecoveredFen ?? 0,
    terminatedAt: state.termination?.terminatedAt ?? null,
    hearingsAttended: state.handling.hearings,
    hearingObservations: f.hearingObservations,
    fileReviews: f.fileReviews,
    authorityOpinions: f.authorityOpinions,
    followUps: f.followUps,
    peerReviews: f.peerReviews,
    complaints: f.complaints,
    deadlines,
    standardId: standard.id,
    requiredChecks: required,
    missingChecks: required.filter((c) => !done.includes(c)),
  };
};

/** The consultation ledger entry (咨询接待, the first part of seed 002's standard). */
export type ConsultationFacts = {
  consultationId: string | null;
  agencyId: string | null;
  channel: string | null;
  workstationId: string | null;
  category: string | null;
  toldOfRightToApply: boolean;
  consultedAt: string | null;
  caseId: string | null;
};

export const initialConsultationFacts = (): ConsultationFacts => ({
  consultationId: null,
  agencyId: null,
  channel: null,
  workstationId: null,
  category: null,
  toldOfRightToApply: false,
  consultedAt: null,
  caseId: null,
});

export const evolveConsultationFacts = (f: ConsultationFacts, event: ConsultationEvent): ConsultationFacts => {
  if (isErasureEvent(event)) return f;
  switch (event.type) {
    case 'ConsultationRecorded': {
      const d = event.data;
      return {
        ...f,
        consultationId: d.consultationId,
        agencyId: d.agencyId,
        channel: d.channel,
        workstationId: d.workstationId,
        category: d.category,
        toldOfRightToApply: d.toldOfRightToApply,
        consultedAt: d.consultedAt,
      };
    }
    case 'ConsultationLedToApplication':
      return { ...f, caseId: event.data.caseId };
  }
};
