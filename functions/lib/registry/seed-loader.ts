import { DomainError } from '../../../domain/errors.ts';
import { seedCommands, type SeedCommand } from '../../../domain/organisation/seed.ts';
import type { Actor } from '../../../events/envelope.ts';
import { requestHashOf } from '../command-runner.ts';
import { VersionConflictError } from '../event-store/errors.ts';
import type { EventStore } from '../event-store/event-store.ts';
import { findIdempotentEvents } from '../event-store/idempotency.ts';
import { loadRegistry, type LoadedRegistry } from './load-registry.ts';
import { runRegistryCommand } from './registry-command.ts';

/** Who the seed's events name: the local stack itself, not a person or an organisation of the tree. */
export const seedActor: Actor = { id: 'registry-seed', role: 'system', organisation: 'country:cn' };

const MAX_RELOADS = 5;

/** A change of the load the decider refused: which one, and why. The changes before it are stored. */
export class RegistryLoadRefused extends Error {
  readonly command: SeedCommand;
  readonly refusal: DomainError;
  constructor(command: SeedCommand, refusal: DomainError) {
    super(`${command.key} (${command.organisationId}, ${command.command.type}): ${refusal.code}: ${refusal.message}`);
    this.name = 'RegistryLoadRefused';
    this.command = command;
    this.refusal = refusal;
  }
}

/**
 * Appends the seed through the decider, each command under its stable key: a command whose key is
 * already in its organisation's stream is skipped, so loading twice (or after a crash half-way)
 * writes each change once. Another registry command landing meanwhile only makes it reload and go on.
 */
export const loadSeed = async (
  store: EventStore,
  {
    commands = seedCommands,
    actor = seedActor,
    correlationId = 'registry-seed',
  }: { commands?: readonly SeedCommand[]; actor?: Actor; correlationId?: string } = {},
): Promise<{ appended: number; skipped: number; loaded: LoadedRegistry }> => {
  let loaded = await loadRegistry(store);
  let appended = 0;
  let skipped = 0;
  let reloads = 0;
  for (let i = 0; i < commands.length; ) {
    const { organisationId, key, command } = commands[i]!;
    const idempotency = { key, requestHash: requestHashOf({ organisationId, command }) };
    if (findIdempotentEvents(loaded.organisations.get(organisationId)?.envelopes ?? [], idempotency)) {
      skipped++;
      i++;
      continue;
    }
    try {
      const outcome = await runRegistryCommand(store, loaded, organisationId, command, {
        actor,
        workstation: null,
        correlationId,
        idempotency,
      });
      loaded = outcome.loaded;
      if (outcome.replayed) skipped++;
      else appended++;
      i++;
    } catch (error) {
      if (error instanceof DomainError) throw new RegistryLoadRefused(commands[i]!, error);
      if (!(error instanceof VersionConflictError) || ++reloads > MAX_RELOADS) throw error;
      loaded = await loadRegistry(store);
    }
  }
  return { appended, skipped, loaded };
};
