import type { FundRef, SubsidyEvent } from '../../events/catalogue/funding-events.ts';
import type { FundEvent } from './fund.ts';
import type { Actor } from '../../events/envelope.ts';
import { refuse } from '../error-codes.ts';
import { requireText } from '../guards.ts';
import { assessSubsidy } from './assess.ts';
import type { FundingCaseFacts } from './case-facts.ts';
import type { ApproveSubsidyData, PaySubsidyData } from './commands.ts';
import { fundDecider, fundLabel, fundRefOf, type FundState } from './fund.ts';
import type { SubsidyRateTable } from './rate-table.ts';

// The subsidy of one closed case (`subsidy#<caseId>`), approved and paid by finance. Approval and
// payment each write the subsidy stream and the fund stream(s) in one appendMany, each at the version
// it was decided on: the fund's decider is what keeps money within its allocation.

export type SubsidyState = {
  status: 'none' | 'approved' | 'paid';
  caseId: string | null;
  agencyId: string | null;
  workerId: string | null;
  assessedFen: number;
  approvedFen: number;
  approvedAt: string | null;
  /** The fund the approved subsidy is committed on. */
  fund: FundRef | null;
  paid: { fund: FundRef; amountFen: number; reference: string; paidAt: string } | null;
};

export const initialSubsidyState = (): SubsidyState => ({
  status: 'none',
  caseId: null,
  agencyId: null,
  workerId: null,
  assessedFen: 0,
  approvedFen: 0,
  approvedAt: null,
  fund: null,
  paid: null,
});

export const evolveSubsidy = (s: SubsidyState, event: SubsidyEvent): SubsidyState => {
  switch (event.type) {
    case 'SubsidyApproved': {
      const d = event.data;
      return {
        ...s,
        status: 'approved',
        caseId: d.caseId,
        agencyId: d.agencyId,
        workerId: d.workerId,
        assessedFen: d.assessedFen,
        approvedFen: d.approvedFen,
        approvedAt: d.approvedAt,
        fund: d.fund,
      };
    }
    case 'SubsidyPaid':
      return {
        ...s,
        status: 'paid',
        paid: { fund: event.data.fund, amountFen: event.data.amountFen, reference: event.data.reference, paidAt: event.data.paidAt },
      };
  }
};

/**
 * `payingAgencyId`: whose funds pay the case's subsidy on the day of the act, the case's agency or
 * (the registry says) the agency it has since merged into; without it, the case's agency as recorded.
 */
export type SubsidyContext = { now: string; actor: Actor; rateTables?: readonly SubsidyRateTable[]; payingAgencyId?: string };

const sameFund = (a: FundRef | null, b: FundRef | null) =>
  !!a && !!b && a.agencyId === b.agencyId && a.year === b.year && a.source === b.source;

/** Approval: the subsidy stream records it, the named fund commits it (or refuses beyond its allocation). */
export const decideSubsidyApproval = (
  data: ApproveSubsidyData,
  subsidy: SubsidyState,
  facts: FundingCaseFacts,
  fund: FundState,
  context: SubsidyContext,
): { subsidy: SubsidyEvent[]; fund: FundEvent[]; fundRef: FundRef } => {
  if (subsidy.status !== 'none')
    throw refuse('SUBSIDY_ALREADY_APPROVED', `the subsidy of case ${facts.caseId} was approved on ${subsidy.approvedAt}`);
  if (!facts.closedAt || !facts.closedByWorkerId || !facts.agencyId || !facts.caseId)
    throw refuse('SUBSIDY_CASE_NOT_CLOSED', 'a subsidy is approved once the case is closed');
  const assessment = assessSubsidy(facts, context.rateTables);
  const approvedFen = data.approvedFen ?? assessment.assessedFen;
  if (approvedFen > assessment.assessedFen) {
    throw refuse(
      'SUBSIDY_ABOVE_ASSESSMENT',
      `${approvedFen} fen is more than the ${assessment.assessedFen} fen ${assessment.rateTableId} gives`,
      'approvedFen',
    );
  }
  const note =
    approvedFen < assessment.assessedFen
      ? requireText(data.note, 'SUBSIDY_REDUCTION_REASON_REQUIRED', 'note', 'the reason for approving less than assessed')
      : data.note;
  const fundRef: FundRef = { agencyId: context.payingAgencyId ?? facts.agencyId, ...data.fund };
  const fundEvents = fundDecider.decide({ type: 'CommitSubsidy', data: { caseId: facts.caseId, amountFen: approvedFen } }, fund, {
    ...context,
    fund: fundRef,
  });
  return {
    fundRef,
    fund: fundEvents,
    subsidy: [
      {
        type: 'SubsidyApproved',
        data: {
          caseId: facts.caseId,
          agencyId: facts.agencyId,
          workerId: facts.closedByWorkerId,
          rateTableId: assessment.rateTableId,
          relevantDate: assessment.relevantDate,
          baseFen: assessment.baseFen,
          adjustmentPercent: assessment.adjustmentPercent,
          assessedFen: assessment.assessedFen,
          approvedFen,
          fund: fundRef,
          note,
          approvedAt: context.now,
        },
      },
    ],
  };
};

/** The funds a payment of `subsidy` from `data.fund` touches: the named one, and the one it was committed on if another. */
export const fundsOfPayment = (
  data: PaySubsidyData,
  subsidy: SubsidyState,
  payingAgencyId?: string,
): { target: FundRef; committed: FundRef | null } => {
  if (subsidy.status === 'none' || !subsidy.agencyId) throw refuse('SUBSIDY_NOT_APPROVED', 'the subsidy has not been approved');
  if (subsidy.status === 'paid') throw refuse('SUBSIDY_ALREADY_PAID', `the subsidy was paid on ${subsidy.paid?.paidAt}`);
  const target: FundRef = { agencyId: payingAgencyId ?? subsidy.agencyId, ...data.fund };
  return { target, committed: sameFund(subsidy.fund, target) ? null : subsidy.fund };
};

/**
 * Payment: from the named fund, which never pays beyond its allocation. Paying from the fund the
 * subsidy is committed on turns the commitment into a payment; paying from another fund needs room
 * there and releases the commitment where it was.
 */
export const decideSubsidyPayment = (
  data: PaySubsidyData,
  subsidy: SubsidyState,
  target: FundState,
  committedElsewhere: FundState | null,
  context: SubsidyContext,
): { subsidy: SubsidyEvent[]; funds: { ref: FundRef; events: FundEvent[] }[] } => {
  const refs = fundsOfPayment(data, subsidy, context.payingAgencyId);
  const caseId = subsidy.caseId!;
  if (target.status !== 'none' && !sameFund(fundRefOf(target), refs.target))
    throw new Error(`loaded ${fundLabel(fundRefOf(target)!)} for ${fundLabel(refs.target)}`);
  const paid = fundDecider.decide(
    {
      type: 'PaySubsidyFromFund',
      data: { caseId, workerId: subsidy.workerId!, amountFen: subsidy.approvedFen, reference: data.reference },
    },
    target,
    { ...context, fund: refs.target },
  );
  const funds = [{ ref: refs.target, events: paid }];
  if (refs.committed && committedElsewhere) {
    funds.push({
      ref: refs.committed,
      events: fundDecider.decide({ type: 'ReleaseCommitment', data: { caseId } }, committedElsewhere, { ...context, fund: refs.committed }),
    });
  }
  return {
    funds,
    subsidy: [
      { type: 'SubsidyPaid', data: { fund: refs.target, amountFen: subsidy.approvedFen, reference: data.reference, paidAt: context.now } },
    ],
  };
};
