import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import { type CaseState, type ReviewState, statusOf } from './state.ts';

const pendingReview = (): ReviewState => ({ decision: 'pending', decidedAt: null, legalBasis: null, means: 'unsettled', requests: [] });

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
      };
    }
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
      return withReview(s, (r) => ({
        decision: 'withdrawn',
        decidedAt: event.data.withdrawnAt,
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
        withReview(s, () => ({ decision: 'granted', decidedAt: event.data.decidedAt, legalBasis: event.data.legalBasis })),
        event.data.decidedAt,
      );
    case 'AidRefused':
      return withReview(s, () => ({ decision: 'refused', decidedAt: event.data.decidedAt, legalBasis: event.data.legalBasis }));
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
      return { ...s, termination: { ground: event.data.ground, legalBasis: event.data.legalBasis, terminatedAt: event.data.terminatedAt } };
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
            decision: null,
            decidedAt: null,
          },
        ],
      };
    }
    case 'ObjectionDecided':
      return {
        ...s,
        objections: s.objections.map((o) =>
          o.objectionId === event.data.objectionId ? { ...o, decision: event.data.decision, decidedAt: event.data.decidedAt } : o,
        ),
      };
    case 'AidReinstated':
      return { ...s, termination: null, deception: null };
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
  }
};

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  const next = apply(state, event);
  return { ...next, status: statusOf(next) };
};
