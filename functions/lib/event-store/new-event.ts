import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import type { NewEvent } from './event-store.ts';

/**
 * A decided event as the store takes it: its catalogue version stamped and its data parsed by its
 * schema, so nothing the catalogue would refuse to read back is ever written.
 */
export const newEventOf = (
  catalogue: ReadonlyMap<string, EventDefinition>,
  event: { type: string; data: unknown },
  occurredAt?: string,
): NewEvent => {
  const definition = catalogue.get(event.type);
  if (!definition) throw new Error(`event type ${event.type} is not in the catalogue`);
  return {
    type: event.type,
    schemaVersion: definition.version,
    data: definition.schema.parse(event.data) as Record<string, unknown>,
    ...(occurredAt ? { occurredAt } : {}),
  };
};
