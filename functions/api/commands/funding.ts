import { caseDecider } from '../../../domain/case/decider.ts';
import { evolveFundingCaseFacts, initialFundingCaseFacts } from '../../../domain/funding/case-facts.ts';
import type { ApproveSubsidyData, PaySubsidyData } from '../../../domain/funding/commands.ts';
import { fundDecider, remainingFen, type FundState } from '../../../domain/funding/fund.ts';
import {
  decideSubsidyApproval,
  decideSubsidyPayment,
  evolveSubsidy,
  fundsOfPayment,
  initialSubsidyState,
} from '../../../domain/funding/subsidy.ts';
import { caseStream, fundStream, subsidyStream } from '../../../domain/streams.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { FundRef, FundSource, SubsidyEvent } from '../../../events/catalogue/funding-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { assertCaseInScope } from '../../lib/auth/case-scope.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import {
  createCommandRunner,
  createPlanRunner,
  folderOf,
  type CommandPlan,
  type StreamReads,
  type StreamWrite,
} from '../../lib/command-runner.ts';
import type { AppendMeta, EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { answer } from './answer.ts';
import type { TargetHandler } from './command-request.ts';

// The funding commands (role finance, own agency). Approval and payment each read the case's subsidy
// stream and the fund stream(s) they touch, decide, and append all of them at once, each at the
// version it was decided on. The fund's decider refuses anything beyond its allocation, and the
// conditional append makes that hold when payments race: the loser reads again, decides again on the
// fund as it now stands, and is refused if the money is gone.

const fundSummary = (ref: FundRef, s: FundState) => ({
  ...ref,
  allocatedFen: s.allocatedFen,
  committedFen: s.committedFen,
  paidFen: s.paidFen,
  remainingFen: remainingFen(s),
});

const fundStreamOf = (ref: FundRef) => fundStream(ref.agencyId, ref.year, ref.source);

const caseFolder = folderOf(caseDecider, catalogue);
const factsFolder = folderOf<CaseEvent, ReturnType<typeof initialFundingCaseFacts>>(
  { evolve: evolveFundingCaseFacts, initialState: initialFundingCaseFacts },
  catalogue,
);
const subsidyFolder = folderOf({ evolve: evolveSubsidy, initialState: initialSubsidyState }, catalogue);
const fundFolder = folderOf(fundDecider, catalogue);

/**
 * Whose funds pay a case's subsidy: the agency holding the case's records today, and that must be
 * the caller's own. Finance staff spend only their agency's funds, an absorbed agency's cases
 * included once it has merged into theirs.
 */
const payingAgencyOf = (principal: Admitted, caseAgencyId: string): string => {
  const paying = principal.registry.resolve(caseAgencyId, principal.today);
  if (paying !== principal.organisation)
    throw new HttpError(
      403,
      'FUND_OF_OTHER_AGENCY',
      `the case's subsidy is paid from the funds of ${paying}, not ${principal.organisation}`,
    );
  return paying;
};

/** The case must exist and be the caller's agency's. */
const checkCase = async (reads: StreamReads, caseId: string, principal: Admitted) => {
  const stream = caseStream(caseId);
  if ((await reads.events(stream)).length === 0) throw new HttpError(404, 'CASE_NOT_FOUND', 'no such case');
  assertCaseInScope(principal, await reads.fold(stream, caseFolder));
};

export const fundingCommands = (store: EventStore): Record<'fund-allocation' | 'subsidy-approval' | 'subsidy-payment', TargetHandler> => {
  const funds = createCommandRunner({ store, decider: fundDecider, catalogue });
  const runner = createPlanRunner({ store, catalogue });

  /** A command on a case's subsidy stream, with the fund stream(s) it decides on. */
  const onSubsidy = (caseId: string, principal: Admitted, meta: AppendMeta, decide: CommandPlan['decide']) =>
    runner.execute({ stream: subsidyStream(caseId), meta, check: (reads) => checkCase(reads, caseId, principal), decide });

  /** The fund as it stands now, for the answer. */
  const fundNow = async (ref: FundRef) => ({ fund: fundSummary(ref, (await funds.load(fundStreamOf(ref))).state) });

  return {
    'fund-allocation': async ({ principal, body, meta, context }) => {
      assertOwnOrganisation(principal, body.agencyId as string, 'agencyId');
      const ref: FundRef = { agencyId: body.agencyId as string, year: body.year as number, source: body.source as FundSource };
      const stream = fundStreamOf(ref);
      const outcome = await funds.run({
        stream,
        command: {
          type: 'AllocateFund',
          data: { ...ref, amountFen: body.amountFen as number, reference: body.reference as string, note: body.note as string },
        },
        context: { now: context.now, actor: meta.actor, fund: ref },
        meta,
      });
      const allocated = (await store.readStream(stream, { to: outcome.version })).reduce(fundFolder.evolve, fundFolder.initialState());
      return answer(200, stream, outcome, { fund: fundSummary(ref, allocated) });
    },

    'subsidy-approval': async ({ recordId, principal, body, meta, context }) => {
      const caseId = recordId();
      const stream = subsidyStream(caseId);
      let fundRef: FundRef | null = null;
      const outcome = await onSubsidy(caseId, principal, meta, async (reads) => {
        const facts = await reads.fold(caseStream(caseId), factsFolder);
        // Committed only on a fund of the agency acting for the case's today (its successor after a merger).
        const payingAgencyId = payingAgencyOf(principal, facts.agencyId!);
        const named: FundRef = { agencyId: payingAgencyId, ...(body.fund as { year: number; source: FundSource }) };
        const fStream = fundStreamOf(named);
        const decision = decideSubsidyApproval(
          body as ApproveSubsidyData,
          await reads.fold(stream, subsidyFolder),
          facts,
          await reads.fold(fStream, fundFolder),
          { ...context, payingAgencyId },
        );
        fundRef = decision.fundRef;
        return [
          { stream, events: decision.subsidy },
          { stream: fStream, events: decision.fund },
        ];
      });
      const approved = outcome.events.find((e) => e.type === 'SubsidyApproved')?.data as SubsidyEvent['data'] | undefined;
      const ref = fundRef ?? (approved && 'fund' in approved ? approved.fund : null);
      return answer(200, caseId, outcome, { caseId, subsidy: approved ?? null, ...(ref ? await fundNow(ref) : {}) });
    },

    'subsidy-payment': async ({ recordId, principal, body, meta, context }) => {
      const caseId = recordId();
      const stream = subsidyStream(caseId);
      let target: FundRef | null = null;
      const outcome = await onSubsidy(caseId, principal, meta, async (reads) => {
        const subsidy = await reads.fold(stream, subsidyFolder);
        const payingAgencyId = subsidy.agencyId ? payingAgencyOf(principal, subsidy.agencyId) : undefined;
        const refs = fundsOfPayment(body as PaySubsidyData, subsidy, payingAgencyId);
        target = refs.target;
        const committed = refs.committed ? await reads.fold(fundStreamOf(refs.committed), fundFolder) : null;
        const decision = decideSubsidyPayment(
          body as PaySubsidyData,
          subsidy,
          await reads.fold(fundStreamOf(refs.target), fundFolder),
          committed,
          { ...context, payingAgencyId },
        );
        return [
          { stream, events: decision.subsidy },
          ...decision.funds.map((f): StreamWrite => ({ stream: fundStreamOf(f.ref), events: f.events })),
        ];
      });
      const paid = outcome.events.find((e) => e.type === 'SubsidyPaid')?.data as { fund: FundRef } | undefined;
      const ref = target ?? paid?.fund ?? null;
      return answer(200, caseId, outcome, { caseId, payment: paid ?? null, ...(ref ? await fundNow(ref) : {}) });
    },
  };
};
