import type { SubsidyRate, SubsidyRateTable } from './rate-table.ts';

// Illustrative rate tables in the shape a province publishes them (amounts in fen). Whoever maintains
// the rules replaces them with the province's published figures; the code never changes for that.
// A new table is added beside the old one with its own effectiveFrom: never edit a table in force,
// or cases already assessed under it would be assessed differently on a rebuild.

const yuan = (n: number) => n * 100;

const nationalRates: readonly SubsidyRate[] = [
  // Criminal defence by stage (notified defence carries its stage; an application has none).
  { category: 'criminal', formOfAid: 'criminal-defence', stage: 'investigation', amountFen: yuan(1000) },
  { category: 'criminal', formOfAid: 'criminal-defence', stage: 'prosecution-review', amountFen: yuan(1000) },
  { category: 'criminal', formOfAid: 'criminal-defence', stage: 'trial', amountFen: yuan(2000) },
  { category: 'criminal', formOfAid: 'criminal-defence', stage: 'death-penalty-review', amountFen: yuan(5000) },
  { category: 'criminal', formOfAid: 'criminal-defence', stage: null, amountFen: yuan(1500) },
  { category: 'criminal', formOfAid: 'criminal-representation', stage: null, amountFen: yuan(1500) },
  // Civil, administrative, state-compensation and labour litigation.
  { category: 'civil', formOfAid: 'litigation-representation', stage: null, amountFen: yuan(2500) },
  { category: 'administrative', formOfAid: 'litigation-representation', stage: null, amountFen: yuan(2500) },
  { category: 'state-compensation', formOfAid: 'litigation-representation', stage: null, amountFen: yuan(3000) },
  { category: 'labour', formOfAid: 'litigation-representation', stage: null, amountFen: yuan(2000) },
  { category: null, formOfAid: 'labour-mediation-arbitration', stage: null, amountFen: yuan(1500) },
  { category: null, formOfAid: 'non-litigation-representation', stage: null, amountFen: yuan(1000) },
  { category: null, formOfAid: 'document-drafting', stage: null, amountFen: yuan(300) },
];

const seed002Adjustments: SubsidyRateTable['qualityAdjustmentPercent'] = { excellent: 10, good: 0, pass: -10, fail: -50, ungraded: 0 };
/**
 * The rates for cases first assigned before the 2021 law, so a 2018 case is assessed rather than
 * refused. No national subsidy standard existed then: each province (and often each city) set its
 * own (Zhejiang: 浙江省法律援助经费使用管理办法, 浙财行〔2013〕117号, replaced by 浙财行〔2020〕21号,
 * http://nbxinxi.com/a/chengzhoushi/20210603/225316.html); their amounts were not read here, so the
 * table carries the illustrative national amounts, unverified, until a province's figures replace them.
 */
export const nationalRateTable2003: SubsidyRateTable = {
  id: 'subsidy-national-2003',
  province: null,
  effectiveFrom: '2003-09-01',
  source:
    '法律援助条例 Art 24 (subsidies paid by the agency, amounts set locally); no national standard before 司发通〔2019〕27号 — amounts illustrative, unverified',
  verified: false,
  rates: nationalRates,
  // Seed 002's grading carried back as it stands (its date was not established): unverified like the amounts.
  qualityAdjustmentPercent: seed002Adjustments,
};

export const nationalRateTable2022: SubsidyRateTable = {
  id: 'subsidy-national-2022',
  province: null,
  effectiveFrom: '2022-01-01',
  source: 'national default (illustrative)',
  verified: false,
  rates: nationalRates,
  qualityAdjustmentPercent: seed002Adjustments,
};

export const zhejiangRateTable2022: SubsidyRateTable = {
  ...nationalRateTable2022,
  id: 'subsidy-zhejiang-2022',
  province: '33',
  source: 'Zhejiang subsidy standard (illustrative)',
};

/** Zhejiang raises trial defence and civil litigation from 2026 (seed 004: "提高案件补贴标准"). */
export const zhejiangRateTable2026: SubsidyRateTable = {
  ...zhejiangRateTable2022,
  id: 'subsidy-zhejiang-2026',
  effectiveFrom: '2026-01-01',
  source: 'Zhejiang subsidy standard, 2026 revision (illustrative)',
  rates: nationalRates.map((r) =>
    r.formOfAid === 'criminal-defence' && r.stage === 'trial'
      ? { ...r, amountFen: yuan(3000) }
      : r.formOfAid === 'litigation-representation' && r.category === 'civil'
        ? { ...r, amountFen: yuan(3000) }
        : r,
  ),
};

export const anhuiRateTable2022: SubsidyRateTable = {
  ...nationalRateTable2022,
  id: 'subsidy-anhui-2022',
  province: '34',
  source: 'Anhui subsidy standard (illustrative)',
  rates: nationalRates.map((r) => ({ ...r, amountFen: Math.round(r.amountFen * 0.8) })),
};

export const subsidyRateTables: readonly SubsidyRateTable[] = [
  nationalRateTable2003,
  nationalRateTable2022,
  zhejiangRateTable2022,
  zhejiangRateTable2026,
  anhuiRateTable2022,
];
