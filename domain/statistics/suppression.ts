// Small-count suppression of a published table (the public disclosure, Legal Aid Law Art 58): the
// primary rule withholds every cell below the threshold; the complementary rule then withholds more
// cells so that none of the withheld can be worked out from the published ones. Pure: no I/O.
//
// The table is a tree of additive relations (a province = its cities + the agencies directly under
// it; a city = its agencies). A withheld cell can be recovered from a relation in which it is the
// only withheld cell (total minus the other parts, or the parts' sum). So every relation must hold 0
// or at least 2 withheld cells: where one holds exactly 1, the smallest published part is withheld
// too (the least information lost), or the total when no other part is left; a withheld total is
// itself a part one level up, so this runs until nothing changes. Limits: two withheld cells of a
// relation still publish their sum (which may be below the threshold: it names no one cell).

/** `total` is the sum of `parts` (ids of cells). */
export type Relation = { total: string; parts: readonly string[] };

/** The ids of the cells withheld: those below `minimumCount`, and the complementary ones. */
export const suppressedCells = (values: ReadonlyMap<string, number>, relations: readonly Relation[], minimumCount: number): Set<string> => {
  const suppressed = new Set([...values].filter(([, v]) => v < minimumCount).map(([id]) => id));
  const valueOf = (id: string) => values.get(id) ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of relations) {
      if (parts.length === 0) continue;
      const withheld = [total, ...parts].filter((id) => suppressed.has(id));
      if (withheld.length !== 1) continue;
      const others = parts.filter((p) => !suppressed.has(p)).sort((a, b) => valueOf(a) - valueOf(b) || a.localeCompare(b));
      const next = others[0] ?? total;
      if (suppressed.has(next)) continue;
      suppressed.add(next);
      changed = true;
    }
  }
  return suppressed;
};
