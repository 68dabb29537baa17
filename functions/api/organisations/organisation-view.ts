import { COUNTRY, type Registry } from '../../../domain/organisation/registry.ts';
import { nameOn, placementOn, type RegisteredOrganisation } from '../../../domain/organisation/state.ts';

// What the registry says of an organisation on a day. These are public facts of public bodies
// (names, kinds, parents, division codes, contacts), shown to every admitted caller; no personal
// data is kept in the registry.

/** One node of a list (children, the path up): who it is and where it hangs on the day. */
export const nodeOn = (registry: Registry, id: string, date: string) => {
  if (id === COUNTRY) return { organisationId: COUNTRY, kind: 'country', name: '中华人民共和国', validity: 'open' };
  const s = registry.get(id);
  if (!s) return { organisationId: id, kind: null, name: null, validity: 'unknown' };
  const placement = placementOn(s, date);
  return {
    organisationId: id,
    kind: s.kind,
    name: nameOn(s, date) ?? s.names[0]!.name,
    validity: registry.validity(id, date),
    parentId: placement?.parentId ?? null,
    divisionCode: placement?.divisionCode ?? null,
  };
};

/** The whole record on a day: the node, its dated history, and what the tree derives from it. */
export const organisationOn = (registry: Registry, s: RegisteredOrganisation, date: string) => ({
  ...nodeOn(registry, s.organisationId, date),
  date,
  validFrom: s.validFrom,
  closedFrom: s.closedFrom,
  merged: s.merged,
  /** Who holds its records on the day: itself, or its successor after a merger. */
  heldBy: registry.resolve(s.organisationId, date),
  bureauOver: registry.bureauOver(s.organisationId, date),
  provinceOf: registry.provinceOf(s.organisationId, date),
  contacts: s.contacts,
  names: s.names,
  placements: s.placements,
});
