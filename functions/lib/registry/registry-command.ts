import { effectiveDateOf } from '../../../domain/organisation/command-authority.ts';
import type { OrganisationCommand } from '../../../domain/organisation/commands.ts';
import { organisationDecider } from '../../../domain/organisation/decider.ts';
import { organisationStream, registryIndexStream } from '../../../domain/streams.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { AppendMeta, EventStore, NewEvent } from '../event-store/event-store.ts';
import { findIdempotentEvents } from '../event-store/idempotency.ts';
import { newEventOf } from '../event-store/new-event.ts';
import { indexEntryOf, startOfDay } from './registry-plan.ts';
import { foldOrganisation, snapshotOf, type LoadedOrganisation, type LoadedRegistry } from './load-registry.ts';

export type RegistryCommandOutcome = { events: EventEnvelope[]; replayed: boolean; loaded: LoadedRegistry };

const toNewEvent = (event: { type: string; data: unknown }, occurredAt?: string): NewEvent => newEventOf(catalogue, event, occurredAt);

/**
 * The seed's path (HTTP commands take registry-plan.ts through the one command runner).
 * Decides a registry command against a loaded snapshot and appends its events to the
 * organisation's stream and an entry to the index, in one transaction at the versions the
 * snapshot was read at. A VersionConflictError means the registry moved: load again and decide
 * again. A retry with the same idempotency key is answered from the first copy's events.
 * Returns the snapshot with the change folded in, so a batch (the seed) needs no reload.
 */
export const runRegistryCommand = async (
  store: EventStore,
  loaded: LoadedRegistry,
  organisationId: string,
  command: OrganisationCommand,
  meta: AppendMeta,
): Promise<RegistryCommandOutcome> => {
  const stream = organisationStream(organisationId);
  const own: LoadedOrganisation = loaded.organisations.get(organisationId) ?? foldOrganisation(stream, []);
  if (meta.idempotency) {
    const earlier = findIdempotentEvents(own.envelopes, meta.idempotency);
    if (earlier) return { events: earlier, replayed: true, loaded };
  }
  const decided = organisationDecider.decide(command, own.state, { registry: loaded.registry });
  const occurredAt = startOfDay(effectiveDateOf(command));
  const [orgResult, indexResult] = await store.appendMany(
    [
      { stream, expected: own.head, events: decided.map((e) => toNewEvent(e, occurredAt)) },
      {
        stream: registryIndexStream,
        expected: loaded.indexHead,
        events: [toNewEvent(indexEntryOf(organisationId, decided))],
      },
    ],
    meta,
  );
  if (orgResult!.replayed) return { events: orgResult!.events, replayed: true, loaded };
  const organisations = new Map(loaded.organisations).set(
    organisationId,
    foldOrganisation(stream, [...own.envelopes, ...orgResult!.events]),
  );
  return { events: orgResult!.events, replayed: false, loaded: snapshotOf(organisations, indexResult!.head) };
};
