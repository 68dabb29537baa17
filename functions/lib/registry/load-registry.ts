import { evolveOrganisation } from '../../../domain/organisation/evolve.ts';
import { createRegistry, type Registry } from '../../../domain/organisation/registry.ts';
import { initialOrganisationState, type OrganisationState } from '../../../domain/organisation/state.ts';
import { organisationStream, registryIndexStream } from '../../../domain/streams.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { OrganisationEvent, RegistryIndexEvent } from '../../../events/catalogue/organisation-events.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { streamHeadOf, type EventStore, type StreamHead } from '../event-store/event-store.ts';

// Stream layout, and why. Each organisation has its own stream (`organisation#<id>`), so its
// history reads, verifies and exports like a case's. Beside them one index stream
// (`registry#index`) takes an entry per registry command, written in the same transaction as the
// organisation's events:
//  - loading lists every organisation with one (paginated) Query instead of a table scan, then
//    reads their streams in parallel: a province's few thousand organisations are a few thousand
//    small Queries, done once per cold start (and an index version says whether a cache is stale:
//    the entries after it name exactly the organisations to read again);
//  - every command appends to the index at the version it was decided on, so registry commands are
//    serialised: a child registered under a parent that another command is closing cannot both
//    pass, which per-organisation streams alone would allow. Registry changes are rare (a few a
//    day for a province), so one serialising stream costs nothing.
// A single stream holding every organisation's events would load with fewer requests, but would
// give one hash chain and one history for thousands of organisations and make reading one
// organisation a scan of all.

export type LoadedOrganisation = { state: OrganisationState; envelopes: EventEnvelope[]; head: StreamHead };

export type LoadedRegistry = {
  registry: Registry;
  organisations: ReadonlyMap<string, LoadedOrganisation>;
  /** The index version this snapshot was built at: the next registry command appends after it. */
  indexHead: StreamHead;
};

const PARALLEL_READS = 16;

export const foldOrganisation = (stream: string, envelopes: EventEnvelope[]): LoadedOrganisation => ({
  state: envelopes.reduce((s, e) => evolveOrganisation(s, readEventData(catalogue, e) as OrganisationEvent), initialOrganisationState()),
  envelopes,
  head: streamHeadOf(stream, envelopes),
});

export const snapshotOf = (organisations: ReadonlyMap<string, LoadedOrganisation>, indexHead: StreamHead): LoadedRegistry => ({
  registry: createRegistry([...organisations.values()].map((o) => o.state)),
  organisations,
  indexHead,
});

/** The whole registry from the store: the index, then every organisation it names. */
export const loadRegistry = async (store: EventStore): Promise<LoadedRegistry> => {
  const index = await store.readStream(registryIndexStream);
  const ids = [...new Set(index.map((e) => (readEventData(catalogue, e) as RegistryIndexEvent).data.organisationId))];
  const organisations = new Map<string, LoadedOrganisation>();
  for (let i = 0; i < ids.length; i += PARALLEL_READS) {
    const batch = ids.slice(i, i + PARALLEL_READS);
    const read = await Promise.all(
      batch.map(async (id) => foldOrganisation(organisationStream(id), await store.readStream(organisationStream(id)))),
    );
    batch.forEach((id, j) => organisations.set(id, read[j]!));
  }
  return snapshotOf(organisations, streamHeadOf(registryIndexStream, index));
};
