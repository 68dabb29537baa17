import type { Registry } from '../../../domain/organisation/registry.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { EventStore } from '../event-store/event-store.ts';
import type { RegistrySource } from '../registry/registry-source.ts';
import { agencyNamedBy, businessDateOf, NO_PROVINCE, type RecordPlace } from './analytics-record.ts';

// Which agency and province an event counts under, as the reports count it: the agency the record's
// opening event names (a case's closing does not repeat it), placed in the registry on the event's
// own business date (domain/statistics/roll-up.ts), so a merger or a move splits at its date.

/** Openings remembered (one per stream, a few dozen bytes each): a closing needs its case's opening once. */
const REMEMBERED_STREAMS = 50_000;

/** The two-digit GB/T 2260 code of the province `agencyId` lay in on `date`, or NO_PROVINCE. */
export const provinceCodeOf = (registry: Registry, agencyId: string | null, date: string): string => {
  if (!agencyId) return NO_PROVINCE;
  const department = registry.provinceOf(agencyId, date);
  const placements = department ? (registry.get(department)?.placements ?? []) : [];
  const inForce = placements.filter((p) => p.from <= date).at(-1) ?? placements[0];
  return inForce ? inForce.divisionCode.slice(0, 2) : NO_PROVINCE;
};

export const createRecordPlaces = ({ store, registry }: { store: Pick<EventStore, 'readPage'>; registry: RegistrySource }) => {
  const openings = new Map<string, string | null>();
  const agencyOf = async (envelope: EventEnvelope): Promise<string | null> => {
    const named = agencyNamedBy(envelope.data);
    if (named || envelope.version === 1) return named;
    let agency = openings.get(envelope.stream);
    if (agency === undefined) {
      // The opening as stored: its agencyId is a fact, never sealed.
      const { events } = await store.readPage(envelope.stream, { from: 1, to: 1 });
      agency = agencyNamedBy(events[0]?.data);
      if (openings.size >= REMEMBERED_STREAMS) openings.delete(openings.keys().next().value!);
      openings.set(envelope.stream, agency);
    }
    return agency;
  };
  /** The places of a batch of events: the registry is brought up to date once per batch, not per event. */
  return async (envelopes: readonly EventEnvelope[]): Promise<RecordPlace[]> => {
    const { registry: tree } = await registry.current();
    return Promise.all(
      envelopes.map(async (envelope) => {
        const agencyId = await agencyOf(envelope);
        return { agencyId, province: provinceCodeOf(tree, agencyId, businessDateOf(envelope)) };
      }),
    );
  };
};
export type RecordPlaces = ReturnType<typeof createRecordPlaces>;
