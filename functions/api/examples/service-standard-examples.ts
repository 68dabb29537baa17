import { itemsOf, serviceStandards } from '../../../domain/standard/service-standard.ts';

// Examples of the service standard's routes (docs/service-standard.md): the Xihu agency's 2025,
// self-assessed on every item of the agency standard and inspected by the Hangzhou bureau, which
// deducted for two overdue reviews. Built from the rule data, so the items are the standard's own.

const standard = serviceStandards.find((s) => s.id === 'service-standard-agency-2005')!;
const ID = 'agency:hz-xihu:2025';
const items = itemsOf(standard);
const selfItems = items.map((i) => ({ itemId: i.id, score: i.maxPoints, evidence: ['2025年度自查报告'] }));
const overdue = items.find((i) => i.id === 'acceptance-lawful')!;
const inspectionItems = items.map((i) =>
  i.id === overdue.id
    ? {
        itemId: i.id,
        deductions: [{ deductionId: i.deductions[0]!.id, times: 2, reason: '抽查卷宗两件超过审查期限' }],
        evidence: ['检查记录 2026-01-15'],
      }
    : { itemId: i.id, deductions: [], evidence: [] },
);
const scored = inspectionItems.map((i) => {
  const item = items.find((x) => x.id === i.itemId)!;
  const deductions = i.deductions.map((d) => ({ ...d, points: item.deductions.find((r) => r.id === d.deductionId)!.points * d.times }));
  return { ...i, deductions, score: Math.max(0, item.maxPoints - deductions.reduce((s, d) => s + d.points, 0)) };
});
const total = scored.reduce((s, i) => s + i.score, 0);

export const serviceStandardRequestExamples = {
  OpenServiceAssessment: { organisationId: 'agency:hz-xihu', year: 2025, items: selfItems },
  SelfAssessService: { items: selfItems },
  InspectService: { items: inspectionItems },
};

export const serviceAssessmentExample = {
  id: ID,
  status: 'inspected',
  assessmentId: ID,
  organisationId: 'agency:hz-xihu',
  subject: 'agency',
  agencyId: 'agency:hz-xihu',
  year: 2025,
  standardId: standard.id,
  openedAt: '2026-01-05T02:00:00.000Z',
  selfAssessment: { items: selfItems, total: selfItems.reduce((s, i) => s + i.score, 0), assessedAt: '2026-01-05T02:00:00.000Z' },
  inspection: {
    bureauId: 'justice-bureau:hz',
    items: scored,
    total,
    passMark: standard.passMark,
    passed: total >= standard.passMark,
    modelStation: null,
    inspectedAt: '2026-01-15T07:00:00.000Z',
  },
  recordedBy: { role: 'administrator', organisation: 'agency:hz-xihu', workstation: null },
  version: 3,
  updatedAt: '2026-01-15T07:00:00.000Z',
};

export const passRatesExample = {
  bureauId: 'justice-bureau:hz',
  year: 2025,
  agencies: {
    standardId: standard.id,
    assessed: 10,
    passed: 9,
    passRate: 0.9,
    target: standard.targetPassRate,
    met: true,
    organisations: [{ organisationId: 'agency:hz-xihu', total, passed: true }],
  },
  workstations: {
    standardId: 'service-standard-workstation-2010',
    assessed: 5,
    passed: 5,
    modelStations: 1,
    modelShare: 0.2,
    target: 0.2,
    met: true,
    organisations: [{ organisationId: 'workstation:hz-xihu-lingyin', total: 100, passed: true, modelStation: true }],
  },
};
