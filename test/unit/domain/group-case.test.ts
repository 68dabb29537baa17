import { describe, expect, it } from 'vitest';
import { caseDecider } from '../../../domain/case/decider.ts';
import { evolveQualityFacts, initialQualityFacts, qualityRecordOf } from '../../../domain/quality/record.ts';
import { caseContribution, splitCounterKey } from '../../../domain/statistics/contribution.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { T, received, refused } from './fixtures.ts';

// Issue 19 point 6: a group case aids each of its applicants; the statistics count every person.

const countsOf = (events: readonly CaseEvent[]) => {
  const record = qualityRecordOf(
    events.reduce(caseDecider.evolve, caseDecider.initialState()),
    events.reduce(evolveQualityFacts, initialQualityFacts()),
    T('2026-03-10 09:00'),
  );
  const totals: Record<string, number> = {};
  for (const [key, n] of Object.entries(caseContribution(record).counts)) {
    const { counter } = splitCounterKey(key);
    totals[counter] = (totals[counter] ?? 0) + n;
  }
  return totals;
};
const person = (i: number, priorityGroups: ('migrant-worker' | 'disabled')[]) => ({
  name: `农民工${i}`,
  identityNumber: `33010619900101${100 + i}X`,
  priorityGroups,
});

describe('a group case in the statistics', () => {
  const coApplicants = [person(1, ['migrant-worker']), person(2, ['migrant-worker', 'disabled']), person(3, [])];
  const group = received({ coApplicants });

  it('counts the case once and each applicant as an aided person, by priority group', () => {
    const counts = countsOf([group]);
    expect(counts.received).toBe(1);
    // The fixture's applicant is a migrant worker; the co-applicants as above.
    expect(counts.aided).toBe(1 + coApplicants.length);
    expect(counts['groups.any']).toBe(3);
    expect(counts['group.migrant-worker']).toBe(3);
    expect(counts['group.disabled']).toBe(1);
  });

  it('a refused group case aids nobody', () => {
    expect(countsOf([group, refused()]).aided).toBeUndefined();
  });

  it('an application stored before group cases has one applicant', () => {
    expect(countsOf([received()]).aided).toBe(1);
  });
});
