import type { EventDefinition } from '../../../events/catalogue/define-event.ts';
import { mapPersonal, WITHHELD } from '../../../events/personal/marks.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';

/**
 * An event as it may leave the store for the bus, the archive and the dead-letter queues: every
 * personal field (sealed or, in records from before sealing, plain) replaced by `[withheld]`. The
 * hash is the stored event's; a projection that needs a personal field reads the event from the store.
 * An event of a type this code does not know is withheld whole.
 */
export const withholdPersonal = (
  catalogue: ReadonlyMap<string, EventDefinition>,
  envelope: EventEnvelope,
): { envelope: EventEnvelope; withheld: boolean } => {
  const definition = catalogue.get(envelope.type);
  if (!definition) return { envelope: { ...envelope, data: {} }, withheld: true };
  let withheld = false;
  const data = mapPersonal(definition.schema, envelope.data, () => {
    withheld = true;
    return WITHHELD;
  }) as Record<string, unknown>;
  return { envelope: withheld ? { ...envelope, data } : envelope, withheld };
};
