import { describe, expect, it } from 'vitest';
import { assessSubsidy } from '../../../domain/funding/assess.ts';
import { evolveFundingCaseFacts, initialFundingCaseFacts, type FundingCaseFacts } from '../../../domain/funding/case-facts.ts';
import { fundDecider, remainingFen, type FundState } from '../../../domain/funding/fund.ts';
import type { SubsidyRateTable } from '../../../domain/funding/rate-table.ts';
import { zhejiangRateTable2022, zhejiangRateTable2026 } from '../../../domain/funding/rate-tables.ts';
import {
  decideSubsidyApproval,
  decideSubsidyPayment,
  evolveSubsidy,
  initialSubsidyState,
  type SubsidyState,
} from '../../../domain/funding/subsidy.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { FundEvent, FundRef, SubsidyEvent } from '../../../events/catalogue/funding-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { AGENCY, T, assigned, closed, granted, meansWithin, notified, received, terminated } from './fixtures.ts';

// Funding rules as data: dated rate tables chosen by the case's relevant date, quality adjustment,
// and the earmarked fund that never commits or pays beyond its allocation.

const finance = { id: 'finance-qian', role: 'finance', organisation: AGENCY };
const NOW = T('2026-06-01 09:00');
const localBudget: FundRef = { agencyId: AGENCY, year: 2026, source: 'local-budget' };
const lottery: FundRef = { agencyId: AGENCY, year: 2026, source: 'central-lottery-fund' };

const factsOf = (events: readonly CaseEvent[]): FundingCaseFacts => events.reduce(evolveFundingCaseFacts, initialFundingCaseFacts());
const fileReviewed = (score: number, grade: 'excellent' | 'good' | 'pass' | 'fail', at = T('2026-05-11 09:00')): CaseEvent => ({
  type: 'CaseFileReviewed',
  data: { supervisorId: 's', at, remarks: '', deductions: [], score, grade },
});
/** Zhejiang ('33'), a notified trial defence assigned on `assignedAt`, closed. */
const trialDefence = (assignedAt: string, extra: CaseEvent[] = []) =>
  factsOf([
    notified({ province: '33', receivedAt: T('2025-12-30 09:00'), foundAt: T('2025-12-29 09:00') }),
    assigned('lawyer-wang', 1, assignedAt, 'notification'),
    closed(),
    ...extra,
  ]);

describe('rate tables: dated data, chosen by the relevant date', () => {
  it('a rate change applies only to cases whose first assignment falls on or after it', () => {
    // Zhejiang raised trial defence from 2,000 to 3,000 yuan on 2026-01-01.
    expect(assessSubsidy(trialDefence(T('2025-12-31 23:59')))).toMatchObject({
      rateTableId: 'subsidy-zhejiang-2022',
      relevantDate: '2025-12-31',
      baseFen: 200_000,
      assessedFen: 200_000,
    });
    expect(assessSubsidy(trialDefence(T('2026-01-01 00:00')))).toMatchObject({
      rateTableId: 'subsidy-zhejiang-2026',
      relevantDate: '2026-01-01',
      baseFen: 300_000,
      assessedFen: 300_000,
    });
  });

  it('a province without a table of its own takes the national one; the most specific rate wins', () => {
    // Beijing ('11'), a labour application mediated: the national "any category" mediation rate.
    expect(assessSubsidy(factsOf([received(), meansWithin(), granted(), assigned(), closed()]))).toMatchObject({
      rateTableId: 'subsidy-national-2022',
      baseFen: 150_000,
      rate: { category: null, formOfAid: 'labour-mediation-arbitration' },
    });
    // A criminal defence application has no stage: the stage-less rate, not a stage's.
    const application = factsOf([
      received({ province: '33', category: 'criminal', formOfAid: 'criminal-defence' }),
      meansWithin(),
      granted(),
      assigned('lawyer-wang', 1, T('2026-03-04 09:00')),
      closed(),
    ]);
    expect(assessSubsidy(application)).toMatchObject({ baseFen: 150_000, rate: { stage: null } });
  });

  it('the latest file review adjusts the subsidy by its grade, rounded to the fen', () => {
    expect(assessSubsidy(trialDefence(T('2026-02-01 09:00'), [fileReviewed(95, 'excellent')]))).toMatchObject({
      adjustmentPercent: 10,
      adjustmentFen: 30_000,
      assessedFen: 330_000,
    });
    // A later review replaces an earlier one, whatever order they were recorded in.
    const facts = trialDefence(T('2026-02-01 09:00'), [
      fileReviewed(50, 'fail', T('2026-05-20 09:00')),
      fileReviewed(95, 'excellent', T('2026-05-12 09:00')),
    ]);
    expect(assessSubsidy(facts)).toMatchObject({ grade: 'fail', adjustmentPercent: -50, assessedFen: 150_000 });
    const odd: SubsidyRateTable = {
      ...zhejiangRateTable2026,
      rates: [{ category: null, formOfAid: 'criminal-defence', stage: null, amountFen: 333 }],
      qualityAdjustmentPercent: { ...zhejiangRateTable2026.qualityAdjustmentPercent, pass: -10 },
    };
    expect(assessSubsidy(trialDefence(T('2026-02-01 09:00'), [fileReviewed(70, 'pass')]), [odd])).toMatchObject({
      adjustmentFen: -33,
      assessedFen: 300,
    });
  });

  it('refuses when the case is not closed, no table was in force, or the table has no rate', () => {
    expect(() => assessSubsidy(factsOf([received(), meansWithin(), granted(), assigned()]))).toThrow(
      expect.objectContaining({ code: 'SUBSIDY_CASE_NOT_CLOSED' }),
    );
    expect(() =>
      assessSubsidy(
        trialDefence(T('2026-02-01 09:00')),
        [zhejiangRateTable2026].map((t) => ({ ...t, province: '34' })),
      ),
    ).toThrow(expect.objectContaining({ code: 'NO_RATE_TABLE_IN_FORCE' }));
    expect(() => assessSubsidy(trialDefence(T('2026-02-01 09:00')), [{ ...zhejiangRateTable2022, rates: [] }])).toThrow(
      expect.objectContaining({ code: 'NO_RATE_FOR_CASE' }),
    );
  });
});

const fundSpec = deciderSpec(fundDecider, { now: NOW, actor: finance, fund: localBudget });
const allocated = (amountFen: number): FundEvent => ({
  type: 'FundAllocated',
  data: { ...localBudget, amountFen, reference: 'budget', note: '', allocatedAt: T('2026-01-05 09:00') },
});
const committed = (caseId: string, amountFen: number): FundEvent => ({
  type: 'SubsidyCommitted',
  data: { caseId, amountFen, committedAt: T('2026-05-01 09:00') },
});
const paidFrom = (caseId: string, amountFen: number): FundEvent => ({
  type: 'SubsidyPaidFromFund',
  data: { caseId, workerId: 'lawyer-wang', amountFen, reference: 'p', paidAt: T('2026-05-02 09:00') },
});

describe('an earmarked fund (专款专用)', () => {
  it('allocations add up; commitments and payments come off what remains', () => {
    const s = fundSpec.given([allocated(100_000), allocated(50_000), committed('c1', 40_000), paidFrom('c0', 30_000)]).state();
    expect(s).toMatchObject({ allocatedFen: 150_000, committedFen: 40_000, paidFen: 30_000 });
    expect(remainingFen(s)).toBe(80_000);
  });

  it('never commits or pays beyond its allocation, and says by how much', () => {
    const history = [allocated(100_000), committed('c1', 60_000)];
    fundSpec
      .given(history)
      .when({ type: 'CommitSubsidy', data: { caseId: 'c2', amountFen: 40_000 } })
      .then([{ type: 'SubsidyCommitted', data: { caseId: 'c2', amountFen: 40_000, committedAt: NOW } }]);
    const refused = fundSpec
      .given(history)
      .when({ type: 'CommitSubsidy', data: { caseId: 'c2', amountFen: 40_001 } })
      .thenThrows('FUND_ALLOCATION_EXCEEDED');
    expect(refused.rule).toBe('Art 4');
    expect(refused.message).toMatch(/100000 fen allocated, 60000 committed, 0 paid, 40000 left/);
    fundSpec
      .given(history)
      .when({ type: 'PaySubsidyFromFund', data: { caseId: 'c2', workerId: 'w', amountFen: 40_001, reference: 'p' } })
      .thenThrows('FUND_ALLOCATION_EXCEEDED');
    // Paying a commitment of this fund moves it to paid: it needs no more room than it holds.
    fundSpec
      .given([...history, paidFrom('c3', 40_000)])
      .when({ type: 'PaySubsidyFromFund', data: { caseId: 'c1', workerId: 'w', amountFen: 60_000, reference: 'p' } })
      .events();
    fundSpec
      .given([...history, paidFrom('c3', 40_000)])
      .when({ type: 'PaySubsidyFromFund', data: { caseId: 'c1', workerId: 'w', amountFen: 60_001, reference: 'p' } })
      .thenThrows('FUND_ALLOCATION_EXCEEDED');
  });

  it('refuses an empty fund, a second commitment of a case, and an allocation of nothing', () => {
    fundSpec
      .given([])
      .when({ type: 'CommitSubsidy', data: { caseId: 'c1', amountFen: 1 } })
      .thenThrows('FUND_NOT_FOUND');
    fundSpec
      .given([allocated(100), committed('c1', 10)])
      .when({ type: 'CommitSubsidy', data: { caseId: 'c1', amountFen: 10 } })
      .thenThrows('SUBSIDY_ALREADY_COMMITTED');
    fundSpec
      .given([])
      .when({ type: 'AllocateFund', data: { ...localBudget, amountFen: 0, reference: 'x', note: '' } })
      .thenThrows('ALLOCATION_INVALID');
  });
});

describe('a subsidy: approved on a closed case, paid from a named fund', () => {
  const caseFacts = trialDefence(T('2026-02-01 09:00'), [fileReviewed(85, 'good')]);
  const fund = (events: FundEvent[], ref = localBudget): FundState => ({
    ...events.reduce(fundDecider.evolve, fundDecider.initialState()),
    ...ref,
  });
  const ctx = { now: NOW, actor: finance };
  const subsidyOf = (events: SubsidyEvent[]): SubsidyState => events.reduce(evolveSubsidy, initialSubsidyState());

  it('approval records the assessment and commits it on the fund', () => {
    const d = decideSubsidyApproval(
      { fund: { year: 2026, source: 'local-budget' }, note: '' },
      initialSubsidyState(),
      caseFacts,
      fund([allocated(1_000_000)]),
      ctx,
    );
    expect(d.subsidy).toEqual([
      {
        type: 'SubsidyApproved',
        data: expect.objectContaining({
          caseId: 'case-2',
          workerId: 'lawyer-wang',
          rateTableId: 'subsidy-zhejiang-2026',
          assessedFen: 300_000,
          approvedFen: 300_000,
          fund: localBudget,
        }),
      },
    ]);
    expect(d.fund).toEqual([{ type: 'SubsidyCommitted', data: { caseId: 'case-2', amountFen: 300_000, committedAt: NOW } }]);
  });

  it('refuses more than assessed, less without a reason, a second approval, an open or terminated case, and a fund without room', () => {
    const room = fund([allocated(1_000_000)]);
    const approve =
      (over: object, facts = caseFacts, subsidy = initialSubsidyState(), f = room) =>
      () =>
        decideSubsidyApproval({ fund: { year: 2026, source: 'local-budget' }, note: '', ...over }, subsidy, facts, f, ctx);
    expect(approve({ approvedFen: 300_001 })).toThrow(expect.objectContaining({ code: 'SUBSIDY_ABOVE_ASSESSMENT' }));
    expect(approve({ approvedFen: 200_000 })).toThrow(expect.objectContaining({ code: 'SUBSIDY_REDUCTION_REASON_REQUIRED' }));
    expect(approve({ approvedFen: 200_000, note: '办案质量一般' })()).toMatchObject({
      subsidy: [{ data: { approvedFen: 200_000, assessedFen: 300_000 } }],
    });
    const once = approve({})().subsidy as SubsidyEvent[];
    expect(approve({}, caseFacts, subsidyOf(once))).toThrow(expect.objectContaining({ code: 'SUBSIDY_ALREADY_APPROVED' }));
    expect(approve({}, factsOf([received(), meansWithin(), granted(), assigned(), terminated()]))).toThrow(
      expect.objectContaining({ code: 'SUBSIDY_CASE_NOT_CLOSED' }),
    );
    expect(approve({}, caseFacts, initialSubsidyState(), fund([allocated(299_999)]))).toThrow(
      expect.objectContaining({ code: 'FUND_ALLOCATION_EXCEEDED' }),
    );
  });

  it('payment from the committed fund; from another fund it needs room there and releases the commitment', () => {
    const approved = subsidyOf(
      decideSubsidyApproval(
        { fund: { year: 2026, source: 'local-budget' }, note: '' },
        initialSubsidyState(),
        caseFacts,
        fund([allocated(1_000_000)]),
        ctx,
      ).subsidy,
    );
    const same = decideSubsidyPayment(
      { fund: { year: 2026, source: 'local-budget' }, reference: 'p1' },
      approved,
      fund([allocated(300_000), committed('case-2', 300_000)]),
      null,
      ctx,
    );
    expect(same.funds).toEqual([
      {
        ref: localBudget,
        events: [
          {
            type: 'SubsidyPaidFromFund',
            data: { caseId: 'case-2', workerId: 'lawyer-wang', amountFen: 300_000, reference: 'p1', paidAt: NOW },
          },
        ],
      },
    ]);
    const lotteryFund = (amount: number) =>
      fund(
        [{ type: 'FundAllocated', data: { ...lottery, amountFen: amount, reference: 'l', note: '', allocatedAt: T('2026-01-05 09:00') } }],
        lottery,
      );
    const other = decideSubsidyPayment(
      { fund: { year: 2026, source: 'central-lottery-fund' }, reference: 'p1' },
      approved,
      lotteryFund(300_000),
      fund([allocated(1_000_000), committed('case-2', 300_000)]),
      ctx,
    );
    expect(other.funds.map((f) => [f.ref.source, f.events.map((e) => e.type)])).toEqual([
      ['central-lottery-fund', ['SubsidyPaidFromFund']],
      ['local-budget', ['SubsidyCommitmentReleased']],
    ]);
    expect(() =>
      decideSubsidyPayment(
        { fund: { year: 2026, source: 'central-lottery-fund' }, reference: 'p1' },
        approved,
        lotteryFund(299_999),
        fund([allocated(1_000_000), committed('case-2', 300_000)]),
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'FUND_ALLOCATION_EXCEEDED' }));
    const paid = subsidyOf([
      ...decideSubsidyApproval(
        { fund: { year: 2026, source: 'local-budget' }, note: '' },
        initialSubsidyState(),
        caseFacts,
        fund([allocated(1_000_000)]),
        ctx,
      ).subsidy,
      ...same.subsidy,
    ]);
    expect(() =>
      decideSubsidyPayment({ fund: { year: 2026, source: 'local-budget' }, reference: 'p2' }, paid, fund([allocated(1)]), null, ctx),
    ).toThrow(expect.objectContaining({ code: 'SUBSIDY_ALREADY_PAID' }));
    expect(() =>
      decideSubsidyPayment(
        { fund: { year: 2026, source: 'local-budget' }, reference: 'p2' },
        initialSubsidyState(),
        fund([allocated(1)]),
        null,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'SUBSIDY_NOT_APPROVED' }));
  });
});
