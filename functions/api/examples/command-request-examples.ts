import { serviceStandardRequestExamples } from './service-standard-examples.ts';

// An example body for every command of the API, shown in the OpenAPI document beside the command's
// schema (functions/api/openapi.ts); test/unit/openapi-examples.test.ts holds each to that schema, so
// an example cannot drift from what the API accepts. The data is invented: 张三 and 小明 are
// placeholder names; the identity numbers fail the GB 11643 check digit, so none can be anyone's; the
// phones and street numbers are placeholders. Times are fixed (2 March 2026), so the document is stable.

export const commandRequestExamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  ...serviceStandardRequestExamples,
  ReceiveApplication: {
    agencyId: 'agency:hz-xihu',
    channel: 'agency-window',
    applicantRole: 'self',
    applicant: {
      name: '张三',
      identityNumber: '330106199001011234',
      phone: '13800000000',
      address: '杭州市西湖区文三路 1 号',
      priorityGroups: ['migrant-worker'],
    },
    category: 'labour',
    formOfAid: 'labour-mediation-arbitration',
    matter: '拖欠工资 8 个月',
  },
  ReceiveForwardedApplication: {
    agencyId: 'agency:hz-xihu',
    applicantRole: 'self',
    applicant: {
      name: '张三',
      identityNumber: '330106199001011234',
      phone: '13800000000',
      address: '杭州市西湖区文三路 1 号',
      priorityGroups: ['migrant-worker'],
    },
    category: 'criminal',
    formOfAid: 'criminal-defence',
    matter: '涉嫌盗窃罪被羁押，申请法律援助辩护',
    forwarder: {
      kind: 'detention-centre',
      organisationId: 'detention-centre:hz-1',
    },
    receivedByForwarderAt: '2026-03-01T16:00:00.000Z',
    forwardedAt: '2026-03-02T00:00:00.000Z',
  },
  ReceiveDefenceNotification: {
    agencyId: 'agency:hz-xihu',
    authority: {
      kind: 'court',
      organisationId: 'court:hz-xihu',
    },
    authorityReference: '(2026)浙0106刑初123号',
    ground: 'minor',
    stage: 'trial',
    defendant: {
      name: '小明',
      identityNumber: '330106200901011234',
      phone: '13900001111',
      address: '杭州市西湖区天目山路 2 号',
    },
    charge: '盗窃',
    foundAt: '2026-02-28T20:00:00.000Z',
  },
  RequestMaterials: {
    items: ['收入证明'],
  },
  SupplyMaterials: {
    items: ['收入证明'],
    suppliedAt: '2026-03-02T02:00:00.000Z',
  },
  AssessMeans: {
    method: 'integrity-pledge',
    result: 'within-standard',
    reference: null,
  },
  ExemptFromMeansTest: {
    ground: 'good-samaritan-claim',
    note: '见义勇为',
  },
  WaiveMeansCheck: {
    ground: {
      kind: 'art42',
      item: 'migrant-worker-wages-or-work-injury',
    },
    proof: ['劳动合同'],
  },
  ProvideAidBeforeReview: {
    trigger: {
      kind: 'other-by-law',
      basis: '《法律援助法》第四十四条',
    },
  },
  GrantAid: {
    legalBasis: '《法律援助法》第四十三条',
  },
  RefuseAid: {
    legalBasis: '《法律援助法》第三十四条',
    reasons: '收入超过标准',
  },
  WithdrawApplication: {
    note: '申请人撤回',
  },
  TreatApplicationAsWithdrawn: {},
  AssignAidWorker: {
    workerId: 'lawyer-wang',
  },
  ReplaceAidWorker: {
    workerId: 'lawyer-wang',
    complaintId: 'complaint-2026-0007',
  },
  LodgeComplaint: {
    complaintId: 'complaint-2026-0007',
    summary: '要求更换律师',
    requestsChangeOfWorker: true,
    lodgedAt: '2026-03-02T02:00:00.000Z',
  },
  RecordClientMeeting: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '首次会见受援人，核实欠薪事实',
    place: '律师事务所',
  },
  RecordFileReading: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '到法院查阅案卷材料',
    authorityId: 'court:hz-xihu',
  },
  RecordHearingAttendance: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '出庭参加劳动争议案件庭审',
    courtId: 'court:hz-xihu',
  },
  ReportProgress: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '电话告知受援人仲裁开庭时间',
    method: 'phone',
  },
  CloseCase: {
    outcome: 'judgment-or-ruling',
    summary: '结案',
    documents: [
      {
        kind: 'handling-report',
        title: '结案报告',
      },
    ],
    economicLossRecoveredFen: 0,
    closedAt: '2026-03-02T02:00:00.000Z',
  },
  TerminateAid: {
    ground: 'own-lawyer-retained',
    reasons: '自行委托律师',
    legalBasis: '《法律援助法》第四十八条',
  },
  RecordDeceptionFinding: {
    findings: '隐瞒收入',
    repaymentDueFen: 100,
    fineFen: 100,
  },
  ArchiveCase: {
    fileNumber: '2026-XH-0001',
  },
  LodgeObjection: {
    objectionId: 'objection-2026-0003',
    against: 'refusal',
    grounds: '收入计算有误',
    lodgedAt: '2026-03-02T02:00:00.000Z',
  },
  TransmitObjection: {
    objectionId: 'objection-2026-0003',
    against: 'refusal',
    grounds: '收入计算有误',
    receivedAt: '2026-03-02T02:00:00.000Z',
  },
  DecideObjection: {
    objectionId: 'objection-2026-0003',
    decision: 'upheld',
    reasons: '经审查，申请人收入超过本地经济困难标准，维持原决定',
  },
  ReinstateAid: {},
  RequestTransfer: {
    transferId: 'transfer-2026-0002',
    toAgencyId: 'agency:hf-shushan',
    ground: 'person-moved',
    reasons: '申请人迁居合肥',
  },
  AcceptTransfer: {
    transferId: 'transfer-2026-0002',
  },
  RefuseTransfer: {
    transferId: 'transfer-2026-0002',
    reasons: '本中心亦无管辖',
  },
  AcknowledgeAssignedLawyer: {},
  GivePreliminaryOpinion: { recommendation: 'grant', reasons: '申请人系农民工追索劳动报酬，经初审符合法律援助条件' },
  RequestCooperation: {
    fromAgencyId: 'agency:hz-xihu',
    toAgencyId: 'agency:hf-shushan',
    task: 'meet-detained-person',
    details: '会见羁押于合肥市看守所的受援人',
    dueAt: '2026-03-05T02:00:00.000Z',
  },
  AcceptCooperation: {},
  DeclineCooperation: {
    reasons: '本月人手不足',
  },
  CompleteCooperation: {
    record: '已会见受援人并制作会见笔录',
  },
  RecordHearingObservation: {
    at: '2026-03-02T02:00:00.000Z',
    remarks: '辩论充分',
    courtId: 'court:hz-xihu',
    score: 90,
  },
  // By the items of the case type's standard (here a non-litigation case): each item missing deducts its points.
  RecordCaseFileReview: {
    at: '2026-03-02T02:00:00.000Z',
    remarks: '案卷完整, 缺协议书',
    deductions: [],
    items: [
      { itemId: 'file-complete', met: true },
      { itemId: 'contact-with-aided-person', met: true },
      { itemId: 'closing-report', met: true },
      { itemId: 'non-litigation-facts-verified', met: true },
      { itemId: 'non-litigation-negotiation-record', met: true },
      { itemId: 'non-litigation-outcome-document', met: false },
    ],
  },
  RecordAuthorityOpinion: {
    at: '2026-03-02T02:00:00.000Z',
    remarks: '满意',
    authorityId: 'court:hz-xihu',
    rating: 'satisfied',
  },
  RecordFollowUp: {
    at: '2026-03-02T02:00:00.000Z',
    remarks: '回访',
    method: 'phone',
    satisfaction: 'satisfied',
  },
  RecordPeerReview: {
    at: '2026-03-02T02:00:00.000Z',
    remarks: '同行评估',
    evaluator: 'peer',
    score: 85,
  },
  RecordComplaintHandling: {
    at: '2026-03-02T02:00:00.000Z',
    remarks: '处理投诉',
    complaintId: 'complaint-2026-0007',
    finding: 'unsubstantiated',
    action: '无需处理',
  },
  RecordConsultation: {
    agencyId: 'agency:hz-xihu',
    channel: 'window',
    workstationId: null,
    topic: '劳动争议',
    category: 'labour',
    personName: '张三',
    toldOfRightToApply: true,
    notToldReason: null,
    answer: '可以申请法律援助',
  },
  LinkConsultationToApplication: {
    caseId: '00000000-0000-8000-8000-000000000000',
  },
  OpenDutyRecord: {
    agencyId: 'agency:hz-xihu',
    station: {
      kind: 'court',
      organisationId: 'workstation:hz-xihu-court',
    },
    personName: '李四',
    criminalCaseReference: null,
  },
  GiveDutyConsultation: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '法律咨询',
  },
  GiveProcedureAdvice: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '程序建议',
    procedure: 'plea-leniency',
  },
  RequestMeasureChange: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '申请取保候审',
    requested: 'bail-pending-trial',
    addressedTo: 'court:hz-xihu',
  },
  SubmitDutyOpinion: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '量刑意见',
    topic: 'sentencing',
    addressedTo: 'court:hz-xihu',
  },
  AttendPleaSigning: {
    at: '2026-03-02T02:00:00.000Z',
    summary: '见证具结',
    procuratorateId: 'procuratorate:hz-xihu',
  },
  CloseDutyRecord: {
    closedAt: '2026-03-02T02:00:00.000Z',
    referredCaseId: null,
    summary: '结束值班',
  },
  PlanDutyShift: {
    agencyId: 'agency:hz-xihu',
    stationId: 'workstation:hz-xihu-court',
    startsAt: '2026-03-01T16:00:00.000Z',
    endsAt: '2026-03-02T00:00:00.000Z',
    lawyerIds: ['duty-lawyer-li'],
  },
  CheckInToShift: {
    at: '2026-03-02T02:00:00.000Z',
  },
  CheckOutOfShift: {
    at: '2026-03-02T02:00:00.000Z',
  },
  ApproveDutyPay: {
    lawyerId: 'duty-lawyer-li',
    fund: {
      year: 2026,
      source: 'local-budget',
    },
  },
  PayDutyPay: {
    lawyerId: 'duty-lawyer-li',
    reference: 'DUTY-PAY-0001',
  },
  RegisterAidWorker: {
    workerId: 'lawyer-wang',
    agencyId: 'agency:hz-xihu',
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '13301201510123456',
    relevantPracticeSince: '2015-06-01',
  },
  UpdateAidWorker: {
    name: '王律师',
  },
  DeactivateAidWorker: {
    reason: '停止执业',
  },
  ReactivateAidWorker: {
    reason: '恢复执业',
  },
  AllocateFund: {
    agencyId: 'agency:hz-xihu',
    year: 2026,
    source: 'local-budget',
    amountFen: 1000000,
    reference: '西财〔2026〕1号',
  },
  ApproveSubsidy: {
    fund: {
      year: 2026,
      source: 'local-budget',
    },
  },
  PaySubsidy: {
    fund: {
      year: 2026,
      source: 'local-budget',
    },
    reference: 'PAY-2026-0001',
  },
  ErasePersonalData: {
    recordKind: 'case',
    recordId: 'case-2020-0001',
    legalBasis: 'retention-ended',
    reason: '案件归档保存期限届满，依规定删除个人信息',
  },
  RegisterOrganisation: {
    organisationId: 'workstation:hz-xihu-wenxin',
    kind: 'township-workstation',
    name: '西湖区文新街道法律援助工作站',
    parentId: 'agency:hz-xihu',
    divisionCode: '330106',
    validFrom: '2026-06-01',
    contacts: [
      {
        kind: 'phone',
        value: '0571-87000000',
      },
    ],
  },
  RenameOrganisation: {
    name: '杭州市西湖区法律援助中心',
    effectiveFrom: '2026-06-01',
  },
  MoveOrganisation: {
    parentId: 'court:hz-xihu',
    effectiveFrom: '2026-06-01',
  },
  MergeOrganisation: {
    successorId: 'agency:hz-xihu',
    effectiveFrom: '2026-06-01',
  },
  CloseOrganisation: {
    reason: '机构调整',
    effectiveFrom: '2026-06-01',
  },
  ChangeOrganisationContacts: {
    contacts: [
      {
        kind: 'hotline',
        value: '12348',
      },
    ],
    effectiveFrom: '2026-06-01',
  },
};
