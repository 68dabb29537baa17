import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { type CaseState, type Objection, pendingCorrection, type ReviewState, statusOf, transfersOf } from './state.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';

const pendingReview = (): ReviewState => ({
  decision: 'pending',
  decidedAt: null,
  firstDecidedAt: null,
  legalBasis: null,
  means: 'unsettled',
  requests: [],
});

/** The review decided (granted, refused, withdrawn) at `at`: the first decision is kept for the Art 43 period. */
const reviewDecided = (r: ReviewState, decision: ReviewState['decision'], at: string, legalBasis: string | null): Partial<ReviewState> => ({
  decision,
  decidedAt: at,
  firstDecidedAt: r.firstDecidedAt ?? at,
  legalBasis,
});

/**
 * The agency's new decision after a correction order against `against` settles that order. Older
 * histories have the bureau's `AidGranted` or `AidReinstated` right after the order: it settles it
 * the same way, so they fold to the state they always had.
 */
const redecided = (s: CaseState, against: Objection['against'], at: string): CaseState => {
  const pending = pendingCorrection(s);
  if (!pending || pending.against !== against) return s;
  return { ...s, objections: s.objections.map((o) => (o === pending ? { ...o, redecidedAt: at } : o)) };
};

/** The agency's first decision on an application a station took: the end of the station-to-agency time. */
const stationDecided = (
  s: CaseState,
  decision: 'granted' | 'refused',
  d: { decidedAt: string; preliminaryOpinion?: 'followed' | 'departed' | undefined },
): CaseState =>
  s.station && !s.station.decision
    ? { ...s, station: { ...s.station, decision: { decision, preliminaryOpinion: d.preliminaryOpinion ?? null, decidedAt: d.decidedAt } } }
    : s;

const withReview = (s: CaseState, change: (r: ReviewState) => Partial<ReviewState>): CaseState =>
  s.review ? { ...s, review: { ...s.review, ...change(s.review) } } : s;

/** The assignment period starts once: a later grant does not restart the clock of aid already available. */
const startAssignmentClock = (s: CaseState, at: string): CaseState =>
  s.assignment || s.assignmentDueFrom ? s : { ...s, assignmentDueFrom: at };

type Opening = { caseId: string; agencyId: string; province: CaseState['province']; formOfAid: CaseState['formOfAid']; receivedAt: string };

/** What every way of opening a case records: whose case it is, where it came from, when it was received. */
const opened = (s: CaseState, d: Opening, origin: NonNullable<CaseState['origin']>): CaseState => ({
  ...s,
  caseId: d.caseId,
  agencyId: d.agencyId,
  province: d.province,
  origin,
  formOfAid: d.formOfAid,
  receivedAt: d.receivedAt,
});

/** Who holds the case now and under which notice: the same for a first assignment and a replacement. */
const assignmentOf = (
  d: Pick<NonNullable<CaseState['assignment']>, 'workerId' | 'workerKind' | 'noticeYear' | 'noticeNumber'>,
  assignedAt: string,
): NonNullable<CaseState['assignment']> => ({
  workerId: d.workerId,
  workerKind: d.workerKind,
  noticeYear: d.noticeYear,
  noticeNumber: d.noticeNumber,
  assignedAt,
});

const apply = (s: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'ApplicationReceived': {
      const d = event.data;
      return {
        ...opened(s, d, { kind: 'application', channel: d.channel, applicantRole: d.applicantRole, consultationId: d.consultationId }),
        category: d.category,
        review: pendingReview(),
        station: d.stationId ? { stationId: d.stationId, opinion: null, decision: null } : null,
      };
    }
    case 'PreliminaryOpinionGiven':
      return s.station
        ? { ...s, station: { ...s.station, opinion: { recommendation: event.data.recommendation, givenAt: event.data.givenAt } } }
        : s;
    case 'ForwardedApplicationReceived': {
      const d = event.data;
      const origin = {
        kind: 'forwarded-application' as const,
        applicantRole: d.applicantRole,
        forwarder: d.forwarder,
        receivedByForwarderAt: d.receivedByForwarderAt,
        forwardedAt: d.forwardedAt,
        allowedForwardingHours: d.allowedForwardingHours,
        lateForwarding: d.lateForwarding,
      };
      return { ...opened(s, d, origin), category: d.category, review: pendingReview() };
    }
    case 'DefenceNotificationReceived': {
      const d = event.data;
      const origin = {
        kind: 'notification' as const,
        authority: d.authority,
        authorityReference: d.authorityReference,
        ground: d.ground,
        stage: d.stage,
        foundAt: d.foundAt,
        allowedNotificationDays: d.allowedNotificationDays,
        lateNotification: d.lateNotification,
      };
      // Notified defence is criminal, needs no review, and its assignment clock starts on receipt.
      return { ...opened(s, d, origin), category: 'criminal', assignmentDueFrom: d.receivedAt, notifiedAuthority: d.authority };
    }
    case 'ApplicationWithdrawn':
      return withReview(redecided(s, 'refusal', event.data.withdrawnAt), (r) => ({
        ...reviewDecided(r, 'withdrawn', event.data.withdrawnAt, r.legalBasis),
        requests: r.requests.map((q) => (q.completedAt ? q : { ...q, completedAt: event.data.withdrawnAt })),
      }));
    case 'MaterialsRequested':
      return withReview(s, (r) => ({
        requests: [
          ...r.requests,
          { requestedAt: event.data.requestedAt, items: event.data.items, outstanding: event.data.items, completedAt: null },
        ],
      }));
    case 'MaterialsSupplied':
      return withReview(s, (r) => ({
        requests: r.requests.map((q) => {
          if (q.completedAt) return q;
          const outstanding = q.outstanding.filter((item) => !event.data.items.includes(item));
          return { ...q, outstanding, completedAt: outstanding.length === 0 ? event.data.suppliedAt : null };
        }),
      }));
    case 'MeansAssessed':
      return withReview(s, () => ({ means: event.data.result }));
    case 'MeansTestExempted':
      return withReview(s, () => ({ means: 'exempt' }));
    case 'MeansCheckWaived':
      return withReview(s, () => ({ means: 'waived' }));
    case 'AidProvidedBeforeReview':
      return startAssignmentClock(
        { ...s, provisionalAid: { trigger: event.data.trigger, providedAt: event.data.providedAt } },
        event.data.providedAt,
      );
    case 'AidGranted':
      return startAssignmentClock(
        withReview(redecided(stationDecided(s, 'granted', event.data), 'refusal', event.data.decidedAt), (r) =>
          reviewDecided(r, 'granted', event.data.decidedAt, event.data.legalBasis),
        ),
        event.data.decidedAt,
      );
    case 'AidRefused':
      return withReview(redecided(stationDecided(s, 'refused', event.data), 'refusal', event.data.decidedAt), (r) =>
        reviewDecided(r, 'refused', event.data.decidedAt, event.data.legalBasis),
      );
    case 'AidWorkerAssigned': {
      const d = event.data;
      return {
        ...s,
        assignment: assignmentOf(d, d.assignedAt),
        firstAssignedAt: s.firstAssignedAt ?? d.assignedAt,
      };
    }
    case 'ComplaintLodged': {
      const d = event.data;
      return {
        ...s,
        complaints: [
          ...s.complaints,
          {
            complaintId: d.complaintId,
            workerId: d.workerId,
            subject: d.subject ?? 'lawyer',
            requestsChangeOfWorker: d.requestsChangeOfWorker,
            lodgedAt: d.lodgedAt,
            actedOn: false,
            handled: false,
          },
        ],
      };
    }
    case 'AidWorkerReplaced': {
      const d = event.data;
      return {
        ...s,
        assignment: assignmentOf(d, d.replacedAt),
        complaints: s.complaints.map((c) => (c.complaintId === d.complaintId ? { ...c, actedOn: true } : c)),
      };
    }
    case 'ClientMeetingHeld':
      return { ...s, handling: { ...s.handling, meetings: s.handling.meetings + 1 } };
    case 'CaseFileRead':
      return { ...s, handling: { ...s.handling, fileReadings: s.handling.fileReadings + 1 } };
    case 'HearingAttended':
      return { ...s, handling: { ...s.handling, hearings: s.handling.hearings + 1 } };
    case 'ProgressReported':
      return { ...s, handling: { ...s.handling, progressReports: s.handling.progressReports + 1, lastProgressReportAt: event.data.at } };
    case 'CaseClosed':
      return {
        ...s,
        closing: {
          closedAt: event.data.closedAt,
          outcome: event.data.outcome,
          economicLossRecoveredFen: event.data.economicLossRecoveredFen,
        },
      };
    case 'AidTerminated':
      return {
        ...redecided(s, 'termination', event.data.terminatedAt),
        termination: { ground: event.data.ground, legalBasis: event.data.legalBasis, terminatedAt: event.data.terminatedAt },
      };
    case 'DeceptionFound':
      return { ...s, deception: { repaymentDueFen: event.data.repaymentDueFen, fineFen: event.data.fineFen, foundAt: event.data.foundAt } };
    case 'CaseArchived':
      return { ...s, archivedAt: event.data.archivedAt };
    case 'ObjectionLodged': {
      const d = event.data;
      return {
        ...s,
        objections: [
          ...s.objections,
          {
            objectionId: d.objectionId,
            against: d.against,
            justiceBureauId: d.justiceBureauId,
            lodgedAt: d.lodgedAt,
            transmittedBy: d.transmittedBy,
            decision: null,
            decidedAt: null,
            redecidedAt: null,
          },
        ],
      };
    }
    case 'ObjectionDecided': {
      const d = event.data;
      const objection = s.objections.find((o) => o.objectionId === d.objectionId);
      // `?? null` and `??` below: a projection's state stored before these fields existed has them undefined.
      const decided = {
        ...s,
        objections: s.objections.map((o) =>
          o === objection ? { ...o, decision: d.decision, decidedAt: d.decidedAt, redecidedAt: o.redecidedAt ?? null } : o,
        ),
      };
      // A corrected refusal is the agency's to review again; a corrected termination stays until the agency reinstates or terminates anew.
      if (d.decision !== 'correction-ordered' || objection?.against !== 'refusal') return decided;
      return withReview(decided, (r) => ({
        decision: 'pending',
        decidedAt: null,
        firstDecidedAt: r.firstDecidedAt ?? r.decidedAt,
        legalBasis: null,
      }));
    }
    case 'AidReinstated':
      return { ...redecided(s, 'termination', event.data.reinstatedAt), termination: null, deception: null };
    case 'ComplaintHandled':
      return {
        ...s,
        supervisionRecords: s.supervisionRecords + 1,
        complaints: s.complaints.map((c) => (c.complaintId === event.data.complaintId ? { ...c, handled: true } : c)),
      };
    case 'HearingObserved':
    case 'CaseFileReviewed':
    case 'AuthorityOpinionObtained':
    case 'AidedPersonFollowedUp':
    case 'PeerReviewed':
      return { ...s, supervisionRecords: s.supervisionRecords + 1 };
    case 'CaseTransferRequested': {
      const d = event.data;
      return {
        ...s,
        transfers: [
          ...transfersOf(s),
          {
            transferId: d.transferId,
            fromAgencyId: d.fromAgencyId,
            toAgencyId: d.toAgencyId,
            ground: d.ground,
            requestedAt: d.requestedAt,
            outcome: 'pending',
            decidedAt: null,
          },
        ],
      };
    }
    // Accepted: the case is the receiver's from now on (its staff act, its counter numbers the notice).
    case 'CaseTransferAccepted':
      return {
        ...transferDecided(s, event.data.transferId, 'accepted', event.data.acceptedAt),
        agencyId: event.data.toAgencyId,
      };
    case 'CaseTransferRefused':
      return transferDecided(s, event.data.transferId, 'refused', event.data.refusedAt);
    case 'AuthorityToldOfAssignedLawyer': {
      const d = event.data;
      return {
        ...s,
        authorityNotice: {
          authorityId: d.authorityId,
          workerId: d.workerId,
          lawyerName: d.lawyerName,
          firmId: d.firmId,
          firmName: d.firmName,
          toldAt: d.toldAt,
          acknowledgedAt: null,
        },
      };
    }
    case 'AssignedLawyerAcknowledged':
      return s.authorityNotice ? { ...s, authorityNotice: { ...s.authorityNotice, acknowledgedAt: event.data.acknowledgedAt } } : s;
  }
};

const transferDecided = (s: CaseState, transferId: string, outcome: 'accepted' | 'refused', at: string): CaseState => ({
  ...s,
  transfers: transfersOf(s).map((t) => (t.transferId === transferId ? { ...t, outcome, decidedAt: at } : t)),
});

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (isErasureEvent(event)) return state;
  const next = apply(state, event);
  return { ...next, status: statusOf(next) };
};
