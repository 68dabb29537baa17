import { refuse } from '../error-codes.ts';
import type { DomainError } from '../errors.ts';
import { chooseDated } from '../rules/choose-dated.ts';
import { chinaDateOf } from '../time/calendar.ts';
import type { FundingCaseFacts } from './case-facts.ts';
import type { SubsidyRate, SubsidyRateTable } from './rate-table.ts';
import { subsidyRateTables } from './rate-tables.ts';

export type SubsidyAssessment = {
  rateTableId: string;
  /** The China date that chose the table: the first assignment. */
  relevantDate: string;
  rate: { category: string | null; formOfAid: string; stage: string | null };
  baseFen: number;
  grade: string | null;
  adjustmentPercent: number;
  adjustmentFen: number;
  assessedFen: number;
};

/** The most specific rate for the case: an exact category beats "any", an exact stage beats "any". */
const rateFor = (table: SubsidyRateTable, f: FundingCaseFacts): SubsidyRate | null => {
  const candidates = table.rates.filter(
    (r) => r.formOfAid === f.formOfAid && (r.category === null || r.category === f.category) && (r.stage === null || r.stage === f.stage),
  );
  const score = (r: SubsidyRate) => (r.category !== null ? 2 : 0) + (r.stage !== null ? 1 : 0);
  return candidates.reduce<SubsidyRate | null>((best, r) => (!best || score(r) > score(best) ? r : best), null);
};

/**
 * The subsidy a closed case earns under the rate table in force on its relevant date, adjusted by
 * its latest file-review grade. Amounts are whole fen; the adjustment rounds half away from zero.
 */
export const assessSubsidy = (f: FundingCaseFacts, tables: readonly SubsidyRateTable[] = subsidyRateTables): SubsidyAssessment => {
  if (!f.closedAt || !f.firstAssignedAt || !f.province || !f.formOfAid) throw refuse('SUBSIDY_CASE_NOT_CLOSED', 'the case is not closed');
  const relevantDate = chinaDateOf(f.firstAssignedAt);
  const table = chooseDated(tables, f.province, f.firstAssignedAt);
  if (!table) throw refuse('NO_RATE_TABLE_IN_FORCE', `no subsidy rate table was in force in province ${f.province} on ${relevantDate}`);
  const rate = rateFor(table, f);
  if (!rate)
    throw refuse(
      'NO_RATE_FOR_CASE',
      `${table.id} has no rate for ${f.category} / ${f.formOfAid}${f.stage ? ` at the ${f.stage} stage` : ''}`,
    );
  const adjustmentPercent = table.qualityAdjustmentPercent[f.fileReviewGrade ?? 'ungraded'];
  const raw = (rate.amountFen * adjustmentPercent) / 100;
  const adjustmentFen = Math.sign(raw) * Math.round(Math.abs(raw));
  return {
    rateTableId: table.id,
    relevantDate,
    rate: { category: rate.category, formOfAid: rate.formOfAid, stage: rate.stage },
    baseFen: rate.amountFen,
    grade: f.fileReviewGrade,
    adjustmentPercent,
    adjustmentFen,
    assessedFen: Math.max(0, rate.amountFen + adjustmentFen),
  };
};

/** The assessment, or why there is none, for read models that must never throw on a case. */
export const tryAssessSubsidy = (
  f: FundingCaseFacts,
  tables: readonly SubsidyRateTable[] = subsidyRateTables,
): { assessment: SubsidyAssessment; refusal: null } | { assessment: null; refusal: { code: string; reason: string } } => {
  try {
    return { assessment: assessSubsidy(f, tables), refusal: null };
  } catch (error) {
    const e = error as DomainError;
    if (typeof e.code !== 'string') throw error;
    return { assessment: null, refusal: { code: e.code, reason: e.message } };
  }
};
