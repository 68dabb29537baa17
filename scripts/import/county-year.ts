import { figuresOf, type YearFigures } from './county-year-figures.ts';
import { linesOf, xihuPlaces, type AgencyPlaces, type ImportLine } from './county-year-lines.ts';
import { DAY, planYear, type YearSize } from './county-year-plan.ts';
import { seededRandom } from './seeded-random.ts';

// A county agency's year of records, generated: the import lines and, beside them, the figures its
// annual report must give. Same seed, same year: the file is the same, line for line.

export type CountyYear = { lines: ImportLine[]; figures: YearFigures };

export const generateCountyYear = ({
  seed,
  places = xihuPlaces,
  report,
  ...size
}: YearSize & {
  seed: number;
  places?: AgencyPlaces;
  /** The report the figures are of, when not of the whole period planned: its first China date and length in days. */
  report?: { firstDay: string; days: number };
}): CountyYear => {
  const plan = planYear(seededRandom(seed), size);
  const from = report ? Date.parse(`${report.firstDay}T00:00:00+08:00`) : plan.from;
  const range = report ? { from, below: from + report.days * DAY } : plan;
  // A second stream for the lines' own details (names, numbers), so they never shift the plan.
  return { lines: linesOf(seededRandom(seed ^ 0x5eed), plan, places), figures: figuresOf(plan, range) };
};
