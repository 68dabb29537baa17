import type { Category, CriminalStage, FormOfAid } from '../../events/catalogue/vocabulary.ts';

export type QualityGrade = 'excellent' | 'good' | 'pass' | 'fail';

/** One rate: what a case of this category, form of aid and (criminal) stage is paid. */
export type SubsidyRate = {
  /** null: any category (the form of aid decides). */
  category: Category | null;
  formOfAid: FormOfAid;
  /** The criminal stage of a notified defence; null: any stage, and matters that have none. */
  stage: CriminalStage | null;
  amountFen: number;
};

/**
 * A dated provincial subsidy rate table (办案补贴标准, Art 52). A table applies to the cases whose
 * relevant date (the China date of their first assignment: the work was undertaken under the rates
 * then in force, as the UK fee schemes go by the date of the representation order) falls on or after
 * its `effectiveFrom`, until a later table of the same province replaces it. A rate change therefore
 * never reaches back to cases assigned before it.
 */
export type SubsidyRateTable = {
  id: string;
  /** GB/T 2260 province code; null for the national default. */
  province: string | null;
  /** YYYY-MM-DD, China calendar date. */
  effectiveFrom: string;
  source: string;
  /** Whether the amounts were checked against the published standard; false: illustrative, to be replaced with the province's figures. */
  verified: boolean;
  rates: readonly SubsidyRate[];
  /**
   * Quality adjustment (seeds: "quality results may adjust them"): percent added to or taken from the
   * rate by the grade of the case's latest file review; a case never reviewed gets `ungraded`.
   */
  qualityAdjustmentPercent: Readonly<Record<QualityGrade | 'ungraded', number>>;
};
