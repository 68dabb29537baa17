import { itemsOf, serviceStandardFor } from '../../domain/standard/service-standard.ts';
import { applicationBody } from './fixtures.ts';

// A valid body for every command of the API, for tests that need the request to get past schema
// validation (the authorization matrix, the fuzz test's near-valid mutations). Test data only: the
// identity numbers, phones and addresses are fictitious. `validBody` throws for a command it does
// not know, so a new command fails the tests that use it until a body is added here.

const iso = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();
const HOUR = 3_600_000;

export type BodyContext = {
  /** The caller's organisation, for bodies that must name it. */
  org: string;
  /** The agency a new case or record is for. */
  agencyId: string;
  workerId: string;
};

// No province in the opening bodies: the registry gives the agency's, so a body fits an agency of any province.
const { channel: _channel, province: _p1, ...forwardedBase } = applicationBody({ category: 'criminal', formOfAid: 'criminal-defence' });
const { province: _p2, ...applicationBase } = applicationBody();

const agencyStandard = () => serviceStandardFor('agency', null, iso())!;
const fullMarks = () => itemsOf(agencyStandard()).map((i) => ({ itemId: i.id, score: i.maxPoints, evidence: ['自查报告'] }));

const bodies: Record<string, (c: BodyContext) => Record<string, unknown>> = {
  ReceiveApplication: (c) => ({ ...applicationBase, agencyId: c.agencyId }),
  ReceiveForwardedApplication: (c) => ({
    ...forwardedBase,
    agencyId: c.agencyId,
    forwarder: { kind: 'detention-centre', organisationId: c.org },
    receivedByForwarderAt: iso(10 * HOUR),
    forwardedAt: iso(2 * HOUR),
  }),
  ReceiveDefenceNotification: (c) => ({
    agencyId: c.agencyId,
    authority: { kind: 'court', organisationId: c.org },
    authorityReference: '(2026)浙0106刑初123号',
    ground: 'minor',
    stage: 'trial',
    defendant: { name: '小明', identityNumber: '330106200901011234', phone: '13900001111', address: '杭州市西湖区天目山路 2 号' },
    charge: '盗窃',
    foundAt: iso(30 * HOUR),
  }),
  RequestMaterials: () => ({ items: ['收入证明'] }),
  SupplyMaterials: () => ({ items: ['收入证明'], suppliedAt: iso() }),
  AssessMeans: () => ({ method: 'integrity-pledge', result: 'within-standard', reference: null }),
  ExemptFromMeansTest: () => ({ ground: 'good-samaritan-claim', note: '见义勇为' }),
  WaiveMeansCheck: () => ({ ground: { kind: 'art42', item: 'migrant-worker-wages-or-work-injury' }, proof: ['劳动合同'] }),
  ProvideAidBeforeReview: () => ({ trigger: { kind: 'other-by-law', basis: '《法律援助法》第四十四条' } }),
  GrantAid: () => ({ legalBasis: '《法律援助法》第四十三条' }),
  RefuseAid: () => ({ legalBasis: '《法律援助法》第三十四条', reasons: '收入超过标准' }),
  WithdrawApplication: () => ({ note: '申请人撤回' }),
  TreatApplicationAsWithdrawn: () => ({}),
  AssignAidWorker: (c) => ({ workerId: c.workerId }),
  ReplaceAidWorker: (c) => ({ workerId: c.workerId, complaintId: 'complaint-1' }),
  LodgeComplaint: () => ({ complaintId: 'complaint-1', summary: '要求更换律师', requestsChangeOfWorker: true, lodgedAt: iso() }),
  RecordClientMeeting: () => ({ at: iso(), summary: '会见', place: '律师事务所' }),
  RecordFileReading: () => ({ at: iso(), summary: '阅卷', authorityId: 'court:hz-xihu' }),
  RecordHearingAttendance: () => ({ at: iso(), summary: '出庭', courtId: 'court:hz-xihu' }),
  ReportProgress: () => ({ at: iso(), summary: '告知进展', method: 'phone' }),
  CloseCase: () => ({
    outcome: 'judgment-or-ruling',
    summary: '结案',
    documents: [{ kind: 'handling-report', title: '结案报告' }],
    economicLossRecoveredFen: 0,
    closedAt: iso(),
  }),
  TerminateAid: () => ({ ground: 'own-lawyer-retained', reasons: '自行委托律师', legalBasis: '《法律援助法》第四十八条' }),
  // The justice bureau of a finding or an objection is the registry's (bureauOver the case's agency): the body leaves it out.
  RecordDeceptionFinding: () => ({ findings: '隐瞒收入', repaymentDueFen: 100, fineFen: 100 }),
  ArchiveCase: () => ({ fileNumber: '2026-XH-0001' }),
  LodgeObjection: () => ({
    objectionId: 'obj-1',
    against: 'refusal',
    grounds: '收入计算有误',
    lodgedAt: iso(),
  }),
  TransmitObjection: () => ({ objectionId: 'obj-1', against: 'refusal', grounds: '收入计算有误', receivedAt: iso() }),
  DecideObjection: () => ({ objectionId: 'obj-1', decision: 'upheld', reasons: '维持' }),
  ReinstateAid: () => ({}),
  RecordHearingObservation: () => ({ at: iso(), remarks: '辩论充分', courtId: 'court:hz-xihu', score: 90 }),
  RecordCaseFileReview: () => ({ at: iso(), remarks: '案卷完整', deductions: [] }),
  RecordAuthorityOpinion: () => ({ at: iso(), remarks: '满意', authorityId: 'court:hz-xihu', rating: 'satisfied' }),
  RecordFollowUp: () => ({ at: iso(), remarks: '回访', method: 'phone', satisfaction: 'satisfied' }),
  RecordPeerReview: () => ({ at: iso(), remarks: '同行评估', evaluator: 'peer', score: 85 }),
  RecordComplaintHandling: () => ({
    at: iso(),
    remarks: '处理投诉',
    complaintId: 'complaint-1',
    finding: 'unsubstantiated',
    action: '无需处理',
  }),
  RecordConsultation: (c) => ({
    agencyId: c.agencyId,
    channel: 'window',
    workstationId: null,
    topic: '劳动争议',
    category: 'labour',
    personName: '张三',
    toldOfRightToApply: true,
    notToldReason: null,
    answer: '可以申请法律援助',
  }),
  LinkConsultationToApplication: () => ({ caseId: '00000000-0000-8000-8000-000000000000' }),
  OpenDutyRecord: (c) => ({
    agencyId: c.agencyId,
    // The agency's court workstation in the seeded registry (agency:hz-xihu → workstation:hz-xihu-court).
    station: { kind: 'court', organisationId: `workstation:${c.agencyId.slice(c.agencyId.indexOf(':') + 1)}-court` },
    personName: '李四',
    criminalCaseReference: null,
  }),
  GiveDutyConsultation: () => ({ at: iso(), summary: '法律咨询' }),
  GiveProcedureAdvice: () => ({ at: iso(), summary: '程序建议', procedure: 'plea-leniency' }),
  RequestMeasureChange: () => ({ at: iso(), summary: '申请取保候审', requested: 'bail-pending-trial', addressedTo: 'court:hz-xihu' }),
  SubmitDutyOpinion: () => ({ at: iso(), summary: '量刑意见', topic: 'sentencing', addressedTo: 'court:hz-xihu' }),
  AttendPleaSigning: () => ({ at: iso(), summary: '见证具结', procuratorateId: 'procuratorate:hz-xihu' }),
  CloseDutyRecord: () => ({ closedAt: iso(), referredCaseId: null, summary: '结束值班' }),
  // The duty programme: a shift at the agency's court workstation; check-in and out; pay for a shift.
  PlanDutyShift: (c) => ({
    agencyId: c.agencyId,
    stationId: `workstation:${c.agencyId.slice(c.agencyId.indexOf(':') + 1)}-court`,
    startsAt: iso(10 * HOUR),
    endsAt: iso(2 * HOUR),
    lawyerIds: ['duty-lawyer-li'],
  }),
  CheckInToShift: () => ({ at: iso() }),
  CheckOutOfShift: () => ({ at: iso() }),
  ApproveDutyPay: () => ({ lawyerId: 'duty-lawyer-li', fund: { year: 2026, source: 'local-budget' } }),
  PayDutyPay: () => ({ lawyerId: 'duty-lawyer-li', reference: 'DUTY-PAY-0001' }),
  // The registry: a station under the context's agency; changes dated after the seed's placeholders.
  RegisterOrganisation: (c) => ({
    organisationId: `workstation:${c.workerId.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 60)}`,
    kind: 'township-workstation',
    name: '测试工作站',
    parentId: c.agencyId,
    divisionCode: '330106',
    validFrom: '2026-06-01',
    contacts: [{ kind: 'phone', value: '0571-87000000' }],
  }),
  RenameOrganisation: () => ({ name: '新名称法律援助中心', effectiveFrom: '2026-06-01' }),
  MoveOrganisation: (c) => ({ parentId: c.org, effectiveFrom: '2026-06-01' }),
  MergeOrganisation: (c) => ({ successorId: c.agencyId, effectiveFrom: '2026-06-01' }),
  CloseOrganisation: () => ({ reason: '机构调整', effectiveFrom: '2026-06-01' }),
  ChangeOrganisationContacts: () => ({ contacts: [{ kind: 'hotline', value: '12348' }], effectiveFrom: '2026-06-01' }),
  RegisterAidWorker: (c) => ({
    workerId: c.workerId,
    agencyId: c.agencyId,
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '13301201510123456',
    relevantPracticeSince: '2015-06-01',
  }),
  UpdateAidWorker: () => ({ name: '王律师' }),
  DeactivateAidWorker: () => ({ reason: '停止执业' }),
  ReactivateAidWorker: () => ({ reason: '恢复执业' }),
  // Issue 19: a hand-over to another province's agency, its answers, and Art 36's acknowledgement.
  RequestTransfer: () => ({ transferId: 'transfer-1', toAgencyId: 'agency:hf-shushan', ground: 'person-moved', reasons: '申请人迁居合肥' }),
  AcceptTransfer: () => ({ transferId: 'transfer-1' }),
  RefuseTransfer: () => ({ transferId: 'transfer-1', reasons: '本中心亦无管辖' }),
  AcknowledgeAssignedLawyer: () => ({}),
  GivePreliminaryOpinion: () => ({ recommendation: 'grant', reasons: '申请人系农民工追索劳动报酬，符合免于核查经济困难条件' }),
  RequestCooperation: (c) => ({
    fromAgencyId: c.agencyId,
    toAgencyId: 'agency:hf-shushan',
    task: 'meet-detained-person',
    details: '会见羁押于合肥市看守所的受援人',
    dueAt: iso(-72 * HOUR),
  }),
  AcceptCooperation: () => ({}),
  DeclineCooperation: () => ({ reasons: '本月人手不足' }),
  CompleteCooperation: () => ({ record: '已会见受援人并制作会见笔录' }),
  // The service standard: last year's assessment of the caller's agency, every item of the agency standard in force scored.
  OpenServiceAssessment: (c) => ({ organisationId: c.agencyId, year: new Date().getUTCFullYear() - 1, items: fullMarks() }),
  SelfAssessService: () => ({ items: fullMarks() }),
  InspectService: () => ({ items: itemsOf(agencyStandard()).map((i) => ({ itemId: i.id, deductions: [], evidence: ['检查记录'] })) }),
  AllocateFund: (c) => ({ agencyId: c.agencyId, year: 2026, source: 'local-budget', amountFen: 1_000_000, reference: '西财〔2026〕1号' }),
  ApproveSubsidy: () => ({ fund: { year: 2026, source: 'local-budget' } }),
  PaySubsidy: () => ({ fund: { year: 2026, source: 'local-budget' }, reference: 'PAY-2026-0001' }),
};

/** The body for a command, or null when this file has none yet. */
export const knownBody = (command: string, context: BodyContext): Record<string, unknown> | null => bodies[command]?.(context) ?? null;

export const validBody = (command: string, context: BodyContext): Record<string, unknown> => {
  const make = bodies[command];
  if (!make) throw new Error(`test/support/command-bodies.ts has no body for ${command}: add one`);
  return make(context);
};
