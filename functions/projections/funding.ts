import { tryAssessSubsidy } from '../../domain/funding/assess.ts';
import { evolveFundingCaseFacts, initialFundingCaseFacts, type FundingCaseFacts } from '../../domain/funding/case-facts.ts';
import { fundDecider, remainingFen, type FundState } from '../../domain/funding/fund.ts';
import { evolveSubsidy, initialSubsidyState, type SubsidyState } from '../../domain/funding/subsidy.ts';
import { chinaMonthOf } from '../../domain/statistics/period.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { FundEvent, SubsidyEvent } from '../../events/catalogue/funding-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { fundingKeys } from '../lib/read-models/keys.ts';
import { sortableTime, type ReadModelTable } from '../lib/read-models/read-model-table.ts';
import { applyStreamEvent, type ProjectionOutcome, type StateCache, type StreamReader, type StreamTarget } from './stream-projection.ts';

// The funding read model, one item per stream:
//  - a closed case (`case#`): what its subsidy is assessed at, by the rate table in force on its
//    relevant date (domain/funding/assess.ts), under its agency and its lawyer by closing date;
//  - a subsidy (`subsidy#`): approved and paid, under its agency and its lawyer by approval date;
//  - a fund (`fund#`): allocated, committed, paid, remaining, and payments per month.
// Per-lawyer, per-fund and per-month figures are summed from these at query time.

export type FundingProjectionDeps = { store: StreamReader; readModels: ReadModelTable };

const idOf = (stream: string) => stream.slice(stream.indexOf('#') + 1);

const readState =
  <S>(table: ReadModelTable, pk: string, sk: string) =>
  async () => {
    const item = await table.get(pk, sk, { consistent: true });
    return item ? { version: item.version as number, state: item.state as S } : null;
  };

const caseTarget = (table: ReadModelTable): StreamTarget<FundingCaseFacts> => ({
  read: (stream) => readState<FundingCaseFacts>(table, fundingKeys.casePk(idOf(stream)), 'case')(),
  initial: () => initialFundingCaseFacts(),
  evolve: (s, e) => evolveFundingCaseFacts(s, readEventData(catalogue, e) as CaseEvent),
  write: (stream, facts, last) => {
    const caseId = idOf(stream);
    const closed = facts.closedAt !== null && facts.terminatedAt === null;
    const { assessment, refusal } = closed ? tryAssessSubsidy(facts) : { assessment: null, refusal: null };
    const byClosing = `${facts.closedAt ? sortableTime(facts.closedAt) : ''}#${caseId}`;
    return table.putIfNewer({
      pk: fundingKeys.casePk(caseId),
      sk: 'case',
      version: last.version,
      updatedAt: last.recordedAt,
      state: facts,
      assessment,
      assessmentRefusal: refusal,
      ...(closed && facts.agencyId ? { gsi1pk: fundingKeys.agencyCases(facts.agencyId), gsi1sk: byClosing } : {}),
      ...(closed && facts.closedByWorkerId ? { gsi3pk: fundingKeys.workerCases(facts.closedByWorkerId), gsi3sk: byClosing } : {}),
    });
  },
});

const subsidyTarget = (table: ReadModelTable): StreamTarget<SubsidyState> => ({
  read: (stream) => readState<SubsidyState>(table, fundingKeys.subsidyPk(idOf(stream)), 'subsidy')(),
  initial: () => initialSubsidyState(),
  evolve: (s, e) => evolveSubsidy(s, readEventData(catalogue, e) as SubsidyEvent),
  write: (stream, s, last) => {
    const caseId = idOf(stream);
    const byApproval = `${s.approvedAt ? sortableTime(s.approvedAt) : ''}#${caseId}`;
    return table.putIfNewer({
      pk: fundingKeys.subsidyPk(caseId),
      sk: 'subsidy',
      version: last.version,
      updatedAt: last.recordedAt,
      state: s,
      ...(s.agencyId ? { gsi1pk: fundingKeys.agencySubsidies(s.agencyId), gsi1sk: byApproval } : {}),
      ...(s.workerId ? { gsi3pk: fundingKeys.workerSubsidies(s.workerId), gsi3sk: byApproval } : {}),
    });
  },
});

/** Payments per China month, in fen. */
const paidByMonth = (s: FundState): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const p of s.payments) out[chinaMonthOf(p.paidAt)] = (out[chinaMonthOf(p.paidAt)] ?? 0) + p.amountFen;
  return out;
};

const fundTarget = (table: ReadModelTable): StreamTarget<FundState> => ({
  read: (stream) => readState<FundState>(table, `funding#${stream}`, 'fund')(),
  initial: () => fundDecider.initialState(),
  evolve: (s, e) => fundDecider.evolve(s, readEventData(catalogue, e) as FundEvent),
  write: (stream, s, last) =>
    table.putIfNewer({
      // `funding#fund#<agencyId>#<year>#<source>`: the stream's own name under the projection's prefix.
      pk: `funding#${stream}`,
      sk: 'fund',
      version: last.version,
      updatedAt: last.recordedAt,
      state: s,
      summary: {
        agencyId: s.agencyId,
        year: s.year,
        source: s.source,
        allocatedFen: s.allocatedFen,
        committedFen: s.committedFen,
        paidFen: s.paidFen,
        remainingFen: remainingFen(s),
        paidByMonth: paidByMonth(s),
      },
      ...(s.agencyId ? { gsi1pk: fundingKeys.agencyFunds(s.agencyId), gsi1sk: `${s.year}#${s.source}` } : {}),
    }),
});

export const applyToFunding = async (
  { store, readModels }: FundingProjectionDeps,
  envelope: EventEnvelope,
  cache?: StateCache,
): Promise<ProjectionOutcome> => {
  const kind = envelope.stream.slice(0, envelope.stream.indexOf('#'));
  switch (kind) {
    case 'case':
      return applyStreamEvent(caseTarget(readModels), store, envelope, cache);
    case 'subsidy':
      return applyStreamEvent(subsidyTarget(readModels), store, envelope, cache);
    case 'fund':
      return applyStreamEvent(fundTarget(readModels), store, envelope, cache);
    default:
      return 'duplicate';
  }
};
