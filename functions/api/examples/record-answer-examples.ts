// What the other records' reads answer (functions/api/responses/record-answers.ts,
// cooperation-answers.ts, duty-programme-answers.ts, organisation-answers.ts, notice-answers.ts), one
// example each for the OpenAPI document; held to the schemas by test/unit/openapi-examples.test.ts.
// Invented data; personal values shown masked, as to a role without a need for them.

const at = '2026-03-02T02:00:00.000Z';
const recordedBy = { role: 'agency-reviewer', organisation: 'agency:hz-xihu', workstation: null };

export const consultationExample = {
  id: 'consult-2026-0311',
  status: 'recorded',
  consultationId: 'consult-2026-0311',
  agencyId: 'agency:hz-xihu',
  channel: 'window',
  workstationId: null,
  topic: '***',
  category: 'labour',
  personName: '李*',
  toldOfRightToApply: true,
  notToldReason: null,
  answer: '***',
  consultedAt: at,
  caseId: null,
  linkedAt: null,
  recordedBy,
  version: 1,
  updatedAt: at,
};

export const dutyRecordExample = {
  id: 'duty-2026-0057',
  status: 'open',
  dutyId: 'duty-2026-0057',
  stationKind: 'court',
  stationId: 'workstation:hz-xihu-court',
  agencyId: 'agency:hz-xihu',
  dutyLawyerId: 'lawyer-wang',
  personName: '小*',
  criminalCaseReference: '***',
  openedAt: '2026-03-02T03:10:00.000Z',
  services: 2,
  closedAt: null,
  referredCaseId: null,
  recordedBy: { role: 'duty-lawyer', organisation: 'lawfirm:hz-mingde', workstation: 'workstation:hz-xihu-court' },
  version: 2,
  updatedAt: at,
};

export const workerExample = {
  id: 'lawyer-wang',
  status: 'active',
  workerId: 'lawyer-wang',
  agencyId: 'agency:hz-xihu',
  name: '王*',
  kind: 'lawyer',
  licenceNumber: '1330**********12',
  relevantPracticeSince: '2015-09-01',
  firmId: 'lawfirm:hz-mingde',
  recordedBy: { role: 'administrator', organisation: 'agency:hz-xihu', workstation: null },
  version: 1,
  updatedAt: at,
};

export const dutyShiftExample = {
  id: 'shift-2026-03-02-xihu-court',
  status: 'planned',
  shiftId: 'shift-2026-03-02-xihu-court',
  agencyId: 'agency:hz-xihu',
  stationId: 'workstation:hz-xihu-court',
  stationKind: 'court',
  date: '2026-03-02',
  startsAt: '2026-03-02T01:00:00.000Z',
  endsAt: '2026-03-02T09:00:00.000Z',
  lawyerIds: ['lawyer-wang'],
  checkIns: { 'lawyer-wang': { at: '2026-03-02T00:55:00.000Z', minutesLate: 0, attendance: 'on-time' } },
  checkOuts: { 'lawyer-wang': { at: '2026-03-02T09:00:00.000Z', minutesEarly: 0 } },
  records: [{ dutyId: 'duty-2026-0057', lawyerId: 'lawyer-wang', openedAt: '2026-03-02T03:10:00.000Z' }],
  recordedBy,
  version: 4,
  updatedAt: '2026-03-02T09:00:00.000Z',
};

export const dutyStationFiguresExample = {
  stationId: 'workstation:hz-xihu-court',
  agencyId: 'agency:hz-xihu',
  month: '2026-03',
  shifts: 22,
  places: { planned: 22, attended: 21, onTime: 20, late: 1, absent: 1, pending: 0 },
  services: {
    byKind: { consultation: 30, 'procedure-advice': 12, 'measure-change-request': 3, opinion: 5, 'plea-signing': 4 },
    onShift: 51,
    outsideShift: 3,
    total: 54,
  },
};

export const workstationFiguresExample = {
  stationId: 'workstation:hz-xihu-lingyin',
  agencyId: 'agency:hz-xihu',
  month: '2026-03',
  applications: 9,
  consultations: 41,
  opinions: 8,
  decisions: { total: 8, followedOpinion: 7, departedFromOpinion: 1 },
  medianDaysToDecision: 4.5,
};

export const cooperationExample = {
  id: 'coop-2026-0009',
  status: 'accepted',
  cooperationId: 'coop-2026-0009',
  fromAgencyId: 'agency:hz-xihu',
  toAgencyId: 'agency:nb-haishu',
  task: 'collect-evidence',
  caseId: 'case-2026-hz-xihu-0142',
  dueAt: '2026-03-12T16:00:00.000Z',
  requestedAt: '2026-03-03T02:00:00.000Z',
  acceptedAt: '2026-03-04T01:00:00.000Z',
  declinedAt: null,
  completedAt: null,
  history: [
    {
      type: 'CooperationRequested',
      at: '2026-03-03T02:00:00.000Z',
      by: 'agency:hz-xihu',
      data: {
        cooperationId: 'coop-2026-0009',
        fromAgencyId: 'agency:hz-xihu',
        toAgencyId: 'agency:nb-haishu',
        task: 'collect-evidence',
        caseId: 'case-2026-hz-xihu-0142',
        details: '***',
        dueAt: '2026-03-12T16:00:00.000Z',
        requestedAt: '2026-03-03T02:00:00.000Z',
      },
    },
    {
      type: 'CooperationAccepted',
      at: '2026-03-04T01:00:00.000Z',
      by: 'agency:nb-haishu',
      data: { cooperationId: 'coop-2026-0009', acceptedAt: '2026-03-04T01:00:00.000Z' },
    },
  ],
  version: 2,
  updatedAt: '2026-03-04T01:00:00.000Z',
};

const counts = (asked: number, completed: number) => ({
  asked,
  accepted: asked - 1,
  declined: 1,
  completed,
  completedLate: 1,
  byTask: { 'collect-evidence': asked - 2, 'serve-documents': 2 },
});

export const cooperationStatisticsExample = { agencyId: 'agency:hz-xihu', given: counts(7, 5), received: counts(4, 2) };

export const overdueCooperationExample = {
  agencyId: 'agency:hz-xihu',
  asOf: '2026-03-20T00:00:00.000Z',
  owed: [],
  awaited: [
    {
      cooperationId: 'coop-2026-0009',
      fromAgencyId: 'agency:hz-xihu',
      toAgencyId: 'agency:nb-haishu',
      task: 'collect-evidence',
      status: 'accepted',
      dueAt: '2026-03-12T16:00:00.000Z',
    },
  ],
};

export const noticeRegisterExample = {
  agencyId: 'agency:hz-xihu',
  year: 2026,
  space: 'agency',
  notices: [
    {
      number: 142,
      printed: '(2026)杭西援指字第0142号',
      caseId: 'case-2026-hz-xihu-0142',
      workerId: 'lawyer-wang',
      replacesWorkerId: null,
      assignedAt: '2026-03-05T02:00:00.000Z',
      occurredAt: '2026-03-05T02:00:00.000Z',
      recordedAt: '2026-03-05T02:00:01.000Z',
      recordedBy: { role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
      lateEntry: null,
      stub: { stream: 'notices#agency:hz-xihu#2026', version: 142, eventId: 'evt-notice-2026-142', hash: 'sha256:5d1f…' },
    },
  ],
  gaps: [],
  misplaced: [],
  nextAfter: null,
  legacy: {
    spaces: [
      {
        system: 'hz-xihu-2010',
        notices: [
          {
            system: 'hz-xihu-2010',
            printed: '(2026)杭西援指字第0031号',
            sequence: 31,
            caseId: 'case-legacy-c2026-0007',
            workerId: 'lawyer-wang',
            replacesWorkerId: null,
            assignedAt: '2026-01-12T02:00:00.000Z',
            recordedAt: '2026-02-01T08:30:00.000Z',
            recordedBy: { role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
            indexVersion: 1,
            stub: {
              stream: 'notice-legacy#agency:hz-xihu#hz-xihu-2010#(2026)杭西援指字第0031号',
              version: 1,
              eventId: 'evt-legacy-0031',
              hash: 'sha256:9a0c…',
            },
          },
        ],
      },
    ],
    nextAfter: null,
  },
};

const xihu = {
  organisationId: 'agency:hz-xihu',
  kind: 'legal-aid-agency',
  name: '杭州市西湖区法律援助中心',
  validity: 'open',
  parentId: 'bureau:hz-xihu',
  divisionCode: '330106',
};
const wenxin = {
  organisationId: 'workstation:hz-xihu-wenxin',
  kind: 'township-workstation',
  name: '西湖区文新街道法律援助工作站',
  validity: 'open',
  parentId: 'agency:hz-xihu',
  divisionCode: '330106',
};

export const organisationExample = {
  ...xihu,
  date: '2026-03-02',
  validFrom: '2003-07-01',
  closedFrom: null,
  merged: null,
  heldBy: null,
  bureauOver: 'bureau:hz-xihu',
  provinceOf: '330000',
  contacts: [{ kind: 'phone', value: '0571-12348' }],
  names: [{ name: '杭州市西湖区法律援助中心', from: '2003-07-01' }],
  placements: [{ parentId: 'bureau:hz-xihu', divisionCode: '330106', from: '2003-07-01' }],
  version: 3,
};

export const organisationChildrenExample = {
  organisationId: 'agency:hz-xihu',
  date: '2026-03-02',
  depth: 'children',
  organisations: [wenxin],
};

export const organisationPathExample = {
  organisationId: 'workstation:hz-xihu-wenxin',
  date: '2026-03-02',
  heldBy: null,
  path: [
    {
      organisationId: 'department:zj',
      kind: 'provincial-department',
      name: '浙江省司法厅',
      validity: 'open',
      parentId: null,
      divisionCode: '330000',
    },
    {
      organisationId: 'bureau:hz-xihu',
      kind: 'county-bureau',
      name: '杭州市西湖区司法局',
      validity: 'open',
      parentId: 'department:zj',
      divisionCode: '330106',
    },
    xihu,
    wenxin,
  ],
};

export const organisationHistoryExample = {
  organisationId: 'agency:hz-xihu',
  stream: 'organisation#agency:hz-xihu',
  order: 'asc',
  events: [
    {
      version: 2,
      eventId: 'evt-org-hz-xihu-2',
      type: 'OrganisationRenamed',
      schemaVersion: 1,
      who: { id: 'admin-zhou', role: 'administrator', organisation: 'bureau:hz-xihu' },
      workstation: null,
      occurredAt: '2026-05-20T02:00:00.000Z',
      recordedAt: '2026-05-20T02:00:01.000Z',
      lateEntry: null,
      provenance: null,
      why: {},
      data: { name: '杭州市西湖区法律援助中心', effectiveFrom: '2026-06-01' },
      correlationId: 'req-19b0d4',
      causationId: null,
      idempotencyKey: 'rename-agency-hz-xihu-2026',
      requestHash: 'sha256:0e2a…',
      prevHash: 'sha256:77aa…',
      hash: 'sha256:8b13…',
    },
  ],
  nextCursor: null,
};
