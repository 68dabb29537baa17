import type { DatedRules } from './choose-dated.ts';

/**
 * What the public disclosure (Legal Aid Law Art 58) may show of a count: a cell of fewer than
 * `minimumCount` records is withheld, so that no aided person can be singled out from a published
 * figure. Chosen by the day of publication (the act it governs), as the other dated rule data.
 */
export type DisclosureRule = DatedRules & {
  /** A published count below this is withheld (shown as suppressed, never as 0 or as its value). */
  minimumCount: number;
  source: string;
  /** Whether a statute or a binding notice sets the number (false: this system's policy, pending the department's confirmation). */
  binding: boolean;
};

export const disclosureRules: readonly DisclosureRule[] = [
  {
    id: 'disclosure-2022',
    province: null,
    effectiveFrom: '2022-01-01',
    minimumCount: 5,
    source:
      'Legal Aid Law 2021 Art 58 (justice departments and agencies publish the use of funds, case handling and quality results) and ' +
      'PIPL Art 4 and Art 73(4) (published figures must be anonymised: no natural person identifiable, not restorable). No statute sets ' +
      'a number: 5 is the threshold rule of statistical disclosure control as statistics offices apply it to frequency tables ' +
      '(a cell of fewer than 3 to 5 units withheld, with complementary suppression), taken at its cautious end',
    binding: false,
  },
];
