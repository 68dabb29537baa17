/** A valid application body, with overrides; test data only (the identity number is fictitious). */
export const applicationBody = (over: Record<string, unknown> = {}) => ({
  agencyId: 'agency:hz-xihu',
  province: '33',
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
  ...over,
});
