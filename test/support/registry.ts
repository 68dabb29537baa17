import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import type { EventStore } from '../../functions/lib/event-store/event-store.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';

export type TestOrganisation = { id: string; kind: OrganisationKind; parentId: string; divisionCode: string; name?: string };

/**
 * Organisations a test file needs besides the seed (a generated agency of its own, so its counts are
 * its own), registered through the decider like any other: under a seeded parent, with a code in
 * the parent's. Registered under stable keys, so registering twice writes once.
 */
export const registerOrganisations = async (store: EventStore, organisations: readonly TestOrganisation[]) =>
  loadSeed(store, {
    correlationId: 'test-registry',
    commands: organisations.map((o) => ({
      organisationId: o.id,
      key: `test:${o.id}:register`,
      command: {
        type: 'RegisterOrganisation' as const,
        data: {
          organisationId: o.id,
          kind: o.kind,
          name: o.name ?? o.id,
          parentId: o.parentId,
          divisionCode: o.divisionCode,
          validFrom: '2000-01-01',
          contacts: [],
        },
      },
    })),
  });

/** A legal-aid agency of a test's own under Hangzhou's Xihu bureau (and so in Hangzhou and Zhejiang). */
export const registerTestAgency = (store: EventStore, id: string) =>
  registerOrganisations(store, [{ id, kind: 'legal-aid-agency', parentId: 'justice-bureau:hz-xihu', divisionCode: '330106' }]);
