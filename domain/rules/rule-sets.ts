import type { RuleSet } from './rule-set.ts';
import { gradesOfSeed002 } from './file-review-grades.ts';
import { historicRuleSets } from './historic-rule-sets.ts';

// The statutory figures come from the Legal Aid Law (in force 2022-01-01). The provincial sets are
// illustrative data in the shape a province's rules take: whoever maintains the rules replaces them
// with the province's published text; the code never changes for that.

const lawPeriods: RuleSet['periods'] = {
  forwardingHours: 24,
  notificationDays: 3,
  reviewDays: 7,
  assignmentDays: 3,
  objectionDecisionDays: 5,
  // A local choice: Art 49 says only that the bureau orders the agency to correct (the 2003 regulation,
  // Art 19: "及时"); the agency is given the Art 43 review period again to decide anew.
  correctionRedecisionDays: 7,
  // The law fixes no period (Art 43 says only "视为撤回"); 15 days is this system's documented default.
  materialsWithdrawalDays: 15,
  art44LimitationDays: 7,
};

/** The 2021 law counts every period in calendar days (日). */
export const calendarDayUnits: RuleSet['dayUnits'] = {
  notificationDays: 'day',
  reviewDays: 'day',
  assignmentDays: 'day',
  objectionDecisionDays: 'day',
  correctionRedecisionDays: 'day',
  materialsWithdrawalDays: 'day',
};

export const nationalRuleSet2022: RuleSet = {
  id: 'national-2022',
  province: null,
  effectiveFrom: '2022-01-01',
  source: '法律援助法 (2021), 办理法律援助案件程序规定 (2023)',
  verified: true,
  notes: ['materialsWithdrawalDays and correctionRedecisionDays are local choices (the law sets no period), see the comments above'],
  citations: {},
  dayUnits: calendarDayUnits,
  periods: lawPeriods,
  art26MinYearsExperience: 3,
  fraudFineCapFen: 300_000,
  localMeansWaivers: [],
  fileReviewGrades: gradesOfSeed002,
};

export const zhejiangRuleSet2022: RuleSet = {
  ...nationalRuleSet2022,
  id: 'zhejiang-2022',
  province: '33',
  effectiveFrom: '2022-01-01',
  source: 'Zhejiang implementing rules (illustrative)',
  verified: false,
  notes: ['illustrative provincial data: the waiver is from seed 000, the periods are the national ones'],
  localMeansWaivers: [
    { code: 'low-income-household', description: '低收入家庭 (coverage widened from 低保 to low-income households, seed 000)' },
  ],
};

/** A later Zhejiang revision: review shortened to 5 days and a longer time to supply materials. */
export const zhejiangRuleSet2025: RuleSet = {
  ...zhejiangRuleSet2022,
  id: 'zhejiang-2025',
  effectiveFrom: '2025-07-01',
  source: 'Zhejiang implementing rules, 2025 revision (illustrative)',
  verified: false,
  notes: ['illustrative provincial revision'],
  // The re-decision after a correction order keeps pace with the review (the local choice above).
  periods: { ...zhejiangRuleSet2022.periods, reviewDays: 5, materialsWithdrawalDays: 30, correctionRedecisionDays: 5 },
};

export const anhuiRuleSet2022: RuleSet = {
  ...nationalRuleSet2022,
  id: 'anhui-2022',
  province: '34',
  effectiveFrom: '2022-01-01',
  source: 'Anhui implementing opinions (illustrative)',
  verified: false,
  notes: ['illustrative provincial data: the waiver is from seed 004, the periods are the national ones'],
  localMeansWaivers: [{ code: 'poverty-alleviation-target', description: '扶贫对象: no means check (seed 004, Shou County)' }],
};

export const ruleSets: readonly RuleSet[] = [
  ...historicRuleSets,
  nationalRuleSet2022,
  zhejiangRuleSet2022,
  zhejiangRuleSet2025,
  anhuiRuleSet2022,
];
