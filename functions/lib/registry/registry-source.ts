import { organisationStream, registryIndexStream } from '../../../domain/streams.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { RegistryIndexEvent } from '../../../events/catalogue/organisation-events.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import { streamHeadOf, type EventStore } from '../event-store/event-store.ts';
import { foldOrganisation, loadRegistry, snapshotOf, type LoadedRegistry } from './load-registry.ts';

/** The registry as a handler sees it: the newest snapshot, at most one small read behind the store. */
export type RegistrySource = { current: () => Promise<LoadedRegistry> };

/**
 * A registry kept in memory for the life of a Lambda environment (or the local stack) and brought
 * up to date on every call. Loading it whole is a few thousand small reads, done once per cold
 * start; after that each call reads only the index entries after the snapshot's version (one
 * consistent Query, usually empty) and re-reads the organisations those entries name. A scope is
 * therefore never decided on a stale tree: an organisation closed a moment ago is refused on the
 * next request, in every environment at once, without a cache timeout to tune.
 *
 * Calls that arrive while a refresh is running share it, so snapshots only move forward.
 */
export const createRegistrySource = (store: EventStore): RegistrySource => {
  let snapshot: LoadedRegistry | null = null;
  let refreshing: Promise<LoadedRegistry> | null = null;

  const refresh = async (): Promise<LoadedRegistry> => {
    if (!snapshot) return (snapshot = await loadRegistry(store));
    const from = snapshot.indexHead.version + 1;
    const entries = await store.readStream(registryIndexStream, { from });
    if (entries.length === 0) return snapshot;
    const ids = [...new Set(entries.map((e) => (readEventData(catalogue, e) as RegistryIndexEvent).data.organisationId))];
    const organisations = new Map(snapshot.organisations);
    const read = await Promise.all(
      ids.map(async (id) => foldOrganisation(organisationStream(id), await store.readStream(organisationStream(id)))),
    );
    ids.forEach((id, i) => organisations.set(id, read[i]!));
    return (snapshot = snapshotOf(organisations, streamHeadOf(registryIndexStream, entries)));
  };

  return {
    current: () => {
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
  };
};
