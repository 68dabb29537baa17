import type { DutyServiceKind } from '../../events/catalogue/duty-programme-events.ts';
import { chooseDated, type DatedRules } from '../rules/choose-dated.ts';

// Duty pay (值班补贴, Art 52: subsidies by service form, set per province). A shift attended (on time
// or late) is paid per shift, and each service given on it per service of its kind; an absence is
// paid nothing. Tables are dated and chosen by the shift's date, as the case subsidy tables are by
// the case's relevant date: a rate change never reaches back to shifts already worked.

export type DutyPayRateTable = DatedRules & {
  source: string;
  /** false: illustrative amounts, to be replaced with the province's published figures. */
  verified: boolean;
  perShiftFen: number;
  perServiceFen: Readonly<Record<DutyServiceKind, number>>;
};

const yuan = (n: number) => n * 100;

export const dutyPayRateTables: readonly DutyPayRateTable[] = [
  {
    id: 'duty-pay-national-2022',
    province: null,
    effectiveFrom: '2022-01-01',
    source:
      '法律援助法 Art 52 (subsidies set by province by service form); 司法部 财政部 关于完善法律援助补贴标准的指导意见 (司发通〔2019〕27号) — amounts illustrative, unverified',
    verified: false,
    perShiftFen: yuan(200),
    perServiceFen: {
      consultation: yuan(20),
      'procedure-advice': yuan(30),
      'measure-change-request': yuan(50),
      opinion: yuan(50),
      'plea-signing': yuan(100),
    },
  },
];

export const dutyPayRatesFor = (province: string | null, relevantAt: string): DutyPayRateTable | null =>
  chooseDated(dutyPayRateTables, province, relevantAt);
