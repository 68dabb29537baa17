import type { OrganisationEvent } from '../../events/catalogue/organisation-events.ts';
import type { OrganisationCommand } from './commands.ts';
import { decideOrganisation } from './decide.ts';
import { evolveOrganisation } from './evolve.ts';
import { createRegistry } from './registry.ts';
import { initialOrganisationState, type OrganisationState } from './state.ts';

/**
 * A registry command decided against states held in memory, as the store-backed runner does it
 * against loaded streams: the seed's checks in tests, and what-if questions without a store.
 */
export const decideInMemory = (
  states: ReadonlyMap<string, OrganisationState>,
  organisationId: string,
  command: OrganisationCommand,
): { events: OrganisationEvent[]; states: Map<string, OrganisationState> } => {
  const own = states.get(organisationId) ?? initialOrganisationState();
  const events = decideOrganisation(command, own, { registry: createRegistry(states.values()) });
  return { events, states: new Map(states).set(organisationId, events.reduce(evolveOrganisation, own)) };
};

/** Every command in order; the first refusal is thrown. */
export const applyAllInMemory = (
  commands: readonly { organisationId: string; command: OrganisationCommand }[],
): Map<string, OrganisationState> =>
  commands.reduce(
    (states, { organisationId, command }) => decideInMemory(states, organisationId, command).states,
    new Map<string, OrganisationState>(),
  );
