import type { OrganisationEvent } from '../../events/catalogue/organisation-events.ts';
import type { Decider } from '../decider.ts';
import type { OrganisationCommand } from './commands.ts';
import type { OrganisationContext } from './context.ts';
import { decideOrganisation } from './decide.ts';
import { evolveOrganisation } from './evolve.ts';
import { initialOrganisationState, type OrganisationState } from './state.ts';

export type { OrganisationContext } from './context.ts';

/** One organisation's stream (`organisation#<id>`); the rest of the registry comes in the context. */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState, OrganisationContext> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};
