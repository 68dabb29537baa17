import type { FundDutyPayEvent } from '../../events/catalogue/duty-programme-events.ts';
import type { FundEvent as CaseFundEvent, FundRef, FundSource } from '../../events/catalogue/funding-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { isWholeFen } from '../guards.ts';

// One earmarked fund (专款专用) of an agency for a budget year and source, on stream
// `fund#<agencyId>#<year>#<source>`. The decider refuses anything that would take the fund beyond
// its allocation; the store's optimistic concurrency on the stream makes that hold under races too:
// two payments decided on the same version cannot both be appended. Duty pay (domain/duty/pay.ts) is
// committed and paid on the same funds under the same rule, beside the case subsidies.

/** Every event of a fund stream. */
export type FundEvent = CaseFundEvent | FundDutyPayEvent;

export type FundState = {
  status: 'none' | 'open';
  agencyId: string | null;
  year: number | null;
  source: FundSource | null;
  allocatedFen: number;
  allocations: { amountFen: number; reference: string; allocatedAt: string }[];
  /** Approved subsidies reserved on this fund and not yet paid (or released). */
  commitments: { caseId: string; amountFen: number; committedAt: string }[];
  payments: { caseId: string; workerId: string; amountFen: number; reference: string; paidAt: string }[];
  /** Duty pay (`<shiftId>#<lawyerId>`) reserved on approval and not yet paid; absent from states folded before duty pay. */
  dutyPayCommitments?: { claimId: string; amountFen: number }[];
  dutyPayPayments?: { claimId: string; workerId: string; amountFen: number; reference: string; paidAt: string }[];
  committedFen: number;
  paidFen: number;
};

export const initialFundState = (): FundState => ({
  status: 'none',
  agencyId: null,
  year: null,
  source: null,
  allocatedFen: 0,
  allocations: [],
  commitments: [],
  payments: [],
  committedFen: 0,
  paidFen: 0,
});

/** What is still free: allocated, less what is committed and what is paid. */
export const remainingFen = (s: FundState): number => s.allocatedFen - s.committedFen - s.paidFen;

export const fundRefOf = (s: FundState): FundRef | null =>
  s.agencyId && s.year && s.source ? { agencyId: s.agencyId, year: s.year, source: s.source } : null;

export const fundLabel = (ref: FundRef) => `${ref.agencyId}/${ref.year}/${ref.source}`;

export type FundCommand =
  | {
      type: 'AllocateFund';
      data: { agencyId: string; year: number; source: FundSource; amountFen: number; reference: string; note: string };
    }
  | { type: 'CommitSubsidy'; data: { caseId: string; amountFen: number } }
  | { type: 'PaySubsidyFromFund'; data: { caseId: string; workerId: string; amountFen: number; reference: string } }
  | { type: 'ReleaseCommitment'; data: { caseId: string } }
  | { type: 'CommitDutyPay'; data: { claimId: string; amountFen: number } }
  | { type: 'PayDutyPayFromFund'; data: { claimId: string; workerId: string; amountFen: number; reference: string } };

export type FundContext = { now: string; actor: Actor; fund: FundRef };

const beyondAllocation = (s: FundState, ref: FundRef, amountFen: number, what: string) =>
  refuse(
    'FUND_ALLOCATION_EXCEEDED',
    `${what} of ${amountFen} fen would take fund ${fundLabel(ref)} beyond its allocation: ${s.allocatedFen} fen allocated, ${s.committedFen} committed, ${s.paidFen} paid, ${remainingFen(s)} left`,
    'fund',
  );

const decide = (command: FundCommand, s: FundState, context: FundContext): FundEvent[] => {
  const ref = context.fund;
  if (command.type === 'AllocateFund') {
    const d = command.data;
    if (d.agencyId !== ref.agencyId || d.year !== ref.year || d.source !== ref.source)
      throw new Error('an allocation is decided on its own fund stream');
    if (!isWholeFen(d.amountFen) || d.amountFen <= 0)
      throw refuse('ALLOCATION_INVALID', 'an allocation is a whole, positive number of fen', 'amountFen');
    return [{ type: 'FundAllocated', data: { ...d, allocatedAt: context.now } }];
  }
  if (s.status === 'none') throw refuse('FUND_NOT_FOUND', `nothing has been allocated to fund ${fundLabel(ref)}`, 'fund');
  switch (command.type) {
    case 'CommitSubsidy': {
      const { caseId, amountFen } = command.data;
      if (s.commitments.some((c) => c.caseId === caseId))
        throw refuse('SUBSIDY_ALREADY_COMMITTED', `case ${caseId} already has a commitment on ${fundLabel(ref)}`);
      if (amountFen > remainingFen(s)) throw beyondAllocation(s, ref, amountFen, 'a commitment');
      return [{ type: 'SubsidyCommitted', data: { caseId, amountFen, committedAt: context.now } }];
    }
    case 'PaySubsidyFromFund': {
      const { caseId, amountFen } = command.data;
      const commitment = s.commitments.find((c) => c.caseId === caseId);
      // Paying a commitment of this fund moves it from committed to paid; anything else needs room.
      const room = remainingFen(s) + (commitment?.amountFen ?? 0);
      if (amountFen > room) throw beyondAllocation(s, ref, amountFen, 'a payment');
      return [{ type: 'SubsidyPaidFromFund', data: { ...command.data, paidAt: context.now } }];
    }
    case 'CommitDutyPay': {
      const { claimId, amountFen } = command.data;
      if ((s.dutyPayCommitments ?? []).some((c) => c.claimId === claimId))
        throw refuse('SUBSIDY_ALREADY_COMMITTED', `duty pay ${claimId} already has a commitment on ${fundLabel(ref)}`);
      if (amountFen > remainingFen(s)) throw beyondAllocation(s, ref, amountFen, 'a commitment');
      return [{ type: 'DutyPayCommitted', data: { claimId, amountFen, committedAt: context.now } }];
    }
    case 'PayDutyPayFromFund': {
      const commitment = (s.dutyPayCommitments ?? []).find((c) => c.claimId === command.data.claimId);
      const room = remainingFen(s) + (commitment?.amountFen ?? 0);
      if (command.data.amountFen > room) throw beyondAllocation(s, ref, command.data.amountFen, 'a payment');
      return [{ type: 'DutyPayPaidFromFund', data: { ...command.data, paidAt: context.now } }];
    }
    case 'ReleaseCommitment': {
      const commitment = s.commitments.find((c) => c.caseId === command.data.caseId);
      if (!commitment) throw refuse('NO_COMMITMENT', `fund ${fundLabel(ref)} holds no commitment for case ${command.data.caseId}`);
      return [
        {
          type: 'SubsidyCommitmentReleased',
          data: { caseId: commitment.caseId, amountFen: commitment.amountFen, releasedAt: context.now },
        },
      ];
    }
  }
};

const sum = (xs: readonly { amountFen: number }[]) => xs.reduce((n, x) => n + x.amountFen, 0);

/** What the fund has committed and paid, case subsidies and duty pay together. */
const totals = (s: FundState): FundState => ({
  ...s,
  committedFen: sum(s.commitments) + sum(s.dutyPayCommitments ?? []),
  paidFen: sum(s.payments) + sum(s.dutyPayPayments ?? []),
});

const evolve = (s: FundState, event: FundEvent): FundState => {
  switch (event.type) {
    case 'FundAllocated': {
      const d = event.data;
      return {
        ...s,
        status: 'open',
        agencyId: d.agencyId,
        year: d.year,
        source: d.source,
        allocatedFen: s.allocatedFen + d.amountFen,
        allocations: [...s.allocations, { amountFen: d.amountFen, reference: d.reference, allocatedAt: d.allocatedAt }],
      };
    }
    case 'SubsidyCommitted': {
      const commitments = [
        ...s.commitments,
        { caseId: event.data.caseId, amountFen: event.data.amountFen, committedAt: event.data.committedAt },
      ];
      return totals({ ...s, commitments });
    }
    case 'SubsidyCommitmentReleased': {
      const commitments = s.commitments.filter((c) => c.caseId !== event.data.caseId);
      return totals({ ...s, commitments });
    }
    case 'DutyPayCommitted':
      return totals({
        ...s,
        dutyPayCommitments: [...(s.dutyPayCommitments ?? []), { claimId: event.data.claimId, amountFen: event.data.amountFen }],
      });
    case 'DutyPayPaidFromFund': {
      const d = event.data;
      return totals({
        ...s,
        dutyPayCommitments: (s.dutyPayCommitments ?? []).filter((c) => c.claimId !== d.claimId),
        dutyPayPayments: [
          ...(s.dutyPayPayments ?? []),
          { claimId: d.claimId, workerId: d.workerId, amountFen: d.amountFen, reference: d.reference, paidAt: d.paidAt },
        ],
      });
    }
    case 'SubsidyPaidFromFund': {
      const d = event.data;
      const commitments = s.commitments.filter((c) => c.caseId !== d.caseId);
      const payments = [
        ...s.payments,
        { caseId: d.caseId, workerId: d.workerId, amountFen: d.amountFen, reference: d.reference, paidAt: d.paidAt },
      ];
      return totals({ ...s, commitments, payments });
    }
  }
};

export const fundDecider: Decider<FundCommand, FundEvent, FundState, FundContext> = { decide, evolve, initialState: initialFundState };
