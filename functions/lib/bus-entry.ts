import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { catalogue } from '../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { EVENT_SOURCE } from '../../events/routing.ts';
import { withholdPersonal } from './privacy/withhold.ts';

// What an event is on the bus: ids, type, versions, times, hashes and the non-personal facts of its
// data, never a personal field (PIPL Art 51: the bus, its archive and every dead-letter queue are
// copies kept outside the store, where a destroyed key could not erase them). The stream publisher,
// the redrive and the replay build their entries here, so no path onto the bus carries more.

/**
 * The envelope as it may leave the store. The catalogue's marks find personal fields in the
 * current shape of a type only; a stored event of an older schema version, or data that does not
 * read as its type, could hold a personal value where the current schema has none, so its data is
 * withheld whole (an empty object): the projection reads such an event from the store.
 */
export const thinEnvelope = (envelope: EventEnvelope): EventEnvelope => {
  const definition = catalogue.get(envelope.type);
  if (!definition || envelope.schemaVersion !== definition.version || !definition.schema.safeParse(envelope.data).success)
    return { ...envelope, data: {} };
  return withholdPersonal(catalogue, envelope).envelope;
};

/** The PutEvents entry of a stored event: its thin envelope as the detail, its type as the detail type. */
export const busEntryOf = (envelope: EventEnvelope, busName: string) =>
  ({
    EventBusName: busName,
    Source: EVENT_SOURCE,
    DetailType: envelope.type,
    Detail: JSON.stringify(thinEnvelope(envelope)),
    Time: new Date(envelope.recordedAt),
  }) satisfies PutEventsRequestEntry;
