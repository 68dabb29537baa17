import { effectiveDateOf } from '../../../domain/organisation/command-authority.ts';
import type { OrganisationCommand } from '../../../domain/organisation/commands.ts';
import { organisationDecider } from '../../../domain/organisation/decider.ts';
import type { Registry } from '../../../domain/organisation/registry.ts';
import type { OrganisationState } from '../../../domain/organisation/state.ts';
import { organisationStream, registryIndexStream } from '../../../domain/streams.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { folderOf, type CommandPlan, type StreamReads } from '../command-runner.ts';
import type { AppendMeta } from '../event-store/event-store.ts';
import type { LoadedRegistry } from './load-registry.ts';
import type { RegistrySource } from './registry-source.ts';

const organisationFolder = folderOf(organisationDecider, catalogue);

/** A business date's first instant in China time: an event's `occurredAt` is the day it takes effect. */
export const startOfDay = (date: string) => `${date}T00:00:00+08:00`;

/** What the index stream records of one registry command, in the same transaction as its events. */
export const indexEntryOf = (organisationId: string, events: readonly { type: string }[]) => ({
  type: 'RegistryChangeIndexed',
  data: { organisationId, types: events.map((e) => e.type) },
});

// A snapshot older than the index head it is appended at would let a command pass on a tree that
// has since changed. Two tries are always enough (see below); a third is slack.
const SNAPSHOT_TRIES = 3;

/**
 * The snapshot to decide on, at least as new as the index head just read. The source may hand back
 * a refresh that started before that read; the refresh after it started later, so it reads at
 * least that head. A snapshot newer than the head is harmless: the append, conditional on the
 * head, then fails and the runner reads and decides again.
 */
const snapshotAtLeast = async (source: RegistrySource, version: number): Promise<LoadedRegistry> => {
  for (let i = 0; i < SNAPSHOT_TRIES; i++) {
    const loaded = await source.current();
    if (loaded.indexHead.version >= version) return loaded;
  }
  throw new Error(`the registry source stays behind the index at version ${version}`);
};

/**
 * A registry command as a plan for the one command runner (functions/lib/command-runner.ts), so it
 * is retried, replayed and If-Matched as every other command. It answers for the organisation's
 * stream and appends, in the same transaction, one entry to the index at the head it was decided
 * on: registry commands are serialised, and a command decided on a tree another command has since
 * changed loses the append and is decided again on the new tree (the runner's bounded retries,
 * then 409). The seed keeps its own batched path (registry-command.ts): it folds each change into
 * the snapshot it holds instead of reloading per command.
 *
 * `authorise` sees the same snapshot and state the decision is made on (each try takes a new one),
 * so a caller's authority over a place in the tree is never judged on another tree than the change.
 */
export const registryCommandPlan = ({
  source,
  organisationId,
  command,
  meta,
  ifMatch,
  authorise,
  check,
}: {
  source: RegistrySource;
  organisationId: string;
  command: OrganisationCommand;
  meta: AppendMeta;
  /** The organisation's version the caller last saw (If-Match). */
  ifMatch?: number;
  /** Throws when the caller may not make this change on this tree; runs before the decision. */
  authorise: (registry: Registry, own: OrganisationState) => void;
  /** Whether the organisation's stream as it stands may be acted on at all (404 for none). */
  check?: (own: OrganisationState) => void;
}): CommandPlan => {
  const stream = organisationStream(organisationId);
  // The snapshot the latest try checked the caller on; its decision is made on the same one.
  let registry: Registry | null = null;
  return {
    stream,
    meta,
    ...(ifMatch !== undefined ? { ifMatch } : {}),
    occurredAt: startOfDay(effectiveDateOf(command)),
    // Before If-Match, as a case's scope is: a caller the change is not for learns no version.
    check: async (reads: StreamReads) => {
      const own = await reads.fold(stream, organisationFolder);
      check?.(own);
      // The index head first, then a snapshot at least that new (never the other way round).
      const indexHead = (await reads.newest(registryIndexStream))?.version ?? 0;
      registry = (await snapshotAtLeast(source, indexHead)).registry;
      authorise(registry, own);
    },
    decide: async (reads) => {
      const own = await reads.fold(stream, organisationFolder);
      const events = organisationDecider.decide(command, own, { registry: registry! });
      return [
        { stream, events },
        { stream: registryIndexStream, events: [indexEntryOf(organisationId, events)] },
      ];
    },
  };
};
