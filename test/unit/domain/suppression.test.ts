import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disclosureRules } from '../../../domain/rules/disclosure.ts';
import { suppressedCells, type Relation } from '../../../domain/statistics/suppression.ts';

// Small-count suppression: every cell below the minimum is withheld, and no withheld cell can be
// worked out from a relation (total = sum of parts) in which it would be the only one withheld.

const K = 5;
/** A province of two cities of three agencies each, and one agency directly under the province. */
const relations: Relation[] = [
  { total: 'city:a', parts: ['a1', 'a2', 'a3'] },
  { total: 'city:b', parts: ['b1', 'b2', 'b3'] },
  { total: 'province', parts: ['city:a', 'city:b', 'p1'] },
];
const leaves = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'p1'];
const valuesOf = (leaf: Record<string, number>) => {
  const sum = (ids: readonly string[]) => ids.reduce((n, id) => n + (leaf[id] ?? 0), 0);
  const city = { 'city:a': sum(['a1', 'a2', 'a3']), 'city:b': sum(['b1', 'b2', 'b3']) };
  return new Map(Object.entries({ ...leaf, ...city, province: city['city:a'] + city['city:b'] + (leaf.p1 ?? 0) }));
};
/** The relations in which exactly one cell is withheld: each such cell would be recoverable by subtraction. */
const recoverable = (withheld: Set<string>) => relations.filter((r) => [r.total, ...r.parts].filter((id) => withheld.has(id)).length === 1);

describe('small-count suppression', () => {
  it('withholds a cell below the minimum, and the smallest other part of its relation with it', () => {
    const values = valuesOf({ a1: 3, a2: 7, a3: 10, b1: 20, b2: 30, b3: 40, p1: 50 });
    const withheld = suppressedCells(values, relations, K);
    expect(withheld.has('a1')).toBe(true);
    // Without a second one, a1 = city:a − a2 − a3.
    expect(withheld.has('a2')).toBe(true);
    expect(withheld.has('a3')).toBe(false);
    expect(withheld.has('city:a')).toBe(false);
    expect(recoverable(withheld)).toEqual([]);
  });

  it('withholds the total when the one withheld part has no published sibling', () => {
    const values = new Map([
      ['city', 3],
      ['only', 3],
    ]);
    expect(suppressedCells(values, [{ total: 'city', parts: ['only'] }], K)).toEqual(new Set(['city', 'only']));
  });

  it('a withheld city total is protected one level up as well', () => {
    // City b is below the minimum as a whole: its parts are all withheld, and in the province's
    // relation it would be the only withheld cell (province − city:a − p1).
    const values = valuesOf({ a1: 10, a2: 12, a3: 14, b1: 1, b2: 1, b3: 1, p1: 30 });
    const withheld = suppressedCells(values, relations, K);
    expect(withheld.has('city:b')).toBe(true);
    expect(recoverable(withheld)).toEqual([]);
    expect(withheld.has('province')).toBe(false);
  });

  it('holds for any counts: every cell below the minimum withheld, no relation with exactly one withheld cell, every published cell its value', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: leaves.length, maxLength: leaves.length }), (counts) => {
        const values = valuesOf(Object.fromEntries(leaves.map((id, i) => [id, counts[i]!])));
        const withheld = suppressedCells(values, relations, K);
        for (const [id, v] of values) if (v < K) expect(withheld.has(id), id).toBe(true);
        expect(recoverable(withheld)).toEqual([]);
      }),
    );
  });

  it('the minimum in force is rule data with its source', () => {
    for (const rule of disclosureRules) {
      expect(rule.minimumCount).toBeGreaterThan(1);
      expect(rule.source).toMatch(/Art 58/);
    }
  });
});
