import { applyAllInMemory } from '../../../domain/organisation/in-memory.ts';
import { createRegistry } from '../../../domain/organisation/registry.ts';
import { seedCommands } from '../../../domain/organisation/seed.ts';
import type { OrganisationState } from '../../../domain/organisation/state.ts';
import type { OrganisationCommand } from '../../../domain/organisation/commands.ts';

/** The seed folded through the decider, as the local stack starts. */
export const seededStates = (): Map<string, OrganisationState> => applyAllInMemory(seedCommands);

/** The seed and then `more` commands, each decided in turn. */
export const seededRegistry = (more: readonly { organisationId: string; command: OrganisationCommand }[] = []) =>
  createRegistry(applyAllInMemory([...seedCommands, ...more]).values());
