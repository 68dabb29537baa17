import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import { mapPersonal } from '../../../events/personal/marks.ts';

// The analytics store keeps no personal field at all, not even a `[withheld]` placeholder: a column
// that is always a placeholder says nothing, and a key left in place says which records had one.

/** Stands for a personal leaf between the walk over the marks and the pruning; never kept. */
const CUT = '\u0000personal\u0000';

const prune = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.filter((v) => v !== CUT).map(prune);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== CUT)
        .map(([k, v]) => [k, prune(v)]),
    );
  return value;
};

/**
 * The event's data with every field the catalogue marks `personal` left out. Data that does not read
 * as its type's current shape (an older schema version, an unknown type) is left out whole: the marks
 * describe the current shape only, so a personal value could sit where they see none (the rule
 * functions/lib/bus-entry.ts follows for the bus).
 */
export const withoutPersonal = (
  catalogue: ReadonlyMap<string, EventDefinition>,
  event: { type: string; schemaVersion: number; data: unknown },
): Record<string, unknown> => {
  const definition = catalogue.get(event.type);
  if (!definition || event.schemaVersion !== definition.version || !definition.schema.safeParse(event.data).success) return {};
  return prune(mapPersonal(definition.schema, event.data, () => CUT)) as Record<string, unknown>;
};
