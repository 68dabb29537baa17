import type { ConsultationFacts, QualityRecord } from '../quality/record.ts';
import { chinaDateOf } from '../time/calendar.ts';
import { stationCaseCounts, stationCounter } from './station-counters.ts';

// What one stream (a case, a consultation) adds to the statistics counters: every counter it counts
// in, under its agency on the China business date the figure is dated by (receipt, closing,
// consultation: business time, never the time a step was typed in), and the open deadlines whose
// outcome only the clock decides. The projection keeps each stream's contribution and moves the
// counters by the difference when the stream changes (functions/projections/statistics.ts), so the
// counters always equal the sum of the contributions of the streams as they stand.
//
// Counter names (also what the report reads, functions/lib/reports/report.ts):
//  - received, category.<c>, form.<f>, origin.<kind>.<via>: cases received;
//  - aided: the persons of cases received that were not refused or withdrawn (a group case counts
//    each applicant);
//  - groups.any, group.<g>: the persons of cases received who are in a priority group;
//  - deadline.<key>.met | missed | pending | open: the deadlines of cases received, as of the case's
//    last step; `open` ones are still running and become missed when their time passes (the open
//    deadline index says when);
//  - due.<China due date>.<key>: the same open deadlines again, by the day they fall due, so a report
//    counts those past due from the counters (every due day before today) and reads the index only for
//    today's: O(agencies × months), whatever the number of open deadlines;
//  - closed, closed.criminal, outcome.<o>, lossFen, followedUp, satisfaction.<level>: cases closed;
//  - consultations, channel.<ch>, told, ledToApplication: consultation ledger entries;
//  - station.<id>.*: the workstation tier's figures (station-counters.ts).

/** The counters of open deadlines by due date: `due.2025-03-14.review`. */
export const DUE_PREFIX = 'due.';

/** The due date and deadline kind of a `due.` counter. */
export const splitDueCounter = (counter: string): { dueOn: string; key: string } => ({
  dueOn: counter.slice(DUE_PREFIX.length, DUE_PREFIX.length + 10),
  key: counter.slice(DUE_PREFIX.length + 11),
});

/** `agencyId|YYYY-MM-DD|counter` → how much the stream adds to it. */
export type Counts = Record<string, number>;

/** An open, running deadline of a case: missed from `dueAt` on, unless an event closes it first. */
export type OpenDeadline = { agencyId: string; receivedOn: string; caseId: string; key: string; dueAt: string };

export type Contribution = { counts: Counts; open: OpenDeadline[]; province: string | null };

export const emptyContribution = (): Contribution => ({ counts: {}, open: [], province: null });

export const counterKey = (agencyId: string, day: string, counter: string) => `${agencyId}|${day}|${counter}`;

export const splitCounterKey = (key: string): { agencyId: string; day: string; counter: string } => {
  const [agencyId, day, ...rest] = key.split('|');
  return { agencyId: agencyId!, day: day!, counter: rest.join('|') };
};

const add = (counts: Counts, key: string, n = 1) => {
  if (n !== 0) counts[key] = (counts[key] ?? 0) + n;
};

/** Refused and withdrawn applications never became aid: no aided person behind them. */
const notAided = new Set(['refused', 'withdrawn', 'none']);

/** The latest follow-up of a case (the last at the latest time): what the aided person last said. */
const latestSatisfaction = (r: Pick<QualityRecord, 'followUps'>): string | null =>
  r.followUps.reduce<{ at: number; satisfaction: string } | null>((best, f) => {
    const at = Date.parse(f.at);
    return !best || at >= best.at ? { at, satisfaction: f.satisfaction } : best;
  }, null)?.satisfaction ?? null;

export const caseContribution = (r: QualityRecord): Contribution => {
  const counts: Counts = {};
  const open: OpenDeadline[] = [];
  if (!r.agencyId || !r.caseId) return { counts, open, province: r.province };
  const agencyId = r.agencyId;
  if (r.receivedAt) {
    const day = chinaDateOf(r.receivedAt);
    const at = (counter: string, n = 1) => add(counts, counterKey(agencyId, day, counter), n);
    at('received');
    if (r.category) at(`category.${r.category}`);
    if (r.formOfAid) at(`form.${r.formOfAid}`);
    if (r.origin) at(`origin.${r.origin.kind}.${r.origin.via}`);
    // A group case (issue 19) aids each of its applicants: every one is a person in the figures.
    const persons = r.aidedPersonGroups;
    if (!notAided.has(r.status)) at('aided', persons.length);
    for (const groups of persons) {
      if (groups.length > 0) at('groups.any');
      for (const g of groups) at(`group.${g}`);
    }
    if (r.station) stationCaseCounts(r.station, r.receivedAt, (on, counter) => add(counts, counterKey(agencyId, on, counter)));
    for (const d of r.deadlines) {
      if (!d.open) at(`deadline.${d.key}.${d.overdue ? 'missed' : 'met'}`);
      else if (d.overdue) at(`deadline.${d.key}.missed`);
      else if (d.paused) at(`deadline.${d.key}.pending`);
      else {
        at(`deadline.${d.key}.open`);
        at(`${DUE_PREFIX}${chinaDateOf(d.dueAt)}.${d.key}`);
        open.push({ agencyId, receivedOn: day, caseId: r.caseId, key: d.key, dueAt: d.dueAt });
      }
    }
  }
  if (r.closedAt) {
    const at = (counter: string, n = 1) => add(counts, counterKey(agencyId, chinaDateOf(r.closedAt!), counter), n);
    at('closed');
    if (r.category === 'criminal') at('closed.criminal');
    if (r.closingOutcome) at(`outcome.${r.closingOutcome}`);
    at('lossFen', r.economicLossRecoveredFen);
    const satisfaction = latestSatisfaction(r);
    if (satisfaction) {
      at('followedUp');
      at(`satisfaction.${satisfaction}`);
    }
  }
  return { counts, open, province: r.province };
};

export const consultationContribution = (c: ConsultationFacts): Contribution => {
  const counts: Counts = {};
  if (c.agencyId && c.consultedAt) {
    const at = (counter: string) => add(counts, counterKey(c.agencyId!, chinaDateOf(c.consultedAt!), counter));
    at('consultations');
    if (c.channel) at(`channel.${c.channel}`);
    if (c.toldOfRightToApply) at('told');
    if (c.caseId !== null) at('ledToApplication');
    if (c.workstationId) at(stationCounter(c.workstationId, 'consultations'));
  }
  return { counts, open: [], province: null };
};

/** What moving from `before` to `after` changes: each counter's delta (zeros left out), deadlines opened and closed. */
export const contributionChange = (before: Contribution, after: Contribution) => {
  const delta: Counts = {};
  for (const [k, n] of Object.entries(after.counts)) add(delta, k, n);
  for (const [k, n] of Object.entries(before.counts)) add(delta, k, -n);
  for (const k of Object.keys(delta)) if (delta[k] === 0) delete delta[k];
  const id = (d: OpenDeadline) => `${d.agencyId}|${d.receivedOn}|${d.caseId}|${d.key}|${d.dueAt}`;
  const was = new Set(before.open.map(id));
  const is = new Set(after.open.map(id));
  return {
    delta,
    opened: after.open.filter((d) => !was.has(id(d))),
    closed: before.open.filter((d) => !is.has(id(d))),
  };
};
