import type * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import { factMarks, personalMarks } from '../../events/personal/marks.ts';

// Personal fields are declared once, in the catalogue. This walks every event schema and asks each
// string it can hold to be either personal (`personal(kind, …)`, sealed, masked, withheld on the bus)
// or a declared fact (`fact(…, why)`), unless its shape cannot hold personal data at all: a closed set
// (enum, literal) or a machine format (uuid, ISO date or time). A new string field added unmarked
// fails here, naming the event type and the path.

type Def = { type: string; format?: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Formats that only ever hold machine values. An email or a plain regex may well hold a person's data. */
const MACHINE_FORMATS = new Set(['uuid', 'guid', 'datetime', 'date', 'time', 'duration']);
const NON_STRING = new Set(['never', 'number', 'int', 'boolean', 'null', 'undefined', 'bigint', 'enum', 'literal', 'date', 'nan']);

type Finding = { path: string; why: string };

/** Every string leaf the schema leaves unmarked, by path. */
export const unmarkedStrings = (schema: z.ZodType): Finding[] => {
  const found: Finding[] = [];
  const seen = new Set<z.ZodType>();
  const walk = (s: z.ZodType, path: string): void => {
    if (personalMarks.has(s) || factMarks.has(s)) return;
    if (seen.has(s)) return; // a recursive schema: its fields are walked once
    const def = defOf(s);
    switch (def.type) {
      case 'string':
        if (!MACHINE_FORMATS.has(def.format ?? ''))
          found.push({ path: path || '(root)', why: `an unmarked string${def.format ? ` (${def.format})` : ''}` });
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return walk(def.innerType as z.ZodType, path);
      case 'pipe':
        walk(def.in as z.ZodType, path);
        return walk(def.out as z.ZodType, path);
      case 'lazy':
        seen.add(s);
        return walk((def.getter as () => z.ZodType)(), path);
      case 'array':
        return walk(def.element as z.ZodType, `${path}[]`);
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(v, path ? `${path}.${k}` : k);
        if (def.catchall) walk(def.catchall as z.ZodType, `${path}.*`);
        return;
      case 'record':
        walk(def.keyType as z.ZodType, `${path}{key}`);
        return walk(def.valueType as z.ZodType, `${path}{}`);
      case 'union':
        for (const [i, o] of (def.options as z.ZodType[]).entries()) walk(o, `${path}|${i}`);
        return;
      case 'intersection':
        walk(def.left as z.ZodType, path);
        return walk(def.right as z.ZodType, path);
      case 'tuple':
        for (const [i, item] of (def.items as z.ZodType[]).entries()) walk(item, `${path}[${i}]`);
        if (def.rest) walk(def.rest as z.ZodType, `${path}[…]`);
        return;
      default:
        if (!NON_STRING.has(def.type)) found.push({ path: path || '(root)', why: `a ${def.type} schema this walk cannot see into` });
    }
  };
  walk(schema, '');
  return found;
};

describe('the catalogue declares every string', () => {
  it('covers every event type', () => {
    expect(catalogue.size).toBeGreaterThan(40);
  });

  it('marks every string leaf of every event as personal or as a fact', () => {
    const findings = [...catalogue.values()].flatMap((d) => unmarkedStrings(d.schema).map((f) => `${d.type}: ${f.path}: ${f.why}`));
    expect(findings).toEqual([]);
  });
});

describe('the walk itself', () => {
  it('finds an unmarked string wherever it is nested, and accepts marked, closed and machine-format ones', async () => {
    const { z } = await import('zod');
    const { fact, personal } = await import('../../events/personal/marks.ts');
    const schema = z.strictObject({
      a: z.string(),
      b: z.array(z.strictObject({ c: z.string().regex(/^\d+$/).optional() })),
      d: z.union([z.literal('x'), z.strictObject({ e: z.email() })]),
      f: personal('name', z.string()),
      g: fact(z.string(), 'a code'),
      h: z.enum(['p', 'q']),
      i: z.uuid().nullable(),
      j: z.iso.datetime(),
      k: z.record(z.enum(['m']), z.string()),
    });
    expect(unmarkedStrings(schema).map((f) => f.path)).toEqual(['a', 'b[].c', 'd|1.e', 'k{}']);
  });
});
