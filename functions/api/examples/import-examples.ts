// POST /imports (docs/import.md): a batch of two lines of an old system's case, and what the import
// answers for them. Held to the route's schemas by test/unit/openapi-examples.test.ts. Invented data
// (the identity number fails its check digit, as in command-request-examples.ts).

const actor = { role: 'agency-reviewer', id: 'legacy:zhang-wei', organisation: 'agency:hz-xihu' };

export const importRequestExample = {
  system: 'hz-xihu-2012',
  batch: 'migration-2026-03',
  lines: [
    {
      line: 1,
      record: 'C2018-0007',
      command: 'ReceiveApplication',
      occurredAt: '2018-03-05T09:12:00+08:00',
      actor,
      data: {
        agencyId: 'agency:hz-xihu',
        channel: 'agency-window',
        applicantRole: 'self',
        applicant: { name: '张三', identityNumber: '330106199001011234', phone: '13800000000', address: '杭州市西湖区文三路 1 号' },
        category: 'labour',
        formOfAid: 'labour-mediation-arbitration',
        matter: '拖欠工资 8 个月',
      },
    },
    {
      line: 2,
      record: 'C2018-0007',
      command: 'AssignAidWorker',
      occurredAt: '2018-03-12T10:00:00+08:00',
      actor,
      data: { workerId: '@record:W-017' },
      noticeNumber: '(2018)杭西援指字第0031号',
    },
  ],
};

export const importAnswerExample = {
  system: 'hz-xihu-2012',
  batch: 'migration-2026-03',
  summary: { lines: 2, accepted: 1, replayed: 0, rejected: 1, skipped: 0 },
  outcomes: [
    { line: 1, record: 'C2018-0007', status: 'accepted', stream: 'case#imp-hz-xihu-2012-C2018-0007', version: 1 },
    {
      line: 2,
      record: 'C2018-0007',
      status: 'rejected',
      code: 'NOTHING_TO_ASSIGN',
      field: null,
      reason: 'assignment follows a grant, a notification or aid before review',
    },
  ],
};
