import type { EventEnvelope } from '../../events/envelope.ts';
import { WITHHELD } from '../../events/personal/marks.ts';

const holdsWithheld = (value: unknown): boolean => {
  if (value === WITHHELD) return true;
  if (Array.isArray(value)) return value.some(holdsWithheld);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsWithheld);
  return false;
};

/**
 * Whether a delivered event is a thin copy of the stored one (functions/lib/bus-entry.ts): a personal
 * field withheld, or its data withheld whole (an empty object). Such an event is not folded as it
 * came: the projection reads the stored event (sealed fields as the store holds them, which the
 * API's gate opens on read) so that no read model keeps `[withheld]` where a value was. An event
 * whose data is truly empty is read from the store too, which costs a read and changes nothing.
 * No command can write `[withheld]` into a field (the input guard refuses protected forms).
 */
export const isWithheld = (envelope: EventEnvelope): boolean => Object.keys(envelope.data).length === 0 || holdsWithheld(envelope.data);
