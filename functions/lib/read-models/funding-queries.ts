import type { SubsidyAssessment } from '../../../domain/funding/assess.ts';
import type { FundingCaseFacts } from '../../../domain/funding/case-facts.ts';
import type { SubsidyState } from '../../../domain/funding/subsidy.ts';
import { chinaMonthOf, periodBounds } from '../../../domain/statistics/period.ts';
import { fundingKeys } from './keys.ts';
import type { ReadModelTable } from './read-model-table.ts';

// Funding figures summed at query time from the funding items (never stored as running totals):
// per lawyer assessed / approved / paid, per fund allocated / committed / paid / remaining, per month.

export type AssessedCase = {
  caseId: string;
  facts: FundingCaseFacts;
  assessment: SubsidyAssessment | null;
  refusal: { code: string; reason: string } | null;
};
export type FundSummary = {
  agencyId: string;
  year: number;
  source: string;
  allocatedFen: number;
  committedFen: number;
  paidFen: number;
  remainingFen: number;
  paidByMonth: Record<string, number>;
};

/** Funds sort by `<year>#<source>`. */
const fundYearRange = (year?: string) => (year ? { from: `${year}#`, below: `${year}$` } : {});
/** Cases and subsidies sort by a UTC time: the China year's bounds. */
const utcYearRange = (year?: string) => (year ? periodBounds({ kind: 'year', year: Number(year) }) : {});

const inYear = (iso: string | null | undefined, year?: string) => !year || (!!iso && chinaMonthOf(iso).startsWith(`${year}-`));

export const loadFunding = (table: ReadModelTable) => {
  const cases = async (pk: string, index: 'gsi1' | 'gsi3', year?: string): Promise<AssessedCase[]> =>
    (await table.queryAll({ index, pk, ...utcYearRange(year) }))
      .map((i) => ({
        caseId: String(i.pk).slice(fundingKeys.casePk('').length),
        facts: i.state as FundingCaseFacts,
        assessment: (i.assessment ?? null) as SubsidyAssessment | null,
        refusal: (i.assessmentRefusal ?? null) as AssessedCase['refusal'],
      }))
      .filter((c) => inYear(c.facts.closedAt, year));
  const subsidies = async (pk: string, index: 'gsi1' | 'gsi3', year?: string): Promise<SubsidyState[]> =>
    (await table.queryAll({ index, pk, ...utcYearRange(year) }))
      .map((i) => i.state as SubsidyState)
      .filter((s) => inYear(s.approvedAt, year));
  return {
    agencyCases: (agencyId: string, year?: string) => cases(fundingKeys.agencyCases(agencyId), 'gsi1', year),
    workerCases: (workerId: string, year?: string) => cases(fundingKeys.workerCases(workerId), 'gsi3', year),
    agencySubsidies: (agencyId: string, year?: string) => subsidies(fundingKeys.agencySubsidies(agencyId), 'gsi1', year),
    workerSubsidies: (workerId: string, year?: string) => subsidies(fundingKeys.workerSubsidies(workerId), 'gsi3', year),
    funds: async (agencyId: string, year?: string): Promise<FundSummary[]> =>
      (await table.queryAll({ index: 'gsi1', pk: fundingKeys.agencyFunds(agencyId), ...fundYearRange(year) })).map(
        (i) => i.summary as FundSummary,
      ),
  };
};

/** Assessed, approved and paid, per lawyer. */
export const byLawyer = (cases: readonly AssessedCase[], subsidies: readonly SubsidyState[]) => {
  const workers = [
    ...new Set([...cases.map((c) => c.facts.closedByWorkerId), ...subsidies.map((s) => s.workerId)].filter((w): w is string => !!w)),
  ].sort();
  return workers.map((workerId) => {
    const mine = cases.filter((c) => c.facts.closedByWorkerId === workerId);
    const approved = subsidies.filter((s) => s.workerId === workerId);
    const paid = approved.filter((s) => s.paid !== null);
    return {
      workerId,
      closedCases: mine.length,
      assessedFen: mine.reduce((n, c) => n + (c.assessment?.assessedFen ?? 0), 0),
      notAssessable: mine.filter((c) => c.assessment === null).length,
      approvedCases: approved.length,
      approvedFen: approved.reduce((n, s) => n + s.approvedFen, 0),
      paidCases: paid.length,
      paidFen: paid.reduce((n, s) => n + (s.paid?.amountFen ?? 0), 0),
    };
  });
};

/** Assessed (by closing month), approved (by approval month) and paid (by payment month), month by month of a year. */
export const byMonth = (year: string, cases: readonly AssessedCase[], subsidies: readonly SubsidyState[]) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((month) => {
    const closed = cases.filter((c) => c.facts.closedAt && chinaMonthOf(c.facts.closedAt) === month);
    const approved = subsidies.filter((s) => s.approvedAt && chinaMonthOf(s.approvedAt) === month);
    const paid = subsidies.filter((s) => s.paid && chinaMonthOf(s.paid.paidAt) === month);
    return {
      month,
      assessedCases: closed.length,
      assessedFen: closed.reduce((n, c) => n + (c.assessment?.assessedFen ?? 0), 0),
      approvedCases: approved.length,
      approvedFen: approved.reduce((n, s) => n + s.approvedFen, 0),
      paidCases: paid.length,
      paidFen: paid.reduce((n, s) => n + (s.paid?.amountFen ?? 0), 0),
    };
  });
