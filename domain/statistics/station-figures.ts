import type { Counts } from './contribution.ts';
import { medianOfDays, stationCounter } from './station-counters.ts';

/** A workstation's month (issue 19 point 3) from its agency's month totals: what the station took and how the agency decided it. */
export const stationFigures = (stationId: string, totals: Readonly<Counts>) => {
  const n = (counter: string) => totals[stationCounter(stationId, counter)] ?? 0;
  const prefix = stationCounter(stationId, 'days.');
  const histogram: Record<number, number> = {};
  for (const [counter, count] of Object.entries(totals))
    if (counter.startsWith(prefix)) histogram[Number(counter.slice(prefix.length))] = count;
  return {
    applications: n('applications'),
    consultations: n('consultations'),
    opinions: n('opinions'),
    decisions: { total: n('decided'), followedOpinion: n('followed'), departedFromOpinion: n('departed') },
    medianDaysToDecision: medianOfDays(histogram),
  };
};
