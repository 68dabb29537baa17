import type { RuleSet } from './rule-set.ts';

/** Case-file review grades of seed 002 (scored with deductions), shared by every set until a province sets its own. */
export const gradesOfSeed002: RuleSet['fileReviewGrades'] = [
  { grade: 'excellent', minScore: 90 },
  { grade: 'good', minScore: 80 },
  { grade: 'pass', minScore: 60 },
  { grade: 'fail', minScore: 0 },
];
