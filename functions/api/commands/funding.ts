import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { caseDecider } from '../../../domain/case/decider.ts';
import { evolveFundingCaseFacts, initialFundingCaseFacts } from '../../../domain/funding/case-facts.ts';
import type { ApproveSubsidyData, PaySubsidyData } from '../../../domain/funding/commands.ts';
import { fundDecider, remainingFen, type FundState } from '../../../domain/funding/fund.ts';
import { decideSubsidyApproval, decideSubsidyPayment, evolveSubsidy, fundsOfPayment, initialSubsidyState } from '../../../domain/funding/subsidy.ts';
import { caseStream, fundStream, subsidyStream } from '../../../domain/streams.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { FundEvent, FundRef, FundSource, SubsidyEvent } from '../../../events/catalogue/funding-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { assertCaseInScope } from '../../lib/auth/case-scope.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { createCommandRunner, DEFAULT_RACE_RETRY, mayRetry, raceBackoff, type CommandOutcome } from '../../lib/command-runner.ts';
import { VersionConflictError } from '../../lib/event-store/errors.ts';
import { streamHeadOf, type AppendMeta, type AppendRequest, type EventStore } from '../../lib/event-store/event-store.ts';
import { findIdempotentEvents } from '../../lib/event-store/idempotency.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { Principal } from '../../lib/http/principal.ts';
import { json } from '../../lib/http/response.ts';

// The funding commands (role finance, own agency). Approval and payment each load the case's subsidy
// stream and the fund stream(s) they touch, decide, and append all of them in one appendMany, each at
// the version it was decided on. The fund's decider refuses anything beyond its allocation, and the
// conditional append makes that hold when payments race: the loser reloads, decides again on the
// fund as it now stands, and is refused if the money is gone.

type Body = Record<string, unknown>;
type Ctx = { event: APIGatewayProxyEventV2; principal: Principal; body: Body; meta: AppendMeta; now: string; caseId: string | null };

const fold = <E, S>(envelopes: readonly EventEnvelope[], evolve: (s: S, e: E) => S, initial: S): S =>
  envelopes.reduce((s, e) => evolve(s, readEventData(catalogue, e) as E), initial);

const fundOf = (envelopes: readonly EventEnvelope[]): FundState => fold<FundEvent, FundState>(envelopes, fundDecider.evolve, fundDecider.initialState());

const fundSummary = (ref: FundRef, s: FundState) => ({ ...ref, allocatedFen: s.allocatedFen, committedFen: s.committedFen, paidFen: s.paidFen, remainingFen: remainingFen(s) });

const answer = (id: string, outcome: CommandOutcome, extra: Body) =>
  json(
    200,
    { id, stream: outcome.stream, version: outcome.version, events: outcome.events.map((e) => ({ eventId: e.eventId, type: e.type, version: e.version, recordedAt: e.recordedAt })), ...extra },
    { etag: `"${outcome.version}"`, ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  );

export const createFundingExecutor = ({ store }: { store: EventStore }) => {
  const funds = createCommandRunner({ store, decider: fundDecider, catalogue });

  const toNewEvents = (events: readonly { type: string; data: unknown }[]) => events.map((e) => funds.toNewEvent(e));

  /** The case (which must exist and be the caller's agency's) and its subsidy so far. */
  const loadCase = async (caseId: string, principal: Principal) => {
    const caseEvents = await store.readStream(caseStream(caseId));
    if (caseEvents.length === 0) throw new HttpError(404, 'CASE_NOT_FOUND', 'no such case');
    const typed = caseEvents.map((e) => readEventData(catalogue, e) as CaseEvent);
    assertCaseInScope(principal, typed.reduce(caseDecider.evolve, caseDecider.initialState()));
    const facts = typed.reduce(evolveFundingCaseFacts, initialFundingCaseFacts());
    const subsidyEvents = await store.readStream(subsidyStream(caseId));
    return { facts, subsidyEvents, subsidy: fold(subsidyEvents, evolveSubsidy, initialSubsidyState()) };
  };

  /**
   * Decide and append until the append holds: a stream that moved under us (another payment from the
   * fund, a racing copy of this request) means loading and deciding again. A racing copy that won is
   * found by its idempotency key on the subsidy stream, and its answer given.
   */
  const withRetry = async (attemptOnce: () => Promise<CommandOutcome>): Promise<CommandOutcome> => {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce();
      } catch (error) {
        if (!(error instanceof VersionConflictError) || !mayRetry(DEFAULT_RACE_RETRY, attempt, started)) throw error;
        await raceBackoff(attempt, DEFAULT_RACE_RETRY);
      }
    }
  };

  const replayed = (stream: string, envelopes: readonly EventEnvelope[], meta: AppendMeta): CommandOutcome | null => {
    const earlier = meta.idempotency ? findIdempotentEvents(envelopes, meta.idempotency) : null;
    return earlier ? { stream, version: earlier.at(-1)!.version, events: earlier, replayed: true } : null;
  };

  const allocate = async ({ principal, body, meta, now }: Ctx) => {
    assertOwnOrganisation(principal, body.agencyId as string, 'agencyId');
    const ref: FundRef = { agencyId: body.agencyId as string, year: body.year as number, source: body.source as FundSource };
    const stream = fundStream(ref.agencyId, ref.year, ref.source);
    const outcome = await funds.run({
      stream,
      command: { type: 'AllocateFund', data: { ...ref, amountFen: body.amountFen as number, reference: body.reference as string, note: body.note as string } },
      context: { now, actor: meta.actor, fund: ref },
      meta,
    });
    const fund = fundOf(await store.readStream(stream, { to: outcome.version }));
    return answer(stream, outcome, { fund: fundSummary(ref, fund) });
  };

  const approve = async ({ principal, body, meta, now, caseId }: Ctx) => {
    const stream = subsidyStream(caseId!);
    let fundRef: FundRef | null = null;
    const outcome = await withRetry(async () => {
      const { facts, subsidyEvents, subsidy } = await loadCase(caseId!, principal);
      const earlier = replayed(stream, subsidyEvents, meta);
      if (earlier) return earlier;
      const named: FundRef = { agencyId: facts.agencyId!, ...(body.fund as { year: number; source: FundSource }) };
      const fStream = fundStream(named.agencyId, named.year, named.source);
      const fundEvents = await store.readStream(fStream);
      const decision = decideSubsidyApproval(body as ApproveSubsidyData, subsidy, facts, fundOf(fundEvents), { now, actor: meta.actor });
      fundRef = decision.fundRef;
      const [result] = await store.appendMany(
        [
          { stream, expected: streamHeadOf(stream, subsidyEvents), events: toNewEvents(decision.subsidy) },
          { stream: fStream, expected: streamHeadOf(fStream, fundEvents), events: toNewEvents(decision.fund) },
        ],
        meta,
      );
      return { stream, version: result!.head.version, events: result!.events, replayed: result!.replayed };
    });
    const approved = outcome.events.find((e) => e.type === 'SubsidyApproved')?.data as SubsidyEvent['data'] | undefined;
    const ref = fundRef ?? (approved && 'fund' in approved ? approved.fund : null);
    const fund = ref ? fundOf(await store.readStream(fundStream(ref.agencyId, ref.year, ref.source))) : null;
    return answer(caseId!, outcome, { caseId, subsidy: approved ?? null, ...(ref && fund ? { fund: fundSummary(ref, fund) } : {}) });
  };

  const pay = async ({ principal, body, meta, now, caseId }: Ctx) => {
    const stream = subsidyStream(caseId!);
    let target: FundRef | null = null;
    const outcome = await withRetry(async () => {
      const { subsidyEvents, subsidy } = await loadCase(caseId!, principal);
      const earlier = replayed(stream, subsidyEvents, meta);
      if (earlier) return earlier;
      const refs = fundsOfPayment(body as PaySubsidyData, subsidy);
      target = refs.target;
      const targetStream = fundStream(refs.target.agencyId, refs.target.year, refs.target.source);
      const targetEvents = await store.readStream(targetStream);
      const committedStream = refs.committed ? fundStream(refs.committed.agencyId, refs.committed.year, refs.committed.source) : null;
      const committedEvents = committedStream ? await store.readStream(committedStream) : [];
      const decision = decideSubsidyPayment(body as PaySubsidyData, subsidy, fundOf(targetEvents), committedStream ? fundOf(committedEvents) : null, { now, actor: meta.actor });
      const requests: AppendRequest[] = [{ stream, expected: streamHeadOf(stream, subsidyEvents), events: toNewEvents(decision.subsidy) }];
      for (const f of decision.funds) {
        const fStream = fundStream(f.ref.agencyId, f.ref.year, f.ref.source);
        const loaded = fStream === targetStream ? targetEvents : committedEvents;
        requests.push({ stream: fStream, expected: streamHeadOf(fStream, loaded), events: toNewEvents(f.events) });
      }
      const [result] = await store.appendMany(requests, meta);
      return { stream, version: result!.head.version, events: result!.events, replayed: result!.replayed };
    });
    const paid = outcome.events.find((e) => e.type === 'SubsidyPaid')?.data as { fund: FundRef } | undefined;
    const ref = target ?? paid?.fund ?? null;
    const fund = ref ? fundOf(await store.readStream(fundStream(ref.agencyId, ref.year, ref.source))) : null;
    return answer(caseId!, outcome, { caseId, payment: paid ?? null, ...(ref && fund ? { fund: fundSummary(ref, fund) } : {}) });
  };

  return { 'fund-allocation': allocate, 'subsidy-approval': approve, 'subsidy-payment': pay } as const;
};
