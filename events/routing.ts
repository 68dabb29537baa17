// The EventBridge side of the event catalogue: what the publisher puts on the bus, and which rule
// sends what to which projection. CDK gives these same patterns to EventBridge; the local bus
// matches them with events/event-pattern.ts, and so does the rebuild.
//
// A projection folds every event of a stream it keeps (a gap before a delivered event is read from
// the store), so a rule may leave out types that change nothing the projection shows: they are folded
// when the next relevant event arrives. It must never leave out a type that does. The rebuild
// (functions/rebuild) applies each stream up to its last event that matches the rule, so a
// rebuilt read model is exactly what live delivery gives.

/** `source` of every event the stream publisher puts on the bus. */
export const EVENT_SOURCE = 'legal-aid.event-store';

export type EventPattern = Record<string, unknown>;

export type ProjectionName = 'case-status' | 'quality' | 'funding' | 'statistics';

export const projectionNames: readonly ProjectionName[] = ['case-status', 'quality', 'funding', 'statistics'];

export type ProjectionRule = {
  /** Rule name; also names the projection handler it targets. */
  projection: ProjectionName;
  description: string;
  pattern: EventPattern;
};

const openingTypes = ['ApplicationReceived', 'ForwardedApplicationReceived', 'DefenceNotificationReceived'];
const assignmentTypes = ['AidWorkerAssigned', 'AidWorkerReplaced'];
const endingTypes = ['CaseClosed', 'AidTerminated', 'AidReinstated'];
const supervisionTypes = [
  'HearingObserved',
  'CaseFileReviewed',
  'AuthorityOpinionObtained',
  'AidedPersonFollowedUp',
  'PeerReviewed',
  'ComplaintHandled',
];
/** What moves a deadline of the quality standard: review, assignment, objection (domain/case/due-dates.ts). */
const deadlineTypes = [
  'ApplicationWithdrawn',
  'MaterialsRequested',
  'MaterialsSupplied',
  'AidProvidedBeforeReview',
  'AidGranted',
  'AidRefused',
  'ObjectionLodged',
  'ObjectionDecided',
];

/** Case-stream types the quality projection shows something of; the rest (means, meetings, file readings, progress) it folds on the way. */
export const qualityCaseTypes: readonly string[] = [
  ...openingTypes,
  ...deadlineTypes,
  ...assignmentTypes,
  'ComplaintLodged',
  'HearingAttended',
  ...endingTypes,
  'CaseArchived',
  ...supervisionTypes,
];

/** Case-stream types that change a subsidy's assessment: the case type, the worker, the closing, the file-review grade. */
export const fundingCaseTypes: readonly string[] = [...openingTypes, ...assignmentTypes, ...endingTypes, 'CaseFileReviewed'];

/** A duty record's services, and a shift's events: what a duty station's figures count. */
const dutyServiceTypes = [
  'DutyConsultationGiven',
  'ProcedureAdviceGiven',
  'MeasureChangeRequested',
  'DutyOpinionSubmitted',
  'PleaSigningAttended',
];
const dutyShiftTypes = ['DutyShiftPlanned', 'DutyShiftCheckedIn', 'DutyShiftCheckedOut', 'DutyRecordTiedToShift'];
/** A service-standard assessment's steps: what the pass rates and the share of model stations count. */
const serviceAssessmentTypes = ['ServiceAssessmentOpened', 'ServiceSelfAssessed', 'ServiceInspected'];

export const projectionRules: readonly ProjectionRule[] = [
  {
    projection: 'case-status',
    description: 'Every event of a case stream, to the case-status read model',
    pattern: { source: [EVENT_SOURCE], detail: { stream: [{ prefix: 'case#' }] } },
  },
  {
    projection: 'quality',
    description:
      'Supervision, complaint, closing, assignment and deadline events of cases, the consultation ledger, the opening and closing of duty records, duty shifts and service-standard assessments, to the quality-supervision read model',
    pattern: {
      source: [EVENT_SOURCE],
      detail: {
        stream: [
          { prefix: 'case#' },
          { prefix: 'consultation#' },
          { prefix: 'duty#' },
          { prefix: 'duty-shift#' },
          { prefix: 'service-assessment#' },
        ],
        // A duty record's opening and closing: its agency and the day its retention counts from (erasures due);
        // its services and the shifts of the rota: the duty stations' figures (domain/duty/figures.ts).
        type: [
          ...qualityCaseTypes,
          'ConsultationRecorded',
          'ConsultationLedToApplication',
          'DutyRecordOpened',
          'DutyRecordClosed',
          ...dutyServiceTypes,
          ...dutyShiftTypes,
          // The service standard's assessments: the pass rates per city and province (domain/standard/pass-rates.ts).
          ...serviceAssessmentTypes,
        ],
      },
    },
  },
  {
    projection: 'funding',
    description: 'Fund and subsidy streams, and the case events a subsidy is assessed on, to the funding read model',
    pattern: {
      source: [EVENT_SOURCE],
      detail: {
        stream: [{ prefix: 'case#' }, { prefix: 'subsidy#' }, { prefix: 'fund#' }],
        type: [
          ...fundingCaseTypes,
          'SubsidyApproved',
          'SubsidyPaid',
          'FundAllocated',
          'SubsidyCommitted',
          'SubsidyCommitmentReleased',
          'SubsidyPaidFromFund',
          // Duty pay on the same funds: what the fund has committed and paid (domain/duty/pay.ts).
          'DutyPayCommitted',
          'DutyPayPaidFromFund',
        ],
      },
    },
  },
  {
    projection: 'statistics',
    description:
      'The case events the quality record is derived from and the consultation ledger, to the statistics counters and the open deadline index',
    pattern: {
      source: [EVENT_SOURCE],
      detail: {
        stream: [{ prefix: 'case#' }, { prefix: 'consultation#' }],
        // The quality record's types: the counters are taken from the same record, at the same last step.
        type: [...qualityCaseTypes, 'ConsultationRecorded', 'ConsultationLedToApplication'],
      },
    },
  },
];

/**
 * Every event, to the analytics store (Parquet by business date and province): in AWS the rule's
 * target is the Firehose delivery stream (infra/constructs/analytics-export.ts), locally the local
 * stack's Parquet writer. Not a projection: it keeps no state, and a duplicate is counted once by the
 * queries.
 */
export const analyticsRule = {
  name: 'analytics',
  description: 'Every event of the store, personal fields left out, to the analytics store (Parquet in S3, Glue, Athena)',
  pattern: { source: [EVENT_SOURCE] } satisfies EventPattern,
} as const;
