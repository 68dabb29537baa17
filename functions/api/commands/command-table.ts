import type * as z from 'zod';
import { lateEntryReasons, lateEntryReasonSchema } from '../../../events/late-entry-reasons.ts';
import { caseCommandSchemas, assignmentCommandSchemas, type CaseCommandType } from '../../../domain/case/commands.ts';
import { consultationCommandSchemas } from '../../../domain/consultation/commands.ts';
import { dutyCommandSchemas } from '../../../domain/duty/commands.ts';
import { dutyProgrammeCommandSchemas } from '../../../domain/duty/programme-commands.ts';
import { fundingCommandSchemas } from '../../../domain/funding/commands.ts';
import { organisationCommandSchemas } from '../../../domain/organisation/commands.ts';
import { workerCommandSchemas } from '../../../domain/worker/commands.ts';
import { erasureCommandSchemas } from '../../../domain/privacy/commands.ts';
import { cooperationCommandSchemas } from '../../../domain/cooperation/commands.ts';
import { serviceStandardCommandSchemas } from '../../../domain/standard/commands.ts';
import { isoTimeSchema } from '../../../events/catalogue/vocabulary.ts';
import type { Role } from '../../lib/auth/roles.ts';

// Every command of the API as data: its resource-style path, the command it issues, who may issue it
// and the body it takes (derived from the command's own zod schema). The route table, the OpenAPI
// document and the command Lambda all read this one list.

/** Which stream a command acts on, and whether it opens that stream. */
export type CommandTarget =
  | 'open-case'
  | 'case'
  | 'assignment'
  | 'open-consultation'
  | 'consultation'
  | 'open-duty'
  | 'duty'
  | 'open-worker'
  | 'worker'
  // Funding (functions/api/commands/funding.ts): a fund stream; a case's subsidy stream with its fund(s).
  | 'fund-allocation'
  | 'subsidy-approval'
  | 'subsidy-payment'
  // The organisation registry (functions/api/commands/organisations.ts): one organisation's stream and the registry's index.
  | 'open-organisation'
  | 'organisation'
  // Erasure of a record's personal data (functions/api/commands/erasure.ts): the record's own stream, then its key.
  | 'erasure'
  // The duty programme (functions/api/commands/duty-programme.ts): a shift's stream; a lawyer's pay for it with its fund.
  | 'open-duty-shift'
  | 'duty-shift'
  | 'duty-pay-approval'
  | 'duty-pay-payment'
  // Cooperation between agencies (functions/api/commands/cooperation.ts): the request's stream and both agencies' indexes.
  | 'open-cooperation'
  | 'cooperation'
  // The service standard (functions/api/commands/service-standard.ts): an organisation's assessment of a year.
  | 'open-service-assessment'
  | 'service-assessment';

export type CommandSpec = {
  path: string;
  command: string;
  target: CommandTarget;
  roles: readonly Role[];
  body: z.ZodType;
  summary: string;
  /**
   * The body field that says when an opening happened (a receipt, a consultation): it is the
   * command's business time, so a backdated one is a late entry like any other `occurredAt`.
   */
  timeField?: string;
  /** Where the OpenAPI document groups it; by default with the cases. */
  tag?: 'organisations' | 'audit';
};

const authorities = ['court', 'procuratorate', 'police'] as const satisfies readonly Role[];
const reviewer = ['agency-reviewer'] as const satisfies readonly Role[];
const lawyer = ['aid-worker'] as const satisfies readonly Role[];
const supervisor = ['supervisor'] as const satisfies readonly Role[];
/**
 * The justice bureau that set up the agency records and decides objections and finds deception (Art
 * 49, Art 64); its staff act as administrators here. The role admits any administrator; the command
 * path (functions/lib/auth/bureau-powers.ts) then admits only the bureau over the case's agency.
 */
const bureau = ['administrator'] as const satisfies readonly Role[];
/** The registry is kept by the administrators of justice bodies; which ones may change what is the target's check. */
const registryKeepers = ['administrator'] as const satisfies readonly Role[];

/** A body that may name the justice bureau, or leave it to the registry; naming another is refused. */
const namingBureau = <S extends z.ZodObject>(schema: S) =>
  (schema as z.ZodObject).extend({ justiceBureauId: (schema as z.ZodObject).shape.justiceBureauId!.optional() });

const optionalTime = isoTimeSchema.optional();

/** A body that opens a stream: the server names the stream (from the Idempotency-Key) and may default the time. */
const openingBody = <S extends z.ZodObject>(schema: S, idField: string, timeField: string | null, serverFields: string[] = []) => {
  const omit = Object.fromEntries([idField, ...(timeField ? [timeField] : []), ...serverFields].map((f) => [f, true]));
  const base = schema.omit(omit as never) as z.ZodObject;
  return timeField ? base.extend({ [timeField]: optionalTime }) : base;
};

const caseCmd = (path: string, command: CaseCommandType, roles: readonly Role[], summary: string): CommandSpec => ({
  path: `/cases/{id}/${path}`,
  command,
  target: 'case',
  roles,
  body: caseCommandSchemas[command],
  summary,
});

const commands: readonly CommandSpec[] = [
  // Starting a case (Art 24-39).
  {
    path: '/applications',
    command: 'ReceiveApplication',
    timeField: 'receivedAt',
    target: 'open-case',
    roles: [...reviewer, 'workstation-clerk'],
    body: openingBody(caseCommandSchemas.ReceiveApplication, 'caseId', 'receivedAt'),
    summary:
      "Receive an application for legal aid at an agency window, township workstation or online (Art 24, 29, 31, 33, 38); a workstation clerk names its own station and the station's agency",
  },
  {
    path: '/forwarded-applications',
    command: 'ReceiveForwardedApplication',
    timeField: 'receivedAt',
    target: 'open-case',
    roles: ['detention-centre', ...authorities, 'duty-lawyer'],
    body: openingBody(caseCommandSchemas.ReceiveForwardedApplication, 'caseId', 'receivedAt'),
    summary:
      'An application forwarded for a detained person by a detention centre, handling authority or duty lawyer (Art 39: within 24 hours)',
  },
  {
    path: '/defence-notifications',
    command: 'ReceiveDefenceNotification',
    timeField: 'receivedAt',
    target: 'open-case',
    roles: authorities,
    body: openingBody(caseCommandSchemas.ReceiveDefenceNotification, 'caseId', 'receivedAt'),
    summary: 'Notified defence from a court, procuratorate or police (Art 25, 28, 36)',
  },
  // Review (Art 32, 34, 41-44).
  caseCmd('materials-requests', 'RequestMaterials', reviewer, 'Ask for every missing material at once; the review clock waits (Art 43)'),
  caseCmd('materials', 'SupplyMaterials', reviewer, 'Record materials the applicant supplied'),
  caseCmd('means-assessment', 'AssessMeans', reviewer, 'Means test by integrity pledge or data-sharing query (Art 34, 41)'),
  caseCmd('means-test-exemption', 'ExemptFromMeansTest', reviewer, 'No means test on an Art 32 ground'),
  caseCmd('means-check-waiver', 'WaiveMeansCheck', reviewer, 'Means check waived with proof (Art 42, local waivers)'),
  caseCmd('aid-before-review', 'ProvideAidBeforeReview', reviewer, 'Aid before the review ends (Art 44)'),
  caseCmd('grant', 'GrantAid', reviewer, 'Grant aid, with its legal basis (Art 43)'),
  caseCmd('refusal', 'RefuseAid', reviewer, 'Refuse aid, with its legal basis and written reasons (Art 43)'),
  caseCmd('withdrawal', 'WithdrawApplication', reviewer, 'The applicant withdraws'),
  caseCmd(
    'deemed-withdrawal',
    'TreatApplicationAsWithdrawn',
    reviewer,
    'Requested materials never came: the application is taken as withdrawn (Art 43)',
  ),
  // The workstation tier (issue 19): the station that took the application gives its opinion; the agency decides.
  caseCmd(
    'preliminary-opinion',
    'GivePreliminaryOpinion',
    ['workstation-clerk'],
    "The clerk of the station that took the application recommends grant or refusal with reasons (初审意见); the station's agency decides",
  ),
  // Assignment (Art 26, 36, 43, 55-56): numbered notices.
  {
    path: '/cases/{id}/assignment',
    command: 'AssignAidWorker',
    target: 'assignment',
    roles: reviewer,
    body: assignmentCommandSchemas.AssignAidWorker,
    summary: 'Assign an aid worker under the next assignment-notice number of the agency and year (Art 26, 36, 43)',
  },
  {
    path: '/cases/{id}/replacement',
    command: 'ReplaceAidWorker',
    target: 'assignment',
    roles: reviewer,
    body: assignmentCommandSchemas.ReplaceAidWorker,
    summary: 'Replace the aid worker after a complaint, under a new notice number (Art 55-56)',
  },
  caseCmd(
    'complaints',
    'LodgeComplaint',
    reviewer,
    "Record the aided person's complaint about the aid worker (Art 55), or with `about` about a staff member of the agency (a window clerk, by aid-worker id) or the agency or one of its stations (Art 56, seed 002)",
  ),
  // Handling (Art 46).
  caseCmd('meetings', 'RecordClientMeeting', lawyer, 'A meeting with the aided person (会见)'),
  caseCmd('file-readings', 'RecordFileReading', lawyer, 'Reading the case file (阅卷)'),
  caseCmd('hearings', 'RecordHearingAttendance', lawyer, 'A hearing attended (出庭)'),
  caseCmd('progress-reports', 'ReportProgress', lawyer, 'Progress reported to the aided person (Art 46)'),
  // Closing, termination, archiving (Art 48, 50, 64).
  caseCmd('closing', 'CloseCase', lawyer, 'Close the case with its outcome, the documents filed and the loss recovered (Art 50)'),
  caseCmd('termination', 'TerminateAid', reviewer, 'End aid on an Art 48 ground'),
  {
    ...caseCmd(
      'deception-finding',
      'RecordDeceptionFinding',
      bureau,
      "Aid obtained by deception: repayment and fine, by the justice bureau over the case's agency only (Art 64)",
    ),
    body: namingBureau(caseCommandSchemas.RecordDeceptionFinding),
  },
  caseCmd('archiving', 'ArchiveCase', reviewer, 'Archive a closed or terminated case'),
  // Objection (Art 49): lodged with the bureau over the agency, or handed in at the agency and passed on.
  {
    ...caseCmd(
      'objections',
      'LodgeObjection',
      bureau,
      "The justice bureau over the case's agency records an objection lodged with it against a refusal or termination (Art 49)",
    ),
    body: namingBureau(caseCommandSchemas.LodgeObjection),
  },
  {
    ...caseCmd(
      'objection-transmittals',
      'TransmitObjection',
      reviewer,
      'The agency passes on to its justice bureau an objection the applicant handed in there; the 5 days run from now (Art 49)',
    ),
    body: caseCommandSchemas.TransmitObjection.omit({ justiceBureauId: true }),
  },
  caseCmd(
    'objection-decision',
    'DecideObjection',
    bureau,
    "The decision of the justice bureau over the case's agency: uphold, or order the agency to correct, within 5 days (Art 49)",
  ),
  caseCmd(
    'reinstatement',
    'ReinstateAid',
    reviewer,
    'After a correction order against a termination the agency takes the aid up again (or terminates anew on a ground) (Art 49)',
  ),
  // Transfer of a case to another agency (issue 19): the holder asks, the receiver accepts or refuses (docs/transfers.md).
  caseCmd(
    'transfers',
    'RequestTransfer',
    reviewer,
    'Ask another legal-aid agency to take the case (not competent, the person moved, a conflict of interest)',
  ),
  caseCmd(
    'transfer-acceptance',
    'AcceptTransfer',
    reviewer,
    'The receiving agency takes the case: from now on it acts and numbers its notices',
  ),
  caseCmd(
    'transfer-refusal',
    'RefuseTransfer',
    reviewer,
    'The receiving agency refuses the transfer with reasons: the case stays with the sender',
  ),
  // Art 36: the notifying authority reads and acknowledges the lawyer assigned.
  caseCmd(
    'assigned-lawyer-acknowledgement',
    'AcknowledgeAssignedLawyer',
    authorities,
    'The notifying court, procuratorate or police office acknowledges the assigned lawyer it was told of (Art 36)',
  ),
  // Cooperation between agencies (issue 19): A asks B to do a task in B's area; B accepts, declines or completes it.
  {
    path: '/cooperation-requests',
    command: 'RequestCooperation',
    target: 'open-cooperation',
    roles: reviewer,
    body: cooperationCommandSchemas.RequestCooperation.omit({ cooperationId: true }).extend({
      caseId: cooperationCommandSchemas.RequestCooperation.shape.caseId.optional(),
    }),
    summary:
      'Ask another agency to do a task in its area (meet a detained person, serve documents, collect evidence, attend a hearing) by a due date',
  },
  ...(
    [
      ['acceptance', 'AcceptCooperation', 'The asked agency accepts the task'],
      ['declining', 'DeclineCooperation', 'The asked agency declines the task, with reasons'],
      ['completion', 'CompleteCooperation', 'The asked agency records the task done'],
    ] as const
  ).map(
    ([path, command, summary]): CommandSpec => ({
      path: `/cooperation-requests/{id}/${path}`,
      command,
      target: 'cooperation',
      roles: reviewer,
      body: cooperationCommandSchemas[command],
      summary,
    }),
  ),
  // The service standard (规范服务达标, seed 002; workstations, seed 003; docs/service-standard.md).
  {
    path: '/service-assessments',
    command: 'OpenServiceAssessment',
    target: 'open-service-assessment',
    roles: ['administrator'],
    body: serviceStandardCommandSchemas.OpenServiceAssessment.omit({ assessmentId: true }).extend({
      items: serviceStandardCommandSchemas.SelfAssessService.shape.items.optional(),
    }),
    summary:
      "An agency opens its own or a workstation's assessment of a year against the service standard in force, with its self-assessment (自查: a score and evidence per item) or without",
  },
  {
    path: '/service-assessments/{id}/self-assessment',
    command: 'SelfAssessService',
    target: 'service-assessment',
    roles: ['administrator'],
    body: serviceStandardCommandSchemas.SelfAssessService,
    summary: "The agency's self-assessment (自查) of the year: a score within its points and evidence for every item of the standard",
  },
  {
    path: '/service-assessments/{id}/inspection',
    command: 'InspectService',
    target: 'service-assessment',
    roles: ['administrator'],
    body: serviceStandardCommandSchemas.InspectService,
    summary:
      "A justice bureau above the organisation inspects its year: deductions by the standard's rules with reasons and evidence per item; the scores, total and pass or fail follow (a workstation may be found a model station)",
  },
  // Quality supervision (Art 56, 57, 59).
  caseCmd('supervision/hearing-observations', 'RecordHearingObservation', supervisor, 'Court-hearing observation (庭审旁听)'),
  caseCmd('supervision/file-reviews', 'RecordCaseFileReview', supervisor, 'Case-file review (案卷检查), scored'),
  caseCmd('supervision/authority-opinions', 'RecordAuthorityOpinion', supervisor, "The handling authority's opinion (征询办案机关意见)"),
  caseCmd('supervision/follow-ups', 'RecordFollowUp', supervisor, 'Follow-up with the aided person and their satisfaction (受援人回访)'),
  caseCmd('supervision/peer-reviews', 'RecordPeerReview', supervisor, 'Peer review (同行评估)'),
  caseCmd('supervision/complaint-handling', 'RecordComplaintHandling', supervisor, 'How a complaint was handled'),
  // Consultation ledger (Art 23).
  {
    path: '/consultations',
    command: 'RecordConsultation',
    timeField: 'consultedAt',
    target: 'open-consultation',
    roles: ['agency-reviewer', 'duty-lawyer', 'workstation-clerk'],
    body: openingBody(consultationCommandSchemas.RecordConsultation, 'consultationId', 'consultedAt'),
    summary: 'Record a consultation in the ledger (咨询台账, Art 23)',
  },
  {
    path: '/consultations/{id}/application-link',
    command: 'LinkConsultationToApplication',
    target: 'consultation',
    roles: reviewer,
    body: consultationCommandSchemas.LinkConsultationToApplication,
    summary: 'The consultation led to an application',
  },
  // Duty-lawyer services (Art 30).
  {
    path: '/duty-records',
    command: 'OpenDutyRecord',
    timeField: 'openedAt',
    target: 'open-duty',
    roles: ['duty-lawyer'],
    body: openingBody(dutyCommandSchemas.OpenDutyRecord, 'dutyId', 'openedAt'),
    summary: 'Open a duty-lawyer record at a court, procuratorate or detention-centre workstation (Art 30)',
  },
  ...(
    [
      ['consultations', 'GiveDutyConsultation', 'Legal consultation'],
      ['procedure-advice', 'GiveProcedureAdvice', 'Advice on procedure'],
      ['measure-change-requests', 'RequestMeasureChange', 'A request for bail or a change of compulsory measure'],
      ['opinions', 'SubmitDutyOpinion', 'An opinion submitted to the handling authority'],
      ['plea-signings', 'AttendPleaSigning', 'Presence at the signing of a plea agreement (认罪认罚具结书)'],
      ['closing', 'CloseDutyRecord', 'Close the duty record'],
    ] as const
  ).map(
    ([path, command, summary]): CommandSpec => ({
      path: `/duty-records/{id}/${path}`,
      command,
      target: 'duty',
      roles: ['duty-lawyer'],
      body: dutyCommandSchemas[command],
      summary,
    }),
  ),
  // The duty programme (Art 14, Art 30, Art 52; seeds 000 值班按时到位, 003 轮流值班制): rotas of shifts at
  // the registry's stations, attendance, duty pay from the agency's funds.
  {
    path: '/duty-shifts',
    command: 'PlanDutyShift',
    target: 'open-duty-shift',
    roles: reviewer,
    body: dutyProgrammeCommandSchemas.PlanDutyShift,
    summary:
      "Plan a shift of a station's rota (轮流值班制): a court, procuratorate or detention-centre workstation of the agency in the registry, start and end, the duty lawyers (active aid workers of the registry, of firms among them)",
  },
  {
    path: '/duty-shifts/{id}/check-in',
    command: 'CheckInToShift',
    target: 'duty-shift',
    roles: ['duty-lawyer'],
    body: dutyProgrammeCommandSchemas.CheckInToShift,
    summary:
      "A duty lawyer on the rota checks in (值班按时到位): on time, late or absent by the attendance rules in force on the shift's date",
  },
  {
    path: '/duty-shifts/{id}/check-out',
    command: 'CheckOutOfShift',
    target: 'duty-shift',
    roles: ['duty-lawyer'],
    body: dutyProgrammeCommandSchemas.CheckOutOfShift,
    summary: 'A duty lawyer checks out of the shift, with how many minutes before its end',
  },
  {
    path: '/duty-shifts/{id}/pay/approval',
    command: 'ApproveDutyPay',
    target: 'duty-pay-approval',
    roles: ['finance'],
    body: dutyProgrammeCommandSchemas.ApproveDutyPay,
    summary:
      "Approve a lawyer's pay for an ended shift as the duty pay rate table in force on its date assesses it (per shift attended, per service given in its hours), or less with a reason, committing it on a fund of the agency; refused beyond the fund's allocation",
  },
  {
    path: '/duty-shifts/{id}/pay/payment',
    command: 'PayDutyPay',
    target: 'duty-pay-payment',
    roles: ['finance'],
    body: dutyProgrammeCommandSchemas.PayDutyPay,
    summary:
      "Pay a lawyer's approved duty pay from the fund it is committed on; never beyond the fund's allocation (409 FUND_ALLOCATION_EXCEEDED)",
  },
  // Aid-worker registry.
  {
    path: '/workers',
    command: 'RegisterAidWorker',
    target: 'open-worker',
    roles: ['administrator'],
    body: workerCommandSchemas.RegisterAidWorker,
    summary: 'Register a lawyer or grassroots legal worker with licence and relevant experience',
  },
  {
    path: '/workers/{id}/details',
    command: 'UpdateAidWorker',
    target: 'worker',
    roles: ['administrator'],
    body: workerCommandSchemas.UpdateAidWorker,
    summary: "Update an aid worker's details",
  },
  {
    path: '/workers/{id}/deactivation',
    command: 'DeactivateAidWorker',
    target: 'worker',
    roles: ['administrator'],
    body: workerCommandSchemas.DeactivateAidWorker,
    summary: 'Deactivate an aid worker',
  },
  {
    path: '/workers/{id}/reactivation',
    command: 'ReactivateAidWorker',
    target: 'worker',
    roles: ['administrator'],
    body: workerCommandSchemas.ReactivateAidWorker,
    summary: 'Reactivate an aid worker',
  },
  // Funding (Art 4, Art 52): earmarked funds, subsidies of closed cases. Role: finance of the agency.
  {
    path: '/funds/allocations',
    command: 'AllocateFund',
    target: 'fund-allocation',
    roles: ['finance'],
    body: fundingCommandSchemas.AllocateFund,
    summary:
      'Allocate money to a fund of the agency (budget year and source: local budget, provincial fund, central lottery-fund project 中央专项彩票公益金); allocations add up',
  },
  {
    path: '/cases/{id}/subsidy/approval',
    command: 'ApproveSubsidy',
    target: 'subsidy-approval',
    roles: ['finance'],
    body: fundingCommandSchemas.ApproveSubsidy,
    summary:
      "Approve the subsidy of a closed case as the rate table in force on its relevant date assesses it (or less, with a reason), committing it on a named fund; refused beyond the fund's allocation",
  },
  {
    path: '/cases/{id}/subsidy/payment',
    command: 'PaySubsidy',
    target: 'subsidy-payment',
    roles: ['finance'],
    body: fundingCommandSchemas.PaySubsidy,
    summary: 'Pay the approved subsidy from a named fund; a fund never pays beyond its allocation (409 FUND_ALLOCATION_EXCEEDED)',
  },
  // Erasure (PIPL Art 47, docs/erasure.md). Role: an administrator of the bureau over the record's
  // agency (checked on the registry by the target), who approves it.
  {
    path: '/personal-data/erasures',
    command: 'ErasePersonalData',
    target: 'erasure',
    roles: bureau,
    body: erasureCommandSchemas.ErasePersonalData,
    tag: 'audit',
    summary:
      "Erase a record's personal data once its retention has ended (or on a basis that allows it earlier): records PersonalDataErased on the record with the basis and the approver, then destroys the record's data key; 503 ERASURE_INCOMPLETE if the key could not be destroyed (retry completes it)",
  },
  // The organisation registry (docs/organisations.md). Role: an administrator of a justice
  // department or bureau, over what lies under it on the date the change takes effect.
  {
    path: '/organisations',
    command: 'RegisterOrganisation',
    target: 'open-organisation',
    roles: registryKeepers,
    body: organisationCommandSchemas.RegisterOrganisation,
    tag: 'organisations',
    summary:
      "Register an organisation (its id, kind, name, parent, GB/T 2260 code, the day it opens, contacts) under a parent that lies under the caller's bureau",
  },
  ...(
    [
      ['renaming', 'RenameOrganisation', 'Rename an organisation from a date'],
      ['move', 'MoveOrganisation', "Place an organisation under another parent from a date (old and new parent under the caller's bureau)"],
      ['merger', 'MergeOrganisation', 'Merge an organisation into a successor of its kind from a date: its records pass to the successor'],
      ['closing', 'CloseOrganisation', 'Close an organisation from a date (nothing may lie under it then or later)'],
      ['contacts', 'ChangeOrganisationContacts', "Replace an organisation's public contacts from a date"],
    ] as const
  ).map(
    ([path, command, summary]): CommandSpec => ({
      path: `/organisations/{id}/${path}`,
      command,
      target: 'organisation',
      roles: registryKeepers,
      body: organisationCommandSchemas[command],
      tag: 'organisations',
      summary,
    }),
  ),
];

/**
 * The commands that record something that happened in the world, so may say when it did. The
 * registry's commands carry their own effective dates, and an erasure happens when it is done.
 */
const takesBusinessTime = (target: CommandTarget) => !['open-organisation', 'organisation', 'erasure'].includes(target);

/** When it happened, and why it is entered only now (domain/time/business-time.ts); the request path takes both off the body. */
export const businessTimeFields = {
  occurredAt: optionalTime.describe(
    'When it happened (ISO time with offset); by default, now. Earlier than now: a late entry, which needs lateEntryReason',
  ),
  lateEntryReason: lateEntryReasonSchema.optional().describe(
    `Why a record is entered late, as a code (never free text: it is not sealed): ${Object.entries(lateEntryReasons)
      .map(([code, meaning]) => `${code} (${meaning})`)
      .join('; ')}`,
  ),
};

export const commandTable: readonly CommandSpec[] = commands.map((spec) =>
  takesBusinessTime(spec.target) ? { ...spec, body: (spec.body as z.ZodObject).extend(businessTimeFields) } : spec,
);
