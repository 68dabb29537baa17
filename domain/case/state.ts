import type {
  ApplicationReceived,
  DefenceNotificationReceived,
  ForwardedApplicationReceived,
} from '../../events/catalogue/applying-events.ts';
import type { Art44Trigger } from '../../events/catalogue/deciding-events.ts';
import type { TerminationGround } from '../../events/catalogue/closing-events.ts';
import type { AidWorkerKind, Authority, Category, FormOfAid } from '../../events/catalogue/vocabulary.ts';
import type * as z from 'zod';

type DataOf<D extends { schema: z.ZodType }> = z.infer<D['schema']>;

export type CaseStatus =
  | 'none'
  | 'under-review'
  | 'awaiting-assignment'
  | 'in-progress'
  | 'refused'
  | 'withdrawn'
  | 'closed'
  | 'terminated'
  | 'archived';

export type Origin =
  | {
      kind: 'application';
      channel: DataOf<typeof ApplicationReceived>['channel'];
      applicantRole: DataOf<typeof ApplicationReceived>['applicantRole'];
      consultationId: string | null;
    }
  | ({ kind: 'forwarded-application' } & Pick<
      DataOf<typeof ForwardedApplicationReceived>,
      'applicantRole' | 'forwarder' | 'receivedByForwarderAt' | 'forwardedAt' | 'allowedForwardingHours' | 'lateForwarding'
    >)
  | ({ kind: 'notification' } & Pick<
      DataOf<typeof DefenceNotificationReceived>,
      'authority' | 'authorityReference' | 'ground' | 'stage' | 'foundAt' | 'allowedNotificationDays' | 'lateNotification'
    >);

export type MeansStatus = 'unsettled' | 'within-standard' | 'above-standard' | 'exempt' | 'waived';

export type MaterialsRequest = { requestedAt: string; items: string[]; outstanding: string[]; completedAt: string | null };

/** Review of an application (Art 43); a notified defence has none. */
export type ReviewState = {
  decision: 'pending' | 'granted' | 'refused' | 'withdrawn';
  decidedAt: string | null;
  /** The review's first decision, which met (or missed) the Art 43 period; a correction order reopens the review, not that. */
  firstDecidedAt: string | null;
  legalBasis: string | null;
  means: MeansStatus;
  /** Every request for materials; the review clock stands still from a request until it is complete. */
  requests: MaterialsRequest[];
};

export type Assignment = { workerId: string; workerKind: AidWorkerKind; noticeYear: number; noticeNumber: number; assignedAt: string };

export type Complaint = {
  complaintId: string;
  /** The lawyer or staff member complained about; null for a complaint about the agency. */
  workerId: string | null;
  /** Absent on states folded before staff and agencies could be complained about: the lawyer. */
  subject?: 'lawyer' | 'staff' | 'agency';
  requestsChangeOfWorker: boolean;
  lodgedAt: string;
  actedOn: boolean;
  handled: boolean;
};

export type Objection = {
  objectionId: string;
  against: 'refusal' | 'termination';
  justiceBureauId: string;
  lodgedAt: string;
  /** The agency that took it in and passed it on, and when the applicant handed it in; null when lodged with the bureau. */
  transmittedBy: { agencyId: string; receivedAt: string } | null;
  decision: 'upheld' | 'correction-ordered' | null;
  decidedAt: string | null;
  /** After a correction order: when the agency decided again (granted, refused, reinstated, terminated anew). */
  redecidedAt: string | null;
};

/** A hand-over to another agency: pending until the receiver accepts or refuses (issue 19). */
export type Transfer = {
  transferId: string;
  fromAgencyId: string;
  toAgencyId: string;
  ground: string;
  requestedAt: string;
  outcome: 'pending' | 'accepted' | 'refused';
  decidedAt: string | null;
};

/** Art 36: what the notifying authority was told of the assigned lawyer, and whether it acknowledged it. */
export type AuthorityNotice = {
  authorityId: string;
  workerId: string;
  lawyerName: string;
  firmId: string;
  firmName: string;
  toldAt: string;
  acknowledgedAt: string | null;
};

export type CaseState = {
  status: CaseStatus;
  caseId: string | null;
  agencyId: string | null;
  province: string | null;
  origin: Origin | null;
  category: Category | null;
  formOfAid: FormOfAid | null;
  receivedAt: string | null;
  review: ReviewState | null;
  provisionalAid: { trigger: Art44Trigger; providedAt: string } | null;
  /** Start of the assignment period: a grant, a notification's receipt, aid before review, a correction order. */
  assignmentDueFrom: string | null;
  assignment: Assignment | null;
  firstAssignedAt: string | null;
  notifiedAuthority: Authority | null;
  complaints: Complaint[];
  handling: { meetings: number; fileReadings: number; hearings: number; progressReports: number; lastProgressReportAt: string | null };
  closing: { closedAt: string; outcome: string; economicLossRecoveredFen: number } | null;
  termination: { ground: TerminationGround; legalBasis: string; terminatedAt: string } | null;
  deception: { repaymentDueFen: number; fineFen: number; foundAt: string } | null;
  objections: Objection[];
  archivedAt: string | null;
  supervisionRecords: number;
  /**
   * Every transfer asked for, in order. Optional: a case-status record stored before transfers
   * existed has none, read as `[]` (`transfersOf`).
   */
  transfers?: Transfer[];
  authorityNotice?: AuthorityNotice | null;
  /** The workstation that took the application (issue 19). Optional: states folded before workstations had none. */
  station?: StationRecord | null;
};

/** The station's preliminary opinion (初审意见) and the agency's first decision against it. */
export type StationRecord = {
  stationId: string;
  opinion: { recommendation: 'grant' | 'refuse'; givenAt: string } | null;
  decision: { decision: 'granted' | 'refused'; preliminaryOpinion: 'followed' | 'departed' | null; decidedAt: string } | null;
};

export const initialCaseState = (): CaseState => ({
  status: 'none',
  caseId: null,
  agencyId: null,
  province: null,
  origin: null,
  category: null,
  formOfAid: null,
  receivedAt: null,
  review: null,
  provisionalAid: null,
  assignmentDueFrom: null,
  assignment: null,
  firstAssignedAt: null,
  notifiedAuthority: null,
  complaints: [],
  handling: { meetings: 0, fileReadings: 0, hearings: 0, progressReports: 0, lastProgressReportAt: null },
  closing: null,
  termination: null,
  deception: null,
  objections: [],
  archivedAt: null,
  supervisionRecords: 0,
  transfers: [],
  authorityNotice: null,
  station: null,
});

export const transfersOf = (s: CaseState): Transfer[] => s.transfers ?? [];
export const pendingTransfer = (s: CaseState): Transfer | null => transfersOf(s).find((t) => t.outcome === 'pending') ?? null;
/** The agencies that held the case before it was handed on: they keep reading it (docs/transfers.md). */
export const formerAgenciesOf = (s: CaseState): string[] =>
  transfersOf(s)
    .filter((t) => t.outcome === 'accepted')
    .map((t) => t.fromAgencyId);

/** Aid is being given or may be: a grant, a notification, or aid before review not undone by refusal or withdrawal. */
export const aidAvailable = (s: CaseState): boolean =>
  s.origin?.kind === 'notification' || s.review?.decision === 'granted' || (s.provisionalAid !== null && s.review?.decision === 'pending');

export const openMaterialsRequest = (s: CaseState): MaterialsRequest | null => {
  const last = s.review?.requests.at(-1);
  return last && last.completedAt === null ? last : null;
};

export const pendingObjection = (s: CaseState): Objection | null => s.objections.find((o) => o.decision === null) ?? null;

/** A correction order the agency has not yet acted on: the case is back with it to decide again (Art 49). */
export const pendingCorrection = (s: CaseState): Objection | null =>
  s.objections.find((o) => o.decision === 'correction-ordered' && o.redecidedAt === null) ?? null;

/** The status is derived, never set: the most final fact wins. */
export const statusOf = (s: CaseState): CaseStatus => {
  if (s.archivedAt) return 'archived';
  if (s.termination) return 'terminated';
  if (s.closing) return 'closed';
  if (s.review?.decision === 'refused') return 'refused';
  if (s.review?.decision === 'withdrawn') return 'withdrawn';
  if (s.assignment) return 'in-progress';
  if (aidAvailable(s)) return 'awaiting-assignment';
  return s.receivedAt ? 'under-review' : 'none';
};
