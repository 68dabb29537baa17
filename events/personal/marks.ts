import * as z from 'zod';

// Personal data is declared once, where an event's shape is: a field written `personal(kind, schema)`
// in the catalogue is personal wherever the event goes. Sealing (encryption on append), opening and
// masking at the API's edge, the bus's thin events and the export all find the fields from this mark,
// never from a list of field names kept somewhere else.

/** What a personal field holds; masking and the catalogue's report follow the kind (PIPL Art 28 for charges). */
export const personalKinds = ['name', 'identity-number', 'phone', 'address', 'birth-date', 'charge', 'free-text'] as const;
export type PersonalKind = (typeof personalKinds)[number];

/** What a personal field reads as once its subject's key is destroyed (erasure, PIPL Art 47). */
export const ERASED = '[erased]';
/** What a personal field carries on the bus, in the archive and in dead letters: never the value. */
export const WITHHELD = '[withheld]';
/** The prefix of a sealed value (events/personal/token.ts). */
export const SEALED_PREFIX = 'pii1.';

/** A stored or carried form that is not the value itself: sealed, erased or withheld. */
export const isProtectedForm = (value: unknown): value is string =>
  typeof value === 'string' && (value.startsWith(SEALED_PREFIX) || value === ERASED || value === WITHHELD);

const protectedForm = z.string().refine(isProtectedForm, 'a sealed, erased or withheld personal value');

/** The catalogue's mark on each personal field, by the schema object that `personal` returned. */
export const personalMarks = z.registry<{ kind: PersonalKind }>();
/** Strings the catalogue declares not personal (ids, codes, times, the law's references). */
export const factMarks = z.registry<{ why: string }>();

/**
 * A personal field: its value as the command gives it, or (as stored, carried or erased) one of the
 * protected forms. Commands refuse protected forms on input (functions/lib/privacy/input-guard.ts),
 * so only the store's own sealing ever writes one.
 */
export const personal = <S extends z.ZodType<string>>(kind: PersonalKind, schema: S) => {
  const marked = z.union([schema, protectedForm]);
  personalMarks.add(marked, { kind });
  return marked;
};

/** A string the catalogue declares not personal, with why (the catalogue walk asks every string for one or the other). */
export const fact = <S extends z.ZodType>(schema: S, why: string): S => {
  factMarks.add(schema, { why });
  return schema;
};

/** Free text of a record (a summary, reasons, findings): personal, as it may say anything about the person. */
export const freeText = (min = 0, max = 4000) => personal('free-text', z.string().min(min).max(max));

// ---- Walking a value along its schema ----------------------------------------------------------------

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export type PersonalLeaf = {
  kind: PersonalKind;
  path: readonly (string | number)[];
  /** The nearest object holding the field (a person: its priority groups say whether a minor). */
  holder: Record<string, unknown>;
};

/**
 * A copy of `value` with every string at a personal field of `schema` replaced by `replace` (which
 * may return it unchanged). `value` is data the schema has parsed; a union is walked through the
 * option that accepts the value, so a discriminated union's fields are those of the chosen branch.
 */
export const mapPersonal = (schema: z.ZodType, value: unknown, replace: (leaf: string, where: PersonalLeaf) => string): unknown => {
  const walk = (s: z.ZodType, v: unknown, path: (string | number)[], holder: Record<string, unknown>): unknown => {
    const mark = personalMarks.get(s);
    if (mark) return typeof v === 'string' ? replace(v, { kind: mark.kind, path, holder }) : v;
    if (v === undefined || v === null) return v;
    const def = defOf(s);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return walk(def.innerType as z.ZodType, v, path, holder);
      case 'pipe':
        return walk(def.in as z.ZodType, v, path, holder);
      case 'lazy':
        return walk((def.getter as () => z.ZodType)(), v, path, holder);
      case 'array':
        return Array.isArray(v) ? v.map((item, i) => walk(def.element as z.ZodType, item, [...path, i], holder)) : v;
      case 'object': {
        if (typeof v !== 'object' || Array.isArray(v)) return v;
        const record = v as Record<string, unknown>;
        const shape = def.shape as Record<string, z.ZodType>;
        return Object.fromEntries(
          Object.entries(record).map(([k, item]) => [k, shape[k] ? walk(shape[k], item, [...path, k], record) : item]),
        );
      }
      case 'record': {
        if (typeof v !== 'object' || Array.isArray(v)) return v;
        return Object.fromEntries(
          Object.entries(v as Record<string, unknown>).map(([k, item]) => [
            k,
            walk(def.valueType as z.ZodType, item, [...path, k], v as Record<string, unknown>),
          ]),
        );
      }
      case 'union': {
        const option = (def.options as z.ZodType[]).find((o) => o.safeParse(v).success);
        return option ? walk(option, v, path, holder) : v;
      }
      case 'intersection':
        return walk(def.right as z.ZodType, walk(def.left as z.ZodType, v, path, holder), path, holder);
      default:
        return v;
    }
  };
  return walk(schema, value, [], typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
};

/** Every personal leaf of a value, with its string. */
export const personalLeavesOf = (schema: z.ZodType, value: unknown): (PersonalLeaf & { value: string })[] => {
  const leaves: (PersonalLeaf & { value: string })[] = [];
  mapPersonal(schema, value, (leaf, where) => {
    leaves.push({ ...where, value: leaf });
    return leaf;
  });
  return leaves;
};
