import { canonicalJson } from '../../../events/canonical-json.ts';

// A structural diff of two JSON values (here: two folded states of a case). It knows no field names,
// so it keeps working while the case state grows.

export type JsonChange = {
  /** JSON Pointer (RFC 6901) of the changed member; "" is the whole value. */
  path: string;
  op: 'added' | 'removed' | 'changed';
  /** Absent for `added`. */
  before?: unknown;
  /** Absent for `removed`. */
  after?: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const pointer = (path: readonly (string | number)[]) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const walk = (before: unknown, after: unknown, path: (string | number)[], out: JsonChange[]) => {
  if (same(before, after)) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) {
      const inBefore = Object.hasOwn(before, k) && before[k] !== undefined;
      const inAfter = Object.hasOwn(after, k) && after[k] !== undefined;
      if (inBefore && inAfter) walk(before[k], after[k], [...path, k], out);
      else if (inAfter) out.push({ path: pointer([...path, k]), op: 'added', after: after[k] });
      else if (inBefore) out.push({ path: pointer([...path, k]), op: 'removed', before: before[k] });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= before.length) out.push({ path: pointer([...path, i]), op: 'added', after: after[i] });
      else if (i >= after.length) out.push({ path: pointer([...path, i]), op: 'removed', before: before[i] });
      else walk(before[i], after[i], [...path, i], out);
    }
    return;
  }
  out.push({ path: pointer(path), op: 'changed', before, after });
};

/** Every leaf that differs between two JSON values, in a stable order (keys sorted, indexes ascending). */
export const diffJson = (before: unknown, after: unknown): JsonChange[] => {
  const out: JsonChange[] = [];
  // Through JSON first, so the diff is of what a client would see (no undefined, no class instances).
  walk(JSON.parse(JSON.stringify(before ?? null)), JSON.parse(JSON.stringify(after ?? null)), [], out);
  return out;
};
