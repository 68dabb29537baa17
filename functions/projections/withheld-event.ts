import type { EventEnvelope } from '../../events/envelope.ts';
import { WITHHELD } from '../../events/personal/marks.ts';

// The bus carries thin events (functions/lib/bus-entry.ts): every personal field `[withheld]`, and
// the data of an event the catalogue's marks cannot walk (an older schema version) withheld whole.
// No command can write `[withheld]` into a field (the input guard refuses protected forms), so
// finding it means the bus left it there.

/** Whether a value (a delivered event's data, or a projection's state) holds a withheld field anywhere. */
export const holdsWithheld = (value: unknown): boolean => {
  if (value === WITHHELD) return true;
  if (Array.isArray(value)) return value.some(holdsWithheld);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsWithheld);
  return false;
};

/**
 * Whether a delivered event's data was withheld whole: it cannot be folded as it came and is read
 * from the store. An event whose data is truly empty is read too, which costs a read and changes nothing.
 */
export const isWithheldWhole = (envelope: EventEnvelope): boolean => Object.keys(envelope.data).length === 0;
