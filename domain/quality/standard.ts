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
};

const nonCriminal: readonly Category[] = ['civil', 'administrative', 'state-compensation', 'labour', 'non-litigation'];

export const nationalQualityStandard2022: QualityStandard = {
  id: 'quality-national-2022',
  province: null,
  effectiveFrom: '2022-01-01',
  source: '法律援助法 Art 57, 59; seed 002 (规范服务达标, ≥ 90 %); seed 004 (质量监管措施) — illustrative',
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
};

export const qualityStandards: readonly QualityStandard[] = [nationalQualityStandard2022];
