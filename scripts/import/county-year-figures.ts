import { closingOutcomeSchema } from '../../events/catalogue/closing-events.ts';
import { categorySchema, formOfAidSchema, priorityGroupSchema } from '../../events/catalogue/vocabulary.ts';
import { authorityKinds, channels, consultationChannels, forwarderKinds, type YearPlan } from './county-year-plan.ts';

// The figures the year's annual report must give, counted off the plan by the generator itself
// (never by the code under test): what the agency's own ledgers would say. Deadlines as they stand
// once the year is long over: every step the plan has is met or late by construction, a review still
// open when the records end is missed, nothing is pending. The agency's deadlines are the review and
// the two assignments (seed 002, domain/quality/standard.ts), its target 90 %.

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const count = <K extends string>(keys: readonly K[], values: readonly K[]) => {
  const out = zeros(keys);
  for (const v of values) out[v] += 1;
  return out;
};
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const rate = (met: number, missed: number) => (met + missed > 0 ? round4(met / (met + missed)) : null);
type Tally = { met: number; missed: number; pending: number; rate: number | null };
const tally = (outcomes: readonly boolean[]): Tally => {
  const met = outcomes.filter((late) => !late).length;
  const missed = outcomes.length - met;
  return { met, missed, pending: 0, rate: rate(met, missed) };
};

export const AGENCY_COMPLIANCE_TARGET = 0.9;

/** The figures of a report over [from, below) (by default the plan's own period). */
export const figuresOf = (plan: YearPlan, { from, below }: { from: number; below: number } = plan) => {
  const inYear = (ms: number) => ms >= from && ms < below;
  const cases = plan.cases.filter((c) => inYear(c.receivedAt));
  const consultations = plan.consultations.filter((z) => inYear(z.at));
  const closed = plan.cases.filter((c) => c.closing && inYear(c.closing.at));
  const decided = plan.cases.filter((c) => c.review?.decidedAt && inYear(c.review.decidedAt));
  const paid = plan.cases.filter((c) => c.subsidy && inYear(c.subsidy.paidAt));
  const lateOf = {
    forwarding: cases.flatMap((c) => (c.origin.kind === 'forwarded-application' ? [c.origin.late] : [])),
    notification: cases.flatMap((c) => (c.origin.kind === 'notification' ? [c.origin.late] : [])),
    review: cases.flatMap((c) => (c.review ? [c.review.late] : [])),
    'notification-assignment': cases.flatMap((c) => (c.origin.kind === 'notification' && c.assignment ? [c.assignment.late] : [])),
    'grant-assignment': cases.flatMap((c) => (c.origin.kind !== 'notification' && c.assignment ? [c.assignment.late] : [])),
    'objection-decision': [] as boolean[],
    'correction-redecision': [] as boolean[],
  };
  const agency = tally([...lateOf.review, ...lateOf['notification-assignment'], ...lateOf['grant-assignment']]);
  const byVia = <K extends string>(kind: string, keys: readonly K[]) =>
    count(
      keys,
      cases.filter((c) => c.origin.kind === kind).map((c) => c.origin.via as K),
    );
  const told = consultations.filter((z) => z.told).length;
  return {
    cases: {
      received: cases.length,
      byCategory: count(
        categorySchema.options,
        cases.map((c) => c.category as (typeof categorySchema.options)[number]),
      ),
      byFormOfAid: count(
        formOfAidSchema.options,
        cases.map((c) => c.formOfAid as (typeof formOfAidSchema.options)[number]),
      ),
      criminal: cases.filter((c) => c.category === 'criminal').length,
      byOrigin: {
        application: byVia('application', channels),
        'forwarded-application': byVia('forwarded-application', forwarderKinds),
        notification: byVia('notification', authorityKinds),
      },
    },
    aidedPersons: {
      // A refused application aided nobody (the report's definition); the generator withdraws none.
      total: cases.filter((c) => c.review?.decision !== 'refused').length,
      inPriorityGroups: cases.filter((c) => c.priorityGroups.length > 0).length,
      byPriorityGroup: count(
        priorityGroupSchema.options,
        cases.flatMap((c) => c.priorityGroups as (typeof priorityGroupSchema.options)[number][]),
      ),
    },
    closings: {
      closed: closed.length,
      byOutcome: count(
        closingOutcomeSchema.options,
        closed.map((c) => c.closing!.outcome as (typeof closingOutcomeSchema.options)[number]),
      ),
      economicLossRecoveredFen: closed.reduce((n, c) => n + c.closing!.lossRecoveredFen, 0),
    },
    consultations: {
      total: consultations.length,
      byChannel: count(
        consultationChannels,
        consultations.map((z) => z.channel),
      ),
      toldOfRightToApply: told,
      toldRate: consultations.length > 0 ? round4(told / consultations.length) : null,
      ledToApplication: 0,
    },
    deadlines: {
      byKind: Object.fromEntries(Object.entries(lateOf).map(([k, v]) => [k, tally(v)])) as Record<keyof typeof lateOf, Tally>,
      agency: { ...agency, meetsStandard: agency.rate === null ? null : agency.rate >= AGENCY_COMPLIANCE_TARGET },
    },
    // Not in the annual report itself: decisions of the year and subsidies paid in it (the funding read model).
    decisions: {
      granted: decided.filter((c) => c.review!.decision === 'granted').length,
      refused: decided.filter((c) => c.review!.decision === 'refused').length,
    },
    subsidies: { paid: paid.length, paidFen: paid.reduce((n, c) => n + c.subsidy!.fen, 0) },
  };
};

export type YearFigures = ReturnType<typeof figuresOf>;
