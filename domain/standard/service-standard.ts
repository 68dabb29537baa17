import { chooseDated, type DatedRules } from '../rules/choose-dated.ts';

// The service standard (规范服务达标) an agency or a workstation is assessed on each year: areas,
// items with points, the deductions an inspector may make, the pass mark and the targets. Seed 002
// names the agency standard's four areas (咨询接待、受理审查、指派监督、质量保证, "接待周到、有问必答；
// 依法受理、规范操作；及时指派、督促检查；加强管理、接受监督") and its target (达标率90%以上), but not its
// items or points; seed 003 names what a workstation's annual assessment covers (队伍建设、作风建设、
// 业务建设、硬件建设) and the share of model stations (示范点不少于20%). The items, points, deductions
// and pass marks below are illustrative (`illustrative: true`) until a published standard replaces
// them as a later dated set, chosen by province and date as the rule sets are.

export type ServiceStandardSubject = 'agency' | 'workstation';

export type Deduction = { id: string; text: string; points: number };
export type StandardItem = { id: string; text: string; maxPoints: number; deductions: Deduction[] };
export type StandardArea = { id: string; name: string; items: StandardItem[] };

export type ServiceStandard = DatedRules & {
  subject: ServiceStandardSubject;
  title: string;
  source: string;
  /** true: the items, points and marks are this system's illustration, not a published text. */
  illustrative: boolean;
  areas: StandardArea[];
  /** The total an inspection must reach for the organisation to pass (达标). */
  passMark: number;
  /** The share of assessed organisations that should pass: seed 002's 90 %. */
  targetPassRate: number;
  /** Whether the bureau inspects only after the organisation's own self-assessment (自查报告, seed 002). */
  selfAssessmentRequired: boolean;
  /** Workstations: the total a model station (示范点) reaches, and the share of model stations sought (seed 003: ≥ 20 %). */
  modelStation: { minTotal: number; targetShare: number } | null;
};

const item = (id: string, text: string, maxPoints: number, deductions: [string, number][]): StandardItem => ({
  id,
  text,
  maxPoints,
  deductions: deductions.map(([t, points], i) => ({ id: `${id}-d${i + 1}`, text: t, points })),
});

export const serviceStandards: readonly ServiceStandard[] = [
  {
    id: 'service-standard-agency-2005',
    subject: 'agency',
    province: null,
    effectiveFrom: '2005-01-01',
    title: '法律援助机构规范服务达标标准及考核细则',
    source:
      'seed 002 (市法律援助机构规范服务达标活动实施方案): four areas 咨询接待、受理审查、指派监督、质量保证, target 达标率90%以上; items, points and the pass mark illustrative',
    illustrative: true,
    areas: [
      {
        id: 'reception',
        name: '咨询接待（接待周到、有问必答）',
        items: [
          item('reception-conduct', '窗口接待用语规范、举止文明、态度热情', 15, [
            ['接待态度冷漠或与当事人发生争执，每次', 5],
            ['用语不规范，每次', 2],
          ]),
          item('reception-answers', '咨询有问必答、登记完整，不推诿', 10, [
            ['推诿当事人或对跨区事项简单一推了事，每次', 5],
            ['咨询未登记，每件', 1],
          ]),
        ],
      },
      {
        id: 'acceptance',
        name: '受理审查（依法受理、规范操作）',
        items: [
          item('acceptance-lawful', '依法受理申请，审查及时，决定书面告知', 15, [
            ['超过审查期限，每件', 3],
            ['不予援助未书面说明理由，每件', 3],
          ]),
          item('acceptance-records', '受理登记、材料齐全、台帐规范', 10, [['受理材料缺失，每件', 2]]),
        ],
      },
      {
        id: 'assignment',
        name: '指派监督（及时指派、督促检查）',
        items: [
          item('assignment-timely', '决定援助后及时指派承办人员', 15, [['指派超过期限，每件', 3]]),
          item('assignment-supervision', '对办案过程督促检查、跟踪回访', 10, [
            ['重指派轻监督，缺少过程检查，每件', 2],
            ['未回访受援人，每件', 1],
          ]),
        ],
      },
      {
        id: 'quality',
        name: '质量保证（加强管理、接受监督）',
        items: [
          item('quality-files', '卷宗归档规范，结案评估与总结反馈', 15, [['卷宗不合格，每件', 2]]),
          item('quality-oversight', '公开服务标准，受理投诉并处理，接受社会监督', 10, [
            ['投诉未处理或未答复，每件', 3],
            ['未公开服务标准', 5],
          ]),
        ],
      },
    ],
    passMark: 85,
    targetPassRate: 0.9,
    selfAssessmentRequired: true,
    modelStation: null,
  },
  {
    id: 'service-standard-workstation-2010',
    subject: 'workstation',
    province: null,
    effectiveFrom: '2010-01-01',
    title: '法律援助工作站年度考核标准',
    source:
      'seed 003 (进一步加强基层法律援助工作站建设): 队伍建设、作风建设、业务建设、硬件建设 in the annual assessment, 示范点不少于20%; items, points and marks illustrative',
    illustrative: true,
    areas: [
      {
        id: 'staffing',
        name: '队伍建设',
        items: [
          item('staffing-people', '专人负责、联络员到位、定期培训', 25, [
            ['无专人负责', 10],
            ['未参加培训，每人次', 2],
          ]),
        ],
      },
      {
        id: 'conduct',
        name: '作风建设',
        items: [
          item('conduct-service', '服务公示、服务承诺、方便群众', 25, [
            ['未公示服务事项', 5],
            ['群众投诉属实，每件', 5],
          ]),
        ],
      },
      {
        id: 'business',
        name: '业务建设',
        items: [
          item('business-records', '受案登记、业务台帐、及时转交申请', 25, [
            ['申请未及时转交，每件', 5],
            ['台帐缺失', 5],
          ]),
        ],
      },
      {
        id: 'premises',
        name: '硬件建设',
        items: [
          item('premises-signs', '场所、标识统一（司办[2010]27号）', 25, [
            ['标识不统一', 5],
            ['无固定场所', 10],
          ]),
        ],
      },
    ],
    passMark: 80,
    targetPassRate: 0.9,
    selfAssessmentRequired: false,
    modelStation: { minTotal: 95, targetShare: 0.2 },
  },
];

/** The standard for this kind of organisation in force in the province on the China date of `at`, else the national one. */
export const serviceStandardFor = (subject: ServiceStandardSubject, province: string | null, at: string): ServiceStandard | null =>
  chooseDated(
    serviceStandards.filter((s) => s.subject === subject),
    province,
    at,
  );

export const itemsOf = (standard: ServiceStandard): StandardItem[] => standard.areas.flatMap((a) => a.items);

export const maxTotalOf = (standard: ServiceStandard): number => itemsOf(standard).reduce((sum, i) => sum + i.maxPoints, 0);
