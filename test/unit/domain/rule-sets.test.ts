import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../../domain/rules/choose-rule-set.ts';
import type { RuleSet } from '../../../domain/rules/rule-set.ts';
import { ruleSets } from '../../../domain/rules/rule-sets.ts';
import { refusalOf } from '../../support/decider-spec.ts';

describe('rule sets are data chosen by province and relevant date', () => {
  it('uses the national set where a province has none', () => {
    expect(ruleSetFor('11', '2026-03-02T09:00:00+08:00').id).toBe('national-2022');
  });

  it("uses a province's set over the national one", () => {
    expect(ruleSetFor('34', '2026-03-02T09:00:00+08:00').id).toBe('anhui-2022');
  });

  it("uses the province's revision from its effective date (China date, not UTC)", () => {
    expect(ruleSetFor('33', '2025-06-30T23:59:59+08:00').id).toBe('zhejiang-2022');
    // 2025-06-30T16:00Z is already 1 July in China.
    expect(ruleSetFor('33', '2025-06-30T16:00:00Z').id).toBe('zhejiang-2025');
  });

  it('refuses a date before the 2003 regulation took effect', () => {
    const error = refusalOf(() => ruleSetFor('33', '2003-08-31T23:59:59+08:00'));
    expect(error).toMatchObject({ code: 'NO_RULE_SET_IN_FORCE', rule: '法律援助条例 Art 31' });
  });

  it('takes other rule data, e.g. a draft revision', () => {
    const draft: RuleSet = { ...ruleSets[0]!, id: 'draft', province: '11', effectiveFrom: '2026-01-01' };
    expect(ruleSetFor('11', '2026-03-02T09:00:00+08:00', [...ruleSets, draft]).id).toBe('draft');
    expect(ruleSetFor('11', '2025-12-31T09:00:00+08:00', [...ruleSets, draft]).id).toBe('national-2022');
  });

  it('holds the statutory figures in the national set', () => {
    const national = ruleSetFor('11', '2026-01-01T00:00:00+08:00');
    expect(national.periods).toMatchObject({
      forwardingHours: 24,
      notificationDays: 3,
      reviewDays: 7,
      assignmentDays: 3,
      objectionDecisionDays: 5,
      art44LimitationDays: 7,
    });
    expect(national.art26MinYearsExperience).toBe(3);
    expect(national.fraudFineCapFen).toBe(300_000);
  });

  it('gives the agency the review period again to decide after a correction order (a local choice), per set', () => {
    for (const [province, date] of [
      ['11', '2026-01-01T00:00:00+08:00'],
      ['33', '2025-06-30T09:00:00+08:00'],
      ['33', '2025-07-01T09:00:00+08:00'],
      ['34', '2026-01-01T00:00:00+08:00'],
    ] as const) {
      const { periods } = ruleSetFor(province, date);
      expect(periods.correctionRedecisionDays, `${province} on ${date}`).toBe(periods.reviewDays);
    }
  });
});
