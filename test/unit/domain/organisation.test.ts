import { describe, expect, it } from 'vitest';
import { organisationDecider } from '../../../domain/organisation/decider.ts';
import { createRegistry } from '../../../domain/organisation/registry.ts';
import type * as z from 'zod';
import type { OrganisationEvent, OrganisationRegistered } from '../../../events/catalogue/organisation-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { seededRegistry, seededStates } from './organisation-fixtures.ts';

// Each command on one organisation's stream, with the seeded registry (Zhejiang and Anhui) as the
// rest of the world the decision looks at.

const states = seededStates();
const spec = deciderSpec(organisationDecider, { registry: createRegistry(states.values()) });

type Registration = z.infer<typeof OrganisationRegistered.schema>;
const newAgency: Registration = {
  organisationId: 'agency:hz-xihu-north',
  kind: 'legal-aid-agency',
  name: '西湖区北部法律援助中心',
  parentId: 'justice-bureau:hz-xihu',
  divisionCode: '330106',
  validFrom: '2026-01-01',
  contacts: [{ kind: 'phone', value: '0571-00000000' }],
};
const register = (over: Partial<Record<keyof Registration, unknown>> = {}) => ({
  type: 'RegisterOrganisation' as const,
  data: { ...newAgency, ...over } as Registration,
});
const registered: OrganisationEvent = { type: 'OrganisationRegistered', data: newAgency };
const historyOf = (id: string) => {
  // The seeded organisation's own stream, as events: its registration (and merger) replayed.
  const s = states.get(id)!;
  const events: OrganisationEvent[] = [
    {
      type: 'OrganisationRegistered',
      data: {
        organisationId: id,
        kind: s.kind!,
        name: s.names[0]!.name,
        parentId: s.placements[0]!.parentId,
        divisionCode: s.placements[0]!.divisionCode,
        validFrom: s.validFrom!,
        contacts: [...s.contacts],
      },
    },
  ];
  if (s.merged) events.push({ type: 'OrganisationMerged', data: { successorId: s.merged.successorId, effectiveFrom: s.merged.from } });
  return events;
};

describe('registering an organisation', () => {
  it("registers an agency under a county-level bureau, in that bureau's division", () => {
    spec.given([]).when(register()).then([registered]);
    expect(spec.given([registered]).state()).toMatchObject({ status: 'registered', kind: 'legal-aid-agency', lastChangeOn: '2026-01-01' });
  });

  it('refuses a second registration of the same id', () => {
    spec.given([registered]).when(register()).thenThrows('ORGANISATION_EXISTS');
  });

  it('refuses an id whose prefix names another kind', () => {
    const refusal = spec
      .given([])
      .when(register({ organisationId: 'court:hz-xihu-north' }))
      .thenThrows('ORGANISATION_ID_KIND_MISMATCH');
    expect(refusal.field).toBe('organisationId');
    spec
      .given([])
      .when(register({ organisationId: 'justice-bureau:hz-xihu-north', kind: 'legal-aid-agency' }))
      .thenThrows('ORGANISATION_ID_KIND_MISMATCH');
  });

  it('refuses a parent of a kind this kind does not sit under', () => {
    spec
      .given([])
      .when(register({ parentId: 'court:hz-xihu' }))
      .thenThrows('PARENT_KIND_NOT_ALLOWED');
    spec
      .given([])
      .when(register({ organisationId: 'workstation:x', kind: 'township-workstation', parentId: 'justice-bureau:hz-xihu' }))
      .thenThrows('PARENT_KIND_NOT_ALLOWED');
    spec
      .given([])
      .when(register({ organisationId: 'justice-bureau:x', kind: 'city-bureau', parentId: null, divisionCode: '330300' }))
      .thenThrows('PARENT_KIND_NOT_ALLOWED');
    spec
      .given([])
      .when(
        register({
          organisationId: 'justice-department:x',
          kind: 'provincial-department',
          parentId: 'justice-department:zj',
          divisionCode: '350000',
        }),
      )
      .thenThrows('PARENT_KIND_NOT_ALLOWED');
    spec
      .given([])
      .when(register({ organisationId: 'justice-department:x', kind: 'provincial-department', parentId: null, divisionCode: '330000' }))
      .thenThrows('DIVISION_TAKEN');
  });

  it('refuses a parent that is not registered', () => {
    spec
      .given([])
      .when(register({ parentId: 'justice-bureau:nowhere' }))
      .thenThrows('PARENT_NOT_FOUND');
  });

  it('refuses a parent that is not open on the date, or whose end is already recorded', () => {
    // Jianggan's bureau merged into Shangcheng's on 2021-04-09.
    const jianggan = { parentId: 'justice-bureau:hz-jianggan', divisionCode: '330104' };
    spec
      .given([])
      .when(register({ ...jianggan, validFrom: '2022-01-01' }))
      .thenThrows('PARENT_NOT_OPEN');
    spec
      .given([])
      .when(register({ ...jianggan, validFrom: '2019-01-01' }))
      .thenThrows('PARENT_NOT_OPEN');
    spec
      .given([])
      .when(register({ validFrom: '1999-12-31' }))
      .thenThrows('PARENT_NOT_OPEN');
  });

  it("refuses a bureau's division code of another level", () => {
    spec
      .given([])
      .when(
        register({ organisationId: 'justice-bureau:hz-x', kind: 'county-bureau', parentId: 'justice-bureau:hz', divisionCode: '330100' }),
      )
      .thenThrows('DIVISION_LEVEL_MISMATCH');
    spec
      .given([])
      .when(
        register({ organisationId: 'justice-bureau:zj-x', kind: 'city-bureau', parentId: 'justice-department:zj', divisionCode: '330000' }),
      )
      .thenThrows('DIVISION_LEVEL_MISMATCH');
  });

  it("refuses a division code outside the parent's: a county's starts with its city's four digits, a city's with its province's two", () => {
    spec
      .given([])
      .when(register({ organisationId: 'justice-bureau:x', kind: 'county-bureau', parentId: 'justice-bureau:hz', divisionCode: '340104' }))
      .thenThrows('DIVISION_OUTSIDE_PARENT');
    spec
      .given([])
      .when(
        register({ organisationId: 'justice-bureau:x', kind: 'city-bureau', parentId: 'justice-department:zj', divisionCode: '340500' }),
      )
      .thenThrows('DIVISION_OUTSIDE_PARENT');
    spec
      .given([])
      .when(register({ divisionCode: '330105' }))
      .thenThrows('DIVISION_OUTSIDE_PARENT');
    // A county code inside its city is accepted; one a bureau already holds is not.
    spec
      .given([])
      .when(
        register({ organisationId: 'justice-bureau:hz-x', kind: 'county-bureau', parentId: 'justice-bureau:hz', divisionCode: '330106' }),
      )
      .thenThrows('DIVISION_TAKEN');
    spec
      .given([])
      .when(
        register({ organisationId: 'justice-bureau:hz-x', kind: 'county-bureau', parentId: 'justice-bureau:hz', divisionCode: '330111' }),
      )
      .events();
  });
});

describe('renaming, moving, contacts', () => {
  it('renames from a date, once per change', () => {
    spec
      .given([registered])
      .when({ type: 'RenameOrganisation', data: { name: '西湖区第二法律援助中心', effectiveFrom: '2026-06-01' } })
      .then([{ type: 'OrganisationRenamed', data: { name: '西湖区第二法律援助中心', effectiveFrom: '2026-06-01' } }]);
    spec
      .given([registered])
      .when({ type: 'RenameOrganisation', data: { name: newAgency.name, effectiveFrom: '2026-06-01' } })
      .thenThrows('NOTHING_TO_UPDATE');
    spec
      .given([])
      .when({ type: 'RenameOrganisation', data: { name: 'x', effectiveFrom: '2026-06-01' } })
      .thenThrows('ORGANISATION_NOT_FOUND');
  });

  it('refuses a change dated before the last recorded one', () => {
    spec
      .given([registered])
      .when({ type: 'RenameOrganisation', data: { name: 'x', effectiveFrom: '2025-12-31' } })
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER');
  });

  it('moves under another bureau, keeping its division code unless a new one is given', () => {
    spec
      .given([registered])
      .when({ type: 'MoveOrganisation', data: { parentId: 'justice-bureau:hz', effectiveFrom: '2026-07-01' } })
      .then([{ type: 'OrganisationMoved', data: { parentId: 'justice-bureau:hz', divisionCode: '330106', effectiveFrom: '2026-07-01' } }]);
    spec
      .given([registered])
      .when({ type: 'MoveOrganisation', data: { parentId: 'justice-bureau:hz-xihu', effectiveFrom: '2026-07-01' } })
      .thenThrows('NOTHING_TO_UPDATE');
    spec
      .given([registered])
      .when({ type: 'MoveOrganisation', data: { parentId: 'justice-bureau:hf-shushan', effectiveFrom: '2026-07-01' } })
      .thenThrows('DIVISION_OUTSIDE_PARENT');
    spec
      .given([registered])
      .when({ type: 'MoveOrganisation', data: { parentId: 'court:hz', effectiveFrom: '2026-07-01' } })
      .thenThrows('PARENT_KIND_NOT_ALLOWED');
    spec
      .given([registered])
      .when({
        type: 'MoveOrganisation',
        data: { parentId: 'justice-bureau:hz-jianggan', divisionCode: '330104', effectiveFrom: '2026-07-01' },
      })
      .thenThrows('PARENT_NOT_OPEN');
  });

  it('refuses a new division code that would leave what lies under the organisation outside it', () => {
    // Xihu's agency (330106) lies under Xihu's bureau: the bureau cannot take another code of the city.
    spec
      .given(historyOf('justice-bureau:hz-xihu'))
      .when({ type: 'MoveOrganisation', data: { parentId: 'justice-bureau:hz', divisionCode: '330199', effectiveFrom: '2026-07-01' } })
      .thenThrows('DIVISION_OUTSIDE_PARENT');
    // A bureau with nothing under it may be re-coded.
    spec
      .given([
        {
          ...registered,
          data: {
            ...newAgency,
            organisationId: 'justice-bureau:hz-new',
            kind: 'county-bureau',
            parentId: 'justice-bureau:hz',
            divisionCode: '330111',
          },
        },
      ])
      .when({ type: 'MoveOrganisation', data: { parentId: 'justice-bureau:hz', divisionCode: '330112', effectiveFrom: '2026-07-01' } })
      .then([{ type: 'OrganisationMoved', data: { parentId: 'justice-bureau:hz', divisionCode: '330112', effectiveFrom: '2026-07-01' } }]);
  });

  it("refuses a code outside what the parent's recorded later move brings: the child would end up outside it", () => {
    const bureau = 'justice-bureau:hz-new';
    const later = deciderSpec(organisationDecider, {
      registry: seededRegistry([
        {
          organisationId: bureau,
          command: {
            type: 'RegisterOrganisation',
            data: {
              organisationId: bureau,
              kind: 'county-bureau',
              name: '新区司法局',
              parentId: 'justice-bureau:hz',
              divisionCode: '330111',
              validFrom: '2026-01-01',
              contacts: [],
            },
          },
        },
        {
          organisationId: bureau,
          command: {
            type: 'MoveOrganisation',
            data: { parentId: 'justice-bureau:hz', divisionCode: '330112', effectiveFrom: '2027-01-01' },
          },
        },
      ]),
    });
    later
      .given([])
      .when(register({ parentId: bureau, divisionCode: '330111', validFrom: '2026-06-01' }))
      .thenThrows('DIVISION_OUTSIDE_PARENT');
  });

  it('changes contacts, and refuses contacts that are the same', () => {
    const contacts = [{ kind: 'hotline', value: '12348' }] as const;
    spec
      .given([registered])
      .when({ type: 'ChangeOrganisationContacts', data: { contacts: [...contacts], effectiveFrom: '2026-02-01' } })
      .then([{ type: 'OrganisationContactsChanged', data: { contacts: [...contacts], effectiveFrom: '2026-02-01' } }]);
    spec
      .given([registered])
      .when({ type: 'ChangeOrganisationContacts', data: { contacts: [...newAgency.contacts], effectiveFrom: '2026-02-01' } })
      .thenThrows('NOTHING_TO_UPDATE');
  });
});

describe('merging and closing', () => {
  const xihuBureau = historyOf('justice-bureau:hz-xihu');
  const lingyin = historyOf('workstation:hz-xihu-lingyin');

  it('merges into an open organisation of its own kind', () => {
    spec
      .given(historyOf('agency:hz-binjiang'))
      .when({ type: 'MergeOrganisation', data: { successorId: 'agency:hz-xihu', effectiveFrom: '2026-01-01' } })
      .then([{ type: 'OrganisationMerged', data: { successorId: 'agency:hz-xihu', effectiveFrom: '2026-01-01' } }]);
  });

  it('refuses a merger into itself, into nothing, into another kind or into an organisation that has ended', () => {
    const binjiang = historyOf('agency:hz-binjiang');
    const mergeInto = (successorId: string) => ({ type: 'MergeOrganisation' as const, data: { successorId, effectiveFrom: '2026-01-01' } });
    spec.given(binjiang).when(mergeInto('agency:hz-binjiang')).thenThrows('MERGE_INTO_SELF');
    spec.given(binjiang).when(mergeInto('agency:nowhere')).thenThrows('ORGANISATION_NOT_FOUND');
    spec.given(binjiang).when(mergeInto('justice-bureau:hz-xihu')).thenThrows('MERGE_SUCCESSOR_KIND_MISMATCH');
    spec.given(binjiang).when(mergeInto('agency:hz-jianggan')).thenThrows('MERGE_SUCCESSOR_NOT_OPEN');
  });

  it('refuses ending a bureau while an agency still lies under it', () => {
    spec
      .given(xihuBureau)
      .when({ type: 'MergeOrganisation', data: { successorId: 'justice-bureau:hz-shangcheng', effectiveFrom: '2026-01-01' } })
      .thenThrows('ORGANISATION_HAS_OPEN_CHILDREN');
    spec
      .given(historyOf('agency:hz-xihu'))
      .when({ type: 'CloseOrganisation', data: { reason: '撤销', effectiveFrom: '2026-01-01' } })
      .thenThrows('ORGANISATION_HAS_OPEN_CHILDREN');
  });

  it('closes a workstation; a closed or merged organisation takes no further change', () => {
    const closed: OrganisationEvent = { type: 'OrganisationClosed', data: { reason: '街道工作站撤并', effectiveFrom: '2026-03-01' } };
    spec
      .given(lingyin)
      .when({ type: 'CloseOrganisation', data: { reason: '街道工作站撤并', effectiveFrom: '2026-03-01' } })
      .then([closed]);
    spec
      .given([...lingyin, closed])
      .when({ type: 'CloseOrganisation', data: { reason: 'again', effectiveFrom: '2026-04-01' } })
      .thenThrows('ORGANISATION_ENDED');
    spec
      .given([...lingyin, closed])
      .when({ type: 'RenameOrganisation', data: { name: 'x', effectiveFrom: '2026-04-01' } })
      .thenThrows('ORGANISATION_ENDED');
    spec
      .given(historyOf('agency:hz-jianggan'))
      .when({ type: 'RenameOrganisation', data: { name: 'x', effectiveFrom: '2026-04-01' } })
      .thenThrows('ORGANISATION_ENDED');
  });
});
