import type { StationRecord } from '../case/state.ts';
import { chinaDateOf, daysBetweenDates } from '../time/calendar.ts';

// The workstation tier's counters (issue 19 point 3), kept under the station's agency like every
// counter, named by the station so its figures are read from the agency's month:
//  - station.<id>.applications: applications the station took, on the date of receipt;
//  - station.<id>.consultations: consultations recorded at the station, on their date;
//  - station.<id>.opinions: preliminary opinions given, on the date given;
//  - station.<id>.decided, .followed, .departed: the agency's first decisions on the station's
//    applications, on the date decided, and how they stood to the opinion;
//  - station.<id>.days.<n>: those decisions by the China calendar days from the station's receipt to
//    the decision: a histogram, so a median is read from counters and never from the cases.

export const stationCounter = (stationId: string, counter: string) => `station.${stationId}.${counter}`;

type At = (day: string, counter: string) => void;

export const stationCaseCounts = (station: StationRecord, receivedAt: string, at: At): void => {
  const name = (counter: string) => stationCounter(station.stationId, counter);
  const receivedOn = chinaDateOf(receivedAt);
  at(receivedOn, name('applications'));
  if (station.opinion) at(chinaDateOf(station.opinion.givenAt), name('opinions'));
  const decision = station.decision;
  if (!decision) return;
  const decidedOn = chinaDateOf(decision.decidedAt);
  at(decidedOn, name('decided'));
  if (decision.preliminaryOpinion) at(decidedOn, name(decision.preliminaryOpinion));
  at(decidedOn, name(`days.${Math.max(0, daysBetweenDates(receivedOn, decidedOn))}`));
};

/** The median of a histogram of whole days (`days.<n>` → count): the mean of the two middle values when the count is even. */
export const medianOfDays = (histogram: Readonly<Record<number, number>>): number | null => {
  const sorted = Object.entries(histogram)
    .map(([days, n]) => [Number(days), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((x, [, n]) => x + n, 0);
  if (total === 0) return null;
  const nth = (k: number): number => {
    let seen = 0;
    for (const [days, n] of sorted) {
      seen += n;
      if (seen > k) return days;
    }
    return sorted.at(-1)![0];
  };
  return total % 2 === 1 ? nth((total - 1) / 2) : (nth(total / 2 - 1) + nth(total / 2)) / 2;
};
