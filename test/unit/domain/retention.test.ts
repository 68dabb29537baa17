import { describe, expect, it } from 'vitest';
import { recordKinds, retentionEndsOn, retentionRuleFor, retentionRules } from '../../../domain/rules/retention.ts';
import { erasureBasisSchema, erasureRecordKindSchema } from '../../../events/catalogue/privacy-events.ts';
import { erasureBases } from '../../../domain/rules/retention.ts';

describe('retention rules as data (PIPL Art 19)', () => {
  it('every record kind has a rule that applies to it whatever its facts', () => {
    for (const kind of recordKinds) expect(retentionRuleFor(kind, []).recordKind).toBe(kind);
  });

  it('each rule names its source, and one not verified as binding says so in its source', () => {
    for (const rule of retentionRules) {
      expect(rule.source.length).toBeGreaterThan(10);
      if (!rule.binding) expect(rule.source).toMatch(/to verify/);
    }
    expect(new Set(retentionRules.map((r) => r.id)).size).toBe(retentionRules.length);
  });

  it('a permanent rule allows no early erasure', () => {
    for (const rule of retentionRules.filter((r) => r.years === null)) expect(rule.earlyBases).toEqual([]);
  });

  it('the event takes exactly the kinds and bases the rules know', () => {
    expect([...erasureRecordKindSchema.options]).toEqual([...recordKinds]);
    expect([...erasureBasisSchema.options]).toEqual([...erasureBases]);
  });

  it('counts whole years from the end day; 29 February ends on 28 February', () => {
    const rule = { ...retentionRuleFor('case', []), years: 3 };
    expect(retentionEndsOn(rule, '2024-02-29')).toBe('2027-02-28');
    expect(retentionEndsOn(rule, '2024-03-01')).toBe('2027-03-01');
    expect(retentionEndsOn({ ...rule, years: null }, '2024-03-01')).toBeNull();
  });
});
