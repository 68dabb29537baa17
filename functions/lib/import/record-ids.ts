import { createHash } from 'node:crypto';

// Ids an import derives, so that a re-run of the same lines lands on the same streams under the same
// keys and replays instead of adding (docs/import.md "Re-run and crash").

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The id of an imported record: a UUID from (system, record), formed as `caseIdFor` forms a case's
 * from (organisation, key), so an imported case's id looks like a live one's.
 */
export const importedIdOf = (system: string, record: string): string => {
  const h = sha256(`import:${system}\n${record}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A line's idempotency key: from (system, record, step), never from the batch or the line number. */
export const importKeyOf = (system: string, record: string, step: string): string =>
  `import:${sha256(`${system}\n${record}\n${step}`).slice(0, 40)}`;

const REF = /^@record:(.{1,120})$/;

/** The record a `@record:<ref>` string names, or null. */
export const referencedRecord = (value: unknown): string | null => (typeof value === 'string' ? (REF.exec(value)?.[1] ?? null) : null);

/** Every record the value names through `@record:` strings, at any depth. */
export const referencesOf = (value: unknown, found = new Set<string>()): Set<string> => {
  const ref = referencedRecord(value);
  if (ref !== null) found.add(ref);
  else if (Array.isArray(value)) for (const v of value) referencesOf(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) referencesOf(v, found);
  return found;
};

/** The value with every `@record:<ref>` string replaced by that record's id. */
export const resolveReferences = (value: unknown, system: string): unknown => {
  const ref = referencedRecord(value);
  if (ref !== null) return importedIdOf(system, ref);
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, system));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, system)]));
  return value;
};
