import { DomainError } from './errors.ts';

/**
 * Every refusal the deciders can give, with the rule it enforces. Codes are stable: clients branch on
 * them and the documentation is generated from this table. `rule` is null only for refusals that
 * protect the record itself (a duplicate id, a time in the future) rather than a rule of law.
 */
export const domainErrorCodes = {
  // records and time
  CASE_EXISTS: { rule: null, meaning: 'a case with this id has already been received' },
  CASE_NOT_FOUND: { rule: null, meaning: 'the case has not been received' },
  TIME_IN_FUTURE: { rule: null, meaning: 'a record cannot describe something later than now' },
  TIME_OUT_OF_ORDER: { rule: null, meaning: 'a time lies before the step it follows' },
  // business time (occurredAt) against recorded time (domain/time/business-time.ts, domain/rules/late-entry.ts)
  OCCURRED_AT_IN_FUTURE: {
    rule: null,
    meaning: 'a command cannot say it happened later than it is recorded (beyond the clock-skew tolerance)',
  },
  LATE_ENTRY_OUTSIDE_WINDOW: {
    rule: 'late-entry policy',
    meaning: 'a record entered later than it happened is allowed only within the late-entry window of the policy in force',
  },
  LATE_ENTRY_REASON_REQUIRED: { rule: 'late-entry policy', meaning: 'a record entered later than it happened says why' },
  LATE_ENTRY_NOT_LATE: { rule: 'late-entry policy', meaning: 'a late-entry reason is given only for a record entered late' },
  NO_LATE_ENTRY_POLICY: { rule: 'late-entry policy', meaning: 'no late-entry policy was in force on the day of recording' },
  // The earliest rules the system holds are the 2003 regulation's (domain/rules/historic-rule-sets.ts).
  NO_RULE_SET_IN_FORCE: {
    rule: '法律援助条例 Art 31',
    meaning: 'no legal-aid rules the system holds were in force on the relevant date (the earliest: the 2003 regulation, from 2003-09-01)',
  },
  // starting a case
  FORM_OF_AID_MISMATCH: { rule: 'Art 22', meaning: 'the form of aid does not fit the category, or is not given through a case' },
  FORWARDING_TIMES_OUT_OF_ORDER: {
    rule: 'Art 39',
    meaning: 'an application is forwarded after it reached the forwarder and before the agency receives it',
  },
  ART25_DISCRETIONARY_COURT_ONLY: { rule: 'Art 25', meaning: 'only a court may notify defence at its discretion under ordinary procedure' },
  NOTIFYING_AUTHORITY_STAGE_MISMATCH: {
    rule: 'Art 36',
    meaning: 'police notify at investigation, procuratorates at prosecution review, courts from trial on',
  },
  NOTIFICATION_GROUND_STAGE_MISMATCH: { rule: 'Art 28', meaning: 'the ground belongs to another procedural stage' },
  // the receiving agency, its province and its competence, from the registry (Art 12, Art 38)
  AGENCY_NOT_REGISTERED: { rule: 'Art 12', meaning: 'a case is received by an agency the registry of organisations holds' },
  NOT_A_LEGAL_AID_AGENCY: { rule: 'Art 12', meaning: 'a case is received by a legal-aid agency, not another kind of organisation' },
  AGENCY_NOT_OPEN: { rule: 'Art 12', meaning: 'the agency was not open on the date of receipt (not yet opened, closed or merged)' },
  PROVINCE_MISMATCH: {
    rule: 'Art 34, Art 71',
    meaning: "a case is judged by the rules of its agency's province in the registry; the request named another",
  },
  PROVINCE_REQUIRED: { rule: null, meaning: 'a decision taken without the registry names the province' },
  HANDLING_AUTHORITY_UNKNOWN: {
    rule: 'Art 38',
    meaning: 'the handling authority named is no court, procuratorate or police office open in the registry',
  },
  AGENCY_NOT_COMPETENT: { rule: 'Art 38', meaning: "the matter lies in another agency's area: the application is referred there" },
  REFERRAL_EXISTS: { rule: null, meaning: 'a referral with this id is already recorded' },
  AGENCY_COMPETENT: { rule: 'Art 38', meaning: 'the agency is competent for the matter: it receives the application, not refers it' },
  // review
  NOT_AN_APPLICATION: { rule: 'Art 25', meaning: 'a notified defence is not reviewed: no application and no means test' },
  REVIEW_ALREADY_DECIDED: { rule: 'Art 43', meaning: 'the application has already been granted, refused or withdrawn' },
  AID_REFUSED: { rule: 'Art 43', meaning: 'aid was refused; only an objection, archiving or supervision can follow' },
  APPLICATION_WITHDRAWN: { rule: 'Art 43', meaning: 'the application was withdrawn' },
  MATERIALS_LIST_EMPTY: { rule: 'Art 43', meaning: 'a request for materials names every missing item' },
  MATERIALS_ALREADY_REQUESTED: {
    rule: 'Art 43',
    meaning: 'everything missing is asked for at once: a second request waits until the first is answered',
  },
  NO_MATERIALS_OUTSTANDING: { rule: 'Art 43', meaning: 'no requested materials are outstanding' },
  MATERIAL_NOT_REQUESTED: { rule: 'Art 43', meaning: 'a supplied item was not requested' },
  MATERIALS_OUTSTANDING: { rule: 'Art 43', meaning: 'the review waits for the requested materials' },
  WITHDRAWAL_PERIOD_NOT_ELAPSED: { rule: 'Art 43', meaning: 'the applicant still has time to supply the materials' },
  MEANS_ALREADY_SETTLED: { rule: 'Art 32, Art 42', meaning: 'the means condition is exempt or waived; there is nothing to assess' },
  ART32_GROUND_CATEGORY_MISMATCH: { rule: 'Art 32', meaning: 'the no-means-test ground does not fit the kind of matter' },
  WAIVER_PROOF_REQUIRED: { rule: 'Art 42', meaning: 'a waiver of the means check rests on proof' },
  LOCAL_WAIVER_NOT_IN_FORCE: { rule: 'Art 42', meaning: 'the local waiver is not in the rule set in force' },
  ART44_TRIGGER_NOT_MET: {
    rule: 'Art 44',
    meaning: 'aid before review needs a limitation ending in under the set days, preservation or advance execution, or a rule of law',
  },
  AID_ALREADY_PROVIDED: { rule: 'Art 44', meaning: 'aid before review has already been provided' },
  LEGAL_BASIS_REQUIRED: { rule: 'Art 43', meaning: 'a grant, a refusal or a termination names its legal basis' },
  REFUSAL_REASONS_REQUIRED: { rule: 'Art 43', meaning: 'a refusal is given in writing with reasons' },
  MEANS_CONDITION_UNSETTLED: { rule: 'Art 41', meaning: 'the means condition is neither assessed, exempt nor waived' },
  MEANS_CONDITION_NOT_MET: { rule: 'Art 34', meaning: 'the applicant is above the provincial means standard' },
  // assignment
  NOTHING_TO_ASSIGN: { rule: 'Art 43', meaning: 'assignment follows a grant, a notification or aid before review' },
  ALREADY_ASSIGNED: { rule: 'Art 43', meaning: 'an aid worker is already assigned; a change follows a complaint' },
  WORKER_NOT_FOUND: { rule: null, meaning: 'no aid worker is registered under this id' },
  WORKER_OF_OTHER_AGENCY: { rule: 'Art 12', meaning: 'the agency assigns its own aid workers' },
  WORKER_INACTIVE: { rule: 'Art 12', meaning: 'the aid worker is not active' },
  LAWYER_REQUIRED: { rule: 'Art 25', meaning: 'criminal defence and notified defence are given by a lawyer' },
  ART26_EXPERIENCE_REQUIRED: {
    rule: 'Art 26',
    meaning: 'life-imprisonment, death-penalty and death-penalty-review matters need a lawyer with the set years of relevant practice',
  },
  LEGACY_NOTICE_NUMBER_TAKEN: {
    rule: null,
    meaning: 'an imported notice number is already filed for another case in its legacy numbering space',
  },
  LEGACY_NOTICE_NUMBER_UNREADABLE: { rule: null, meaning: 'an imported notice number prints no sequence number (its last run of digits)' },
  NOTICE_COUNTER_MISMATCH: { rule: 'Art 43', meaning: 'the notice counter belongs to another agency or year' },
  CASE_NOT_IN_PROGRESS: { rule: 'Art 46', meaning: 'no aid worker is assigned' },
  COMPLAINT_EXISTS: { rule: null, meaning: 'a complaint with this id is already recorded' },
  REPLACEMENT_REQUIRES_COMPLAINT: { rule: 'Art 55', meaning: 'the aid worker is changed on a complaint asking for it' },
  SAME_WORKER: { rule: 'Art 55', meaning: 'the replacement is the worker complained about' },
  // handling and closing
  NOT_ASSIGNED_WORKER: { rule: 'Art 46', meaning: 'only the assigned aid worker records handling and closes the case' },
  REVIEW_PENDING: { rule: 'Art 44', meaning: 'aid given before review cannot close until the review grants it' },
  HANDLING_REPORT_REQUIRED: { rule: 'Art 50', meaning: 'closing files a handling report with the legal documents' },
  LOSS_RECOVERED_INVALID: { rule: 'Art 50', meaning: 'economic loss recovered is a whole number of fen, zero or more' },
  CASE_CLOSED: { rule: 'Art 50', meaning: 'after closing only archiving and supervision follow' },
  CASE_TERMINATED: { rule: 'Art 48', meaning: 'after termination only an objection, archiving and supervision follow' },
  CASE_ARCHIVED: { rule: 'Art 50', meaning: 'an archived case takes only supervision records' },
  CASE_NOT_ENDED: { rule: 'Art 50', meaning: 'only a closed, terminated, refused or withdrawn case is archived' },
  NO_ACTIVE_AID: { rule: 'Art 48', meaning: 'termination ends aid that is being given' },
  TERMINATION_REASONS_REQUIRED: { rule: 'Art 48', meaning: 'a termination states its reasons' },
  DECEPTION_NEEDS_FINDING: { rule: 'Art 64', meaning: 'termination for deception is recorded through a deception finding with repayment' },
  FINE_EXCEEDS_CAP: { rule: 'Art 64', meaning: 'the fine exceeds the cap in force' },
  FRAUD_AMOUNT_INVALID: { rule: 'Art 64', meaning: 'repayment and fine are whole numbers of fen, zero or more' },
  // objection
  OBJECTION_EXISTS: { rule: null, meaning: 'an objection with this id is already recorded' },
  NOTHING_TO_OBJECT: { rule: 'Art 49', meaning: 'an objection is against a refusal or a termination in force' },
  OBJECTION_PENDING: { rule: 'Art 49', meaning: 'an objection is awaiting the justice bureau' },
  NO_OBJECTION_PENDING: { rule: 'Art 49', meaning: 'no objection with this id is awaiting a decision' },
  OBJECTION_REASONS_REQUIRED: { rule: 'Art 49', meaning: 'the justice bureau gives reasons' },
  CORRECTION_PENDING: { rule: 'Art 49', meaning: 'a correction order awaits the agency: it decides again before the case is archived' },
  NO_CORRECTION_PENDING: { rule: 'Art 49', meaning: 'no correction order against a termination awaits the agency' },
  NOT_THE_BUREAU_OVER_AGENCY: {
    rule: 'Art 49, Art 64',
    meaning:
      "objections are recorded and decided, and deception found and fined, only by the justice bureau that set up the case's agency (the registry's bureauOver)",
  },
  BUREAU_MISMATCH: {
    rule: 'Art 49, Art 64',
    meaning: "an objection or a deception finding names the justice bureau over the case's agency, or no bureau at all",
  },
  NO_BUREAU_OVER_AGENCY: { rule: 'Art 12', meaning: "the registry holds no justice bureau over the case's agency on the day" },
  // supervision
  NOTHING_TO_SUPERVISE: { rule: 'Art 59', meaning: 'quality records follow an assignment' },
  COMPLAINT_NOT_FOUND: { rule: 'Art 56', meaning: 'no such complaint is recorded on the case' },
  COMPLAINT_ALREADY_HANDLED: { rule: 'Art 56', meaning: 'the complaint has already been handled' },
  FILE_REVIEW_CASE_TYPE_UNKNOWN: { rule: 'Art 57', meaning: 'a review by items needs the case category, which names its type' },
  FILE_REVIEW_ITEM_NOT_OF_CASE_TYPE: {
    rule: 'Art 57',
    meaning: "a case-file review names only items of the quality standard of its case's type (seed 004)",
  },
  FILE_REVIEW_ITEM_OMITTED: { rule: 'Art 57', meaning: "a case-file review by items answers every item of its case's type" },
  FILE_REVIEW_ITEM_REPEATED: { rule: null, meaning: 'a case-file review answers each item once' },
  // consultation ledger
  CONSULTATION_EXISTS: { rule: null, meaning: 'the consultation is already in the ledger' },
  CONSULTATION_NOT_FOUND: { rule: null, meaning: 'no such consultation in the ledger' },
  ART23_NOT_TOLD_REASON_REQUIRED: {
    rule: 'Art 23',
    meaning: 'a consultation where the person was not told of the right to apply records why',
  },
  WORKSTATION_REQUIRED: { rule: 'Art 13', meaning: 'a consultation at a workstation names the workstation' },
  CONSULTATION_ALREADY_LINKED: { rule: 'Art 23', meaning: 'the consultation already led to an application' },
  // worker registry
  WORKER_EXISTS: { rule: null, meaning: 'an aid worker with this id is registered' },
  NOTHING_TO_UPDATE: { rule: null, meaning: 'the update changes nothing' },
  WORKER_ALREADY_INACTIVE: { rule: null, meaning: 'the aid worker is already inactive' },
  WORKER_ALREADY_ACTIVE: { rule: null, meaning: 'the aid worker is already active' },
  // duty lawyers
  DUTY_RECORD_EXISTS: { rule: null, meaning: 'the duty record is already open' },
  DUTY_RECORD_NOT_FOUND: { rule: null, meaning: 'no such duty record' },
  DUTY_RECORD_CLOSED: { rule: 'Art 30', meaning: 'the duty record is closed' },
  PLEA_SIGNING_STATION: {
    rule: 'Art 30',
    meaning: 'a plea agreement is signed before the procuratorate, at its or a detention-centre station (CPL Art 174)',
  },
  // the duty programme: stations, rotas, attendance, duty pay (Art 14, Art 30, Art 52; seeds 000, 003)
  DUTY_STATION_INVALID: {
    rule: 'Art 14',
    meaning: 'a duty station is a court, procuratorate or detention-centre workstation of the registry, open and placed under the agency',
  },
  DUTY_SHIFT_EXISTS: { rule: null, meaning: 'the duty shift is already planned' },
  DUTY_SHIFT_NOT_FOUND: { rule: null, meaning: 'no such duty shift' },
  DUTY_SHIFT_TIMES_INVALID: { rule: null, meaning: 'a shift ends after it starts, at most 24 hours later' },
  DUTY_SHIFT_LAWYERS_INVALID: { rule: 'Art 14', meaning: "a shift's lawyers are active aid workers of the registry, each named once" },
  NOT_ON_SHIFT: { rule: 'Art 14', meaning: "the lawyer is not on the shift's rota" },
  ALREADY_CHECKED_IN: { rule: null, meaning: 'the lawyer has already checked in to the shift' },
  ALREADY_CHECKED_OUT: { rule: null, meaning: 'the lawyer has already checked out of the shift' },
  NOT_CHECKED_IN: { rule: 'Art 14', meaning: 'the lawyer has not checked in to the shift (or checked in too late to count)' },
  DUTY_SHIFT_ENDED: { rule: 'Art 14', meaning: 'the shift has ended: a check-in after its end does not undo the absence' },
  DUTY_OUTSIDE_SHIFT: {
    rule: 'Art 30',
    meaning: "a duty record on a shift is opened while the shift runs and after the lawyer's check-in",
  },
  NO_ATTENDANCE_RULES: { rule: 'Art 14', meaning: "no duty attendance rules were in force on the shift's date" },
  DUTY_SHIFT_NOT_ENDED: { rule: 'Art 52', meaning: 'duty pay is approved once the shift has ended' },
  NO_DUTY_PAY_RATES: { rule: 'Art 52', meaning: "no duty pay rate table was in force on the shift's date" },
  DUTY_PAY_ALREADY_APPROVED: { rule: 'Art 52', meaning: "the lawyer's pay for the shift has already been approved" },
  DUTY_PAY_NOT_APPROVED: { rule: 'Art 52', meaning: 'duty pay is paid once approved' },
  DUTY_PAY_ALREADY_PAID: { rule: 'Art 52', meaning: "the lawyer's pay for the shift has already been paid" },
  DUTY_PAY_ABOVE_ASSESSMENT: { rule: 'Art 52', meaning: 'the approved duty pay exceeds what the rate table in force gives' },
  DUTY_PAY_REDUCTION_REASON_REQUIRED: { rule: 'Art 52', meaning: 'duty pay approved below the assessment says why' },
  // complaints about window staff and agencies (Art 55, Art 56; seed 002)
  COMPLAINT_SUBJECT_INVALID: {
    rule: 'Art 56',
    meaning:
      "a complaint is about the case's assigned lawyer, a registered staff member of its agency, or the agency or one of its stations",
  },
  // funding (Art 4, Art 52; earmarked funds 专款专用, seed 004)
  FUND_NOT_FOUND: { rule: 'Art 4', meaning: 'no allocation has been made to this fund' },
  FUND_OF_OTHER_AGENCY: { rule: 'Art 4', meaning: "a subsidy is paid from the case's own agency's funds" },
  FUND_ALLOCATION_EXCEEDED: { rule: 'Art 4', meaning: 'earmarked funds (专款专用): a fund never commits or pays beyond its allocation' },
  ALLOCATION_INVALID: { rule: 'Art 4', meaning: 'an allocation is a whole, positive number of fen' },
  SUBSIDY_ALREADY_COMMITTED: { rule: 'Art 4', meaning: "the case's subsidy is already committed on this fund" },
  NO_COMMITMENT: { rule: 'Art 4', meaning: "the fund holds no commitment for this case's subsidy" },
  SUBSIDY_CASE_NOT_CLOSED: { rule: 'Art 52', meaning: 'a subsidy is approved after the case is closed' },
  SUBSIDY_ALREADY_APPROVED: { rule: 'Art 52', meaning: "the case's subsidy has already been approved" },
  SUBSIDY_NOT_APPROVED: { rule: 'Art 52', meaning: 'a subsidy is paid once approved' },
  SUBSIDY_ALREADY_PAID: { rule: 'Art 52', meaning: "the case's subsidy has already been paid" },
  SUBSIDY_ABOVE_ASSESSMENT: { rule: 'Art 52', meaning: 'the approved subsidy exceeds what the rate table in force gives' },
  SUBSIDY_REDUCTION_REASON_REQUIRED: { rule: 'Art 52', meaning: 'a subsidy approved below the assessment says why' },
  NO_RATE_TABLE_IN_FORCE: { rule: 'Art 52', meaning: "no subsidy rate table was in force on the case's relevant date" },
  NO_RATE_FOR_CASE: { rule: 'Art 52', meaning: 'the rate table in force has no rate for this case type, form of aid and stage' },
  // organisation registry (Art 12 agencies set up by justice bureaus, Art 13 workstations of agencies)
  ORGANISATION_EXISTS: { rule: null, meaning: 'an organisation with this id is registered' },
  ORGANISATION_NOT_FOUND: { rule: null, meaning: 'no organisation is registered under this id' },
  ORGANISATION_ID_KIND_MISMATCH: { rule: null, meaning: "an organisation id's prefix names its kind (agency:…, justice-bureau:…)" },
  PARENT_KIND_NOT_ALLOWED: { rule: 'Art 12, Art 13', meaning: 'this kind of organisation does not sit under that kind of parent' },
  PARENT_NOT_FOUND: { rule: null, meaning: 'the parent is not registered' },
  PARENT_NOT_OPEN: { rule: 'Art 12, Art 13', meaning: 'the parent is not open on the date, or its closing or merger is already recorded' },
  DIVISION_LEVEL_MISMATCH: {
    rule: null,
    meaning: "a justice department's, city bureau's or county bureau's division code is of its own level (GB/T 2260)",
  },
  DIVISION_TAKEN: { rule: null, meaning: 'a division has one justice department or bureau at a time' },
  DIVISION_OUTSIDE_PARENT: { rule: null, meaning: "the division code lies outside its parent's division (GB/T 2260)" },
  ORGANISATION_ENDED: { rule: null, meaning: 'the organisation is closed or merged; only its history remains' },
  EFFECTIVE_DATE_OUT_OF_ORDER: { rule: null, meaning: "a change takes effect on or after the organisation's last recorded change" },
  MERGE_INTO_SELF: { rule: null, meaning: 'an organisation merges into another one' },
  MERGE_SUCCESSOR_NOT_OPEN: {
    rule: null,
    meaning: 'the successor is not open on the date, or its own closing or merger is already recorded',
  },
  MERGE_SUCCESSOR_KIND_MISMATCH: { rule: null, meaning: 'an organisation merges into one of its own kind' },
  ORGANISATION_HAS_OPEN_CHILDREN: {
    rule: 'Art 12, Art 13',
    meaning: 'what lies under an organisation is moved, merged or closed before it ends',
  },
  // transfer of a case to another agency, and telling the notifying authority (issue 19)
  TRANSFER_PENDING: { rule: null, meaning: 'a transfer of the case is awaiting the receiving agency' },
  NO_TRANSFER_PENDING: { rule: null, meaning: 'no transfer with this id is awaiting the receiving agency' },
  TRANSFER_TO_SELF: { rule: null, meaning: 'a case is transferred to another agency than the one holding it' },
  TRANSFER_AFTER_ASSIGNMENT: {
    rule: 'Art 55',
    meaning: 'a case with an assigned aid worker is not transferred: the worker is changed on a complaint, or the aid ends',
  },
  NOT_RECEIVING_AGENCY: { rule: null, meaning: 'only the receiving agency accepts or refuses a transfer' },
  NO_AUTHORITY_NOTICE: { rule: 'Art 36', meaning: 'no assignment was told to a notifying authority to acknowledge' },
  LAWYER_ALREADY_ACKNOWLEDGED: { rule: 'Art 36', meaning: 'the authority has acknowledged the assigned lawyer already' },
  NOT_NOTIFYING_AUTHORITY: { rule: 'Art 36', meaning: 'only the authority that notified the defence acknowledges the assigned lawyer' },
  // the workstation tier (issue 19 point 3): a station's preliminary opinion, the agency's decision
  NOT_TAKEN_AT_STATION: { rule: 'Art 13', meaning: 'only an application taken at a workstation has a preliminary opinion' },
  OTHER_STATION: { rule: 'Art 13', meaning: 'a workstation acts only on the applications it took' },
  OPINION_ALREADY_GIVEN: { rule: 'Art 13', meaning: 'the station gives one preliminary opinion on an application' },
  STATION_NOT_OF_AGENCY: {
    rule: 'Art 13',
    meaning: "an application names a station that is a workstation under the receiving agency (the station's agency decides)",
  },
  // cooperation between agencies (issue 19, domain/cooperation)
  COOPERATION_EXISTS: { rule: null, meaning: 'a cooperation request with this id is already recorded' },
  COOPERATION_NOT_FOUND: { rule: null, meaning: 'no such cooperation request' },
  COOPERATION_WITH_SELF: { rule: null, meaning: 'cooperation is asked of another agency' },
  DUE_DATE_PASSED: { rule: null, meaning: 'a cooperation request is due after it is made' },
  NOT_ASKED_AGENCY: { rule: null, meaning: 'only the agency asked answers or completes a cooperation request' },
  COOPERATION_ANSWERED: { rule: null, meaning: 'the cooperation request has already been answered' },
  COOPERATION_NOT_ACCEPTED: { rule: null, meaning: 'a cooperation task is completed after it is accepted' },
  // the service standard (规范服务达标, seed 002; workstations, seed 003; domain/standard)
  ASSESSMENT_EXISTS: { rule: null, meaning: "the organisation's assessment of this year is already open" },
  ASSESSMENT_NOT_FOUND: { rule: null, meaning: 'no such service assessment' },
  ASSESSMENT_YEAR_INVALID: { rule: null, meaning: 'a year is assessed once it has begun' },
  NOT_ASSESSABLE: {
    rule: 'seed 002, seed 003',
    meaning: 'the service standard assesses legal-aid agencies and workstations open in the registry',
  },
  NO_SERVICE_STANDARD: { rule: 'seed 002', meaning: 'no service standard for this kind of organisation was in force on the day' },
  UNKNOWN_STANDARD_ITEM: { rule: 'seed 002', meaning: 'an item scored is no item of the standard, or is scored twice' },
  STANDARD_ITEM_MISSING: { rule: 'seed 002', meaning: 'every item of the standard is scored' },
  POINTS_OVER_MAXIMUM: { rule: 'seed 002', meaning: "an item scores at most the item's points" },
  UNKNOWN_DEDUCTION: { rule: 'seed 002', meaning: "a deduction is one of the item's deduction rules" },
  ALREADY_SELF_ASSESSED: { rule: null, meaning: 'the organisation has self-assessed this year already' },
  SELF_ASSESSMENT_REQUIRED: { rule: 'seed 002', meaning: "the standard inspects after the organisation's self-assessment (自查报告)" },
  NOT_UNDER_INSPECTOR: { rule: 'seed 002', meaning: 'an assessment is inspected by a justice bureau the organisation lies under' },
  ALREADY_INSPECTED: { rule: 'seed 002', meaning: "the organisation's year has been inspected: one inspection per year" },
  MODEL_STATION_BELOW_MARK: { rule: 'seed 003', meaning: "a model station (示范点) passes and reaches the standard's model mark" },
  MODEL_STATION_NOT_WORKSTATION: { rule: 'seed 003', meaning: 'only a workstation is found a model station' },
  // erasure of personal data (domain/privacy/erasure.ts)
  RECORD_NOT_FOUND: { rule: null, meaning: 'no such record to erase' },
  RETENTION_NOT_ENDED: {
    rule: 'PIPL Art 19, Art 47(1)',
    meaning: "the record's retention period has not ended and the legal basis named allows no earlier erasure for its kind",
  },
  LAW_REQUIRES_KEEPING: {
    rule: 'PIPL Art 47(2)',
    meaning: 'a law requires the record kept: only storing and protecting it remain allowed, not erasing it',
  },
  ALREADY_ERASED: { rule: 'PIPL Art 47', meaning: "the record's personal data is already erased" },
  RECORD_ERASED: { rule: 'PIPL Art 47', meaning: "the record's personal data was erased: it takes no further commands" },
} as const satisfies Record<string, { rule: string | null; meaning: string }>;

export type DomainErrorCode = keyof typeof domainErrorCodes;

/**
 * Refusals of a field the command must fill (absent or blank, `requireText`): the same rule as a
 * field its schema requires, so the API answers both alike (400, README "Errors"). The rest are
 * refusals of what the record's state or the law allows (409).
 */
export const fieldRequiredCodes: ReadonlySet<DomainErrorCode> = new Set<DomainErrorCode>([
  'PROVINCE_REQUIRED',
  'WAIVER_PROOF_REQUIRED',
  'LEGAL_BASIS_REQUIRED',
  'REFUSAL_REASONS_REQUIRED',
  'HANDLING_REPORT_REQUIRED',
  'TERMINATION_REASONS_REQUIRED',
  'OBJECTION_REASONS_REQUIRED',
  'ART23_NOT_TOLD_REASON_REQUIRED',
  'WORKSTATION_REQUIRED',
  'SUBSIDY_REDUCTION_REASON_REQUIRED',
]);

/** The refusal for `code`, carrying the rule from the table so a code and its article never drift apart. */
export const refuse = (code: DomainErrorCode, reason: string, field: string | null = null): DomainError =>
  new DomainError(code, reason, { rule: domainErrorCodes[code].rule, field });
