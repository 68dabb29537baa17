import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, type JsonChange } from '../../functions/lib/audit/json-diff.ts';

/** Applies a diff to `before`; if the diff is right, the result equals `after`. */
const patch = (before: unknown, changes: readonly JsonChange[]): unknown => {
  let root = structuredClone(before);
  // Additions and changes first, then removals from the highest array index down, so that removing
  // one element does not shift the index of another still to be removed.
  const removals = changes.filter((c) => c.op === 'removed').sort((a, b) => b.path.localeCompare(a.path, 'en', { numeric: true }));
  const sorted = [...changes.filter((c) => c.op !== 'removed'), ...removals];
  for (const ch of sorted) {
    const parts = ch.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (parts.length === 0) {
      root = ch.after;
      continue;
    }
    let node = root as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
    const last = parts.at(-1)!;
    if (ch.op === 'removed') {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else {
      // As an own property: `node.__proto__ = …` would set the prototype instead.
      Object.defineProperty(node, last, { value: structuredClone(ch.after), enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
};

describe('diffJson', () => {
  it('lists changed, added and removed members with JSON Pointer paths', () => {
    expect(
      diffJson({ a: 1, b: { c: 'x', 'd/e': 1, 'f~g': 1 }, gone: true }, { a: 2, b: { c: 'x', 'd/e': 2, 'f~g': 2 }, extra: [1] }),
    ).toEqual([
      { path: '/a', op: 'changed', before: 1, after: 2 },
      { path: '/b/d~1e', op: 'changed', before: 1, after: 2 },
      { path: '/b/f~0g', op: 'changed', before: 1, after: 2 },
      { path: '/extra', op: 'added', after: [1] },
      { path: '/gone', op: 'removed', before: true },
    ]);
  });

  it('treats a change of kind (null to object, object to array) as one change at that path', () => {
    expect(diffJson({ a: null }, { a: { b: 1 } })).toEqual([{ path: '/a', op: 'changed', before: null, after: { b: 1 } }]);
    expect(diffJson({ a: { 0: 1 } }, { a: [1] })).toEqual([{ path: '/a', op: 'changed', before: { 0: 1 }, after: [1] }]);
    expect(diffJson(1, 'x')).toEqual([{ path: '', op: 'changed', before: 1, after: 'x' }]);
  });

  it('ignores key order and undefined members, as JSON does', () => {
    expect(diffJson({ a: 1, b: 2, u: undefined }, { b: 2, a: 1 })).toEqual([]);
  });

  it('gives a diff that turns before into after (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const before = JSON.parse(JSON.stringify(a)) as unknown;
        const after = JSON.parse(JSON.stringify(b)) as unknown;
        expect(patch(before, diffJson(before, after))).toEqual(after);
      }),
      { numRuns: 300 },
    );
  });
});
