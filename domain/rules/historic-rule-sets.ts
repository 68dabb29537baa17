import { gradesOfSeed002 } from './file-review-grades.ts';
import type { RuleSet } from './rule-set.ts';

// The rules before the Legal Aid Law (in force 2022-01-01), so a case received in 2018 is judged by
// the rules of 2018. Each national change starts a national set; a province's set repeats at each
// national change (a provincial set replaces the national one whole, domain/rules/choose-rule-set.ts).
// Nothing before 2003-09-01: the system starts with the national regulation, and an earlier date is
// refused (NO_RULE_SET_IN_FORCE), though some provinces had rules of their own before it.
// A figure not read in a published text here is said so in `notes` and the set is `verified: false`.

const regulation = '法律援助条例 (国务院令第385号, in force 2003-09-01)';
const procedure2012 = '办理法律援助案件程序规定 (司法部令第124号, in force 2012-07-01)';
const criminal2013 = '关于刑事诉讼法律援助工作的规定 (司发通〔2013〕18号, in force 2013-03-01)';

/** Where the 2021 law's articles (as the error codes cite them) stood in the 2003 regulation. */
const regulationCitations: RuleSet['citations'] = {
  'Art 12': `${regulation} Art 5`,
  'Art 22': `${regulation} Art 2`,
  'Art 25': `${regulation} Art 12`,
  'Art 28': `${regulation} Art 12`,
  'Art 34': `${regulation} Art 13`,
  'Art 36': `${regulation} Art 20`,
  'Art 38': `${regulation} Art 14, Art 15`,
  'Art 39': `${regulation} Art 15`,
  'Art 41': `${regulation} Art 16, Art 17, Art 18`,
  'Art 43': `${regulation} Art 18`,
  'Art 48': `${regulation} Art 23`,
  'Art 49': `${regulation} Art 19`,
  'Art 50': `${regulation} Art 24`,
  'Art 52': `${regulation} Art 24`,
  'Art 71': `${regulation} Art 31`,
};

const regulationNotes = [
  'reviewDays, assignmentDays, correctionRedecisionDays: null — Art 18 and Art 19 say only 及时 (promptly); no deadline is tracked',
  'notificationDays: null — Art 20 has the court send its notice 10 days before the hearing, a period counted back from the trial, which the case does not hold',
  'objectionDecisionDays: 5 working days (Art 19), as a county justice bureau restates it at http://www.chongyi.gov.cn/cyxxxgk/cy78410/201109/6a60a0db1db34f1a8f621f4bc53ca1d5.shtml',
  'forwardingHours: 24 (Art 15: 看守所在24小时内转交) — not read in a published copy here (unverified)',
  'materialsWithdrawalDays: 15 calendar days, this system’s default: Art 18 treats the application as withdrawn (视为撤销申请) without a period',
  'art44LimitationDays: null — the regulation has no aid before review for an expiring limitation',
  'art26MinYearsExperience: null — the regulation sets no years of practice for life-imprisonment or death-penalty defence',
  'fraudFineCapFen: 0 — the regulation has no fine on the aided person (Art 64 of the 2021 law is new); a fine is refused, repayment is still recorded',
  'article numbers in citations are from the text of the regulation as recalled, not read in a published copy here (unverified)',
];

export const nationalRuleSet2003: RuleSet = {
  id: 'national-2003',
  province: null,
  effectiveFrom: '2003-09-01',
  source: `${regulation}; comparison table of the 2021 law and the regulation: https://www.renrendoc.com/paper/302415737.html`,
  verified: false,
  notes: regulationNotes,
  citations: regulationCitations,
  dayUnits: {
    notificationDays: 'day',
    reviewDays: 'working-day',
    assignmentDays: 'working-day',
    objectionDecisionDays: 'working-day',
    correctionRedecisionDays: 'working-day',
    materialsWithdrawalDays: 'day',
  },
  periods: {
    forwardingHours: 24,
    notificationDays: null,
    reviewDays: null,
    assignmentDays: null,
    objectionDecisionDays: 5,
    correctionRedecisionDays: null,
    materialsWithdrawalDays: 15,
    art44LimitationDays: null,
  },
  art26MinYearsExperience: null,
  fraudFineCapFen: 0,
  localMeansWaivers: [],
  fileReviewGrades: gradesOfSeed002,
};

/** The Ministry's procedure rules add a review period and an assignment period, both in working days. */
export const nationalRuleSet2012: RuleSet = {
  ...nationalRuleSet2003,
  id: 'national-2012',
  effectiveFrom: '2012-07-01',
  source: `${regulation}; ${procedure2012}: review within 7 working days of acceptance, time to supply materials not counted (text at http://crsrw.com/falvjiangtang/33577.html); assignment within 3 working days of the grant (restated at http://www.chongyi.gov.cn/cyxxxgk/cy78410/201109/6a60a0db1db34f1a8f621f4bc53ca1d5.shtml)`,
  notes: [
    'reviewDays: 7 working days; assignmentDays: 3 working days (both read in restatements of the 2012 rules, article numbers not verified)',
    'correctionRedecisionDays: 7 working days, the review period again (the same local choice as the 2022 set)',
    'art44LimitationDays: 7 — the 2012 rules allow aid first (先行提供) when a limitation ends within 7 days; not read in a published copy here (unverified)',
    'notificationDays: null until the 2013 joint rules (national-2013)',
    ...regulationNotes.filter((n) => !/^(reviewDays|art44LimitationDays)/.test(n)),
  ],
  citations: {
    ...regulationCitations,
    'Art 43': `${regulation} Art 18; ${procedure2012}`,
    'Art 44': `${procedure2012} (先行提供)`,
  },
  periods: {
    ...nationalRuleSet2003.periods,
    reviewDays: 7,
    assignmentDays: 3,
    correctionRedecisionDays: 7,
    art44LimitationDays: 7,
  },
};

/** The joint criminal legal-aid rules give the notifying authorities 3 days from finding the case. */
export const nationalRuleSet2013: RuleSet = {
  ...nationalRuleSet2012,
  id: 'national-2013',
  effectiveFrom: '2013-03-01',
  source: `${nationalRuleSet2012.source}; ${criminal2013}`,
  notes: [
    'notificationDays: 3 calendar days from finding the case (the 2013 joint rules; article not verified)',
    'art26MinYearsExperience: null — the 2013 joint rules ask for a lawyer with 一定年限 (some years) of criminal defence, no number; the 3-year floor comes with the 2021 law',
    ...nationalRuleSet2012.notes.filter((n) => !n.startsWith('notificationDays') && !n.startsWith('art26MinYearsExperience')),
  ],
  citations: { ...nationalRuleSet2012.citations, 'Art 36': criminal2013, 'Art 26': `${criminal2013} (一定年限, no number)` },
  periods: { ...nationalRuleSet2012.periods, notificationDays: 3 },
};

/** A province's set at each national change: the national figures with the province's own source, citations and waivers. */
const provincial = (
  national: RuleSet,
  p: {
    id: string;
    province: string;
    effectiveFrom?: string;
    instrument: string;
    url: string;
    notes: readonly string[];
    localMeansWaivers?: RuleSet['localMeansWaivers'];
  },
): RuleSet => ({
  ...national,
  id: p.id,
  province: p.province,
  effectiveFrom: p.effectiveFrom ?? national.effectiveFrom,
  source: `${p.instrument} (${p.url}); ${national.source}`,
  verified: false,
  notes: [...p.notes, ...national.notes],
  localMeansWaivers: p.localMeansWaivers ?? [],
});

const zhejiang = '浙江省法律援助条例 (in force 2001-01-01, amended 2005-07-29)';
const zhejiangUrl = 'http://asianlii.org/chi/cn/legis/zj/laws/10a92bd5a62503b518e7b7cc328577c6afdd123e';
const zhejiangNotes = [
  'Zhejiang: the provincial regulation (2000, amended 2005, http://www.fymate.net/html/text/lar/168422/16842237.html) was not read for periods of its own; the figures are the national ones',
  'Zhejiang: the 低收入家庭 waiver of the 2022 set is not carried back (its start date was not found)',
];

const anhui = '安徽省法律援助条例 (adopted 2002-07-28, revised 2009-04-22 and 2016-11-10)';
const anhuiUrl = 'https://m.66laws.com/fagui/9828.html';
const anhuiNotes = [
  'Anhui: the provincial regulation was not read for periods of its own; the figures are the national ones',
  'Anhui: the revisions start on their adoption dates (2009-04-22, 2016-11-10); their dates of entry into force were not verified',
];
const povertyTarget = { code: 'poverty-alleviation-target', description: '扶贫对象: no means check (seed 004, Shou County, 2018)' };

export const historicRuleSets: readonly RuleSet[] = [
  nationalRuleSet2003,
  nationalRuleSet2012,
  nationalRuleSet2013,
  ...(
    [
      [nationalRuleSet2003, 'zhejiang-2003'],
      [nationalRuleSet2012, 'zhejiang-2012'],
      [nationalRuleSet2013, 'zhejiang-2013'],
    ] as const
  ).map(([national, id]) => provincial(national, { id, province: '33', instrument: zhejiang, url: zhejiangUrl, notes: zhejiangNotes })),
  provincial(nationalRuleSet2003, { id: 'anhui-2003', province: '34', instrument: anhui, url: anhuiUrl, notes: anhuiNotes }),
  provincial(nationalRuleSet2003, {
    id: 'anhui-2009',
    province: '34',
    effectiveFrom: '2009-04-22',
    instrument: anhui,
    url: anhuiUrl,
    notes: anhuiNotes,
  }),
  provincial(nationalRuleSet2012, { id: 'anhui-2012', province: '34', instrument: anhui, url: anhuiUrl, notes: anhuiNotes }),
  provincial(nationalRuleSet2013, { id: 'anhui-2013', province: '34', instrument: anhui, url: anhuiUrl, notes: anhuiNotes }),
  provincial(nationalRuleSet2013, {
    id: 'anhui-2016',
    province: '34',
    effectiveFrom: '2016-11-10',
    instrument: anhui,
    url: anhuiUrl,
    notes: [...anhuiNotes, 'Anhui: the 扶贫对象 waiver is carried from seed 004 (2018 practice in Shou County)'],
    localMeansWaivers: [povertyTarget],
  }),
];
