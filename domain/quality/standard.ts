import type { satisfactionSchema } from '../../events/catalogue/supervision-events.ts';
import type { Category, FormOfAid } from '../../events/catalogue/vocabulary.ts';
import type { Origin } from '../case/state.ts';
import type * as z from 'zod';

// The quality standard as data (seed 002: 咨询接待、受理审查、指派监督、质量保证, scored with deductions,
// target compliance ≥ 90 %; seed 004 item 9: 庭审旁听、案卷检查、受援人回访、征询办案机关意见).
// Chosen like the rule sets: the province's latest standard in force on the case's receipt, else the
// national one. Illustrative figures; a province replaces them with its published standard.

export type CheckKind = 'hearing-observation' | 'file-review' | 'authority-opinion' | 'follow-up' | 'peer-review';
export const checkKinds: readonly CheckKind[] = ['hearing-observation', 'file-review', 'authority-opinion', 'follow-up', 'peer-review'];

/** Deadlines as the compliance figures name them: the domain's due-date kinds, assignment split by what started it. */
export type ComplianceKey =
  | 'forwarding'
  | 'notification'
  | 'review'
  | 'notification-assignment'
  | 'grant-assignment'
  | 'objection-decision'
  | 'correction-redecision';
export const complianceKeys: readonly ComplianceKey[] = [
  'forwarding',
  'notification',
  'review',
  'notification-assignment',
  'grant-assignment',
  'objection-decision',
  'correction-redecision',
];

/** Checks a closed case must have had. An entry applies when every condition it names holds; all applying entries add up. */
export type RequiredCheckRule = {
  categories?: readonly Category[];
  formsOfAid?: readonly FormOfAid[];
  originKinds?: readonly Origin['kind'][];
  /** Only when the aid worker attended at least one hearing. */
  whenHearingAttended?: boolean;
  checks: readonly CheckKind[];
  note: string;
};

/** The five case types of seed 004's quality standards (刑事、民事、行政、劳动仲裁、非诉讼). */
export type CaseType = 'criminal' | 'civil' | 'administrative' | 'labour-arbitration' | 'non-litigation';
export const caseTypes: readonly CaseType[] = ['criminal', 'civil', 'administrative', 'labour-arbitration', 'non-litigation'];

/** The standard a case of a category is reviewed under: state compensation is reviewed as administrative work (both against the state). */
export const caseTypeOf = (category: Category | null): CaseType | null => {
  switch (category) {
    case null:
      return null;
    case 'labour':
      return 'labour-arbitration';
    case 'state-compensation':
      return 'administrative';
    default:
      return category;
  }
};

/** One item a case-file review checks: a review that finds it missing deducts its points. */
export type FileReviewItem = { id: string; text: string; points: number };

export type QualityStandard = {
  id: string;
  province: string | null;
  effectiveFrom: string;
  source: string;
  /** Share of the agency's own deadlines met that the standard asks for (seed 002: 90 %). */
  complianceTarget: number;
  /** The deadlines the agency itself must keep; the others (forwarder, notifying authority, justice bureau) are reported beside. */
  agencyDeadlines: readonly ComplianceKey[];
  /** Follow-up answers that count as satisfied (满意率). */
  satisfiedLevels: readonly z.infer<typeof satisfactionSchema>[];
  requiredChecks: readonly RequiredCheckRule[];
  /** What a case-file review (案卷检查) checks per case type; the points of a type's items add up to 100. */
  fileReviewItems: Readonly<Record<CaseType, readonly FileReviewItem[]>>;
};

// Items every file is checked for, then those of its type (seed 004: 刑事、民事、行政、劳动仲裁、非诉讼法律援助案件质量标准;
// 法律援助业务档案管理办法 for the file itself). Illustrative points; a province replaces them with its published standard.
const commonItems: readonly FileReviewItem[] = [
  { id: 'file-complete', text: '卷宗材料齐全、装订规范 (the file holds every document, in order)', points: 10 },
  { id: 'contact-with-aided-person', text: '会见或联系受援人并有记录 (the aided person was met or contacted, recorded)', points: 15 },
  { id: 'closing-report', text: '结案报告及时、完整 (the closing report is on time and complete)', points: 10 },
];

const byType: Record<CaseType, readonly FileReviewItem[]> = {
  criminal: [
    { id: 'criminal-file-read', text: '查阅案卷并有阅卷笔录 (the case file was read, with notes)', points: 20 },
    { id: 'criminal-meeting-record', text: '会见笔录 (meetings with the defendant recorded)', points: 15 },
    { id: 'criminal-defence-opinion', text: '书面辩护意见 (a written defence opinion)', points: 20 },
    { id: 'criminal-judgment-on-file', text: '判决书或处理决定入卷 (the judgment or decision is on file)', points: 10 },
  ],
  civil: [
    { id: 'civil-evidence-collected', text: '调查取证 (evidence gathered)', points: 20 },
    { id: 'civil-pleading', text: '起诉状、答辩状或代理词 (the pleading or representation statement)', points: 20 },
    { id: 'civil-hearing-record', text: '出庭或调解记录 (hearing or mediation attended, recorded)', points: 15 },
    { id: 'civil-judgment-on-file', text: '判决书、调解书入卷 (the judgment or settlement is on file)', points: 10 },
  ],
  administrative: [
    { id: 'administrative-act-on-file', text: '被诉行政行为材料入卷 (the administrative act challenged is on file)', points: 15 },
    { id: 'administrative-time-limit', text: '起诉期限审查 (the time limit for suing was checked)', points: 20 },
    { id: 'administrative-representation', text: '代理词 (the representation statement)', points: 20 },
    { id: 'administrative-judgment-on-file', text: '裁判文书入卷 (the ruling is on file)', points: 10 },
  ],
  'labour-arbitration': [
    { id: 'labour-relationship-evidence', text: '劳动关系证据 (evidence of the employment relationship)', points: 20 },
    { id: 'labour-arbitration-application', text: '仲裁申请书 (the arbitration application)', points: 20 },
    { id: 'labour-hearing-record', text: '仲裁庭审或调解记录 (the arbitration hearing or mediation, recorded)', points: 15 },
    { id: 'labour-award-on-file', text: '仲裁裁决书或调解书入卷 (the award or settlement is on file)', points: 10 },
  ],
  'non-litigation': [
    { id: 'non-litigation-facts-verified', text: '事实核实 (the facts were verified)', points: 20 },
    { id: 'non-litigation-negotiation-record', text: '协商、调解记录 (negotiation or mediation recorded)', points: 25 },
    { id: 'non-litigation-outcome-document', text: '协议书或处理结果文书 (the agreement or outcome document)', points: 20 },
  ],
};

const withCommon = (t: CaseType): readonly FileReviewItem[] => [...commonItems, ...byType[t]];
const fileReviewItems2022: Record<CaseType, readonly FileReviewItem[]> = {
  criminal: withCommon('criminal'),
  civil: withCommon('civil'),
  administrative: withCommon('administrative'),
  'labour-arbitration': withCommon('labour-arbitration'),
  'non-litigation': withCommon('non-litigation'),
};

const nonCriminal: readonly Category[] = ['civil', 'administrative', 'state-compensation', 'labour', 'non-litigation'];

export const nationalQualityStandard2022: QualityStandard = {
  id: 'quality-national-2022',
  province: null,
  effectiveFrom: '2022-01-01',
  source:
    '法律援助法 Art 57, 59; seed 002 (规范服务达标, ≥ 90 %); seed 004 (质量监管措施; 刑事、民事、行政、劳动仲裁、非诉讼法律援助案件质量标准) — illustrative',
  complianceTarget: 0.9,
  agencyDeadlines: ['review', 'notification-assignment', 'grant-assignment'],
  satisfiedLevels: ['very-satisfied', 'satisfied', 'basically-satisfied'],
  requiredChecks: [
    { checks: ['file-review'], note: '案卷检查: every closed case file is reviewed' },
    {
      categories: ['criminal'],
      checks: ['authority-opinion'],
      note: '征询办案机关意见: the handling authority is asked about every criminal case',
    },
    { categories: nonCriminal, checks: ['follow-up'], note: '受援人回访: the aided person is followed up in every non-criminal case' },
    {
      formsOfAid: ['criminal-defence'],
      whenHearingAttended: true,
      checks: ['hearing-observation'],
      note: '庭审旁听: a defence that went to a hearing is observed',
    },
  ],
  fileReviewItems: fileReviewItems2022,
};

export const qualityStandards: readonly QualityStandard[] = [nationalQualityStandard2022];
