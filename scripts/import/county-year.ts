import { figuresOf, type YearFigures } from './county-year-figures.ts';
import { linesOf, xihuPlaces, type AgencyPlaces, type ImportLine } from './county-year-lines.ts';
import { planYear, type YearSize } from './county-year-plan.ts';
import { seededRandom } from './seeded-random.ts';

// A county agency's year of records, generated: the import lines and, beside them, the figures its
// annual report must give. Same seed, same year: the file is the same, line for line.

export type CountyYear = { lines: ImportLine[]; figures: YearFigures };

export const generateCountyYear = ({
  seed,
  places = xihuPlaces,
  ...size
}: YearSize & { seed: number; places?: AgencyPlaces }): CountyYear => {
  const plan = planYear(seededRandom(seed), size);
  // A second stream for the lines' own details (names, numbers), so they never shift the plan.
  return { lines: linesOf(seededRandom(seed ^ 0x5eed), plan, places), figures: figuresOf(plan) };
};
