import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';

// The shape of the tree as data. An edge means "answers to" for the justice system's own bodies
// (an agency to the bureau that set it up, Art 12; a workstation to its agency, Art 13; a law firm
// to the bureau that supervises it) and "sits in the area of" for courts, procuratorates, police
// and detention centres, which answer to no bureau but are placed where their cases come from.

const bureaus = ['county-bureau', 'city-bureau'] as const satisfies readonly OrganisationKind[];
const anyJustice = ['county-bureau', 'city-bureau', 'provincial-department'] as const satisfies readonly OrganisationKind[];

/**
 * Which kinds each kind may sit under; an empty list is a root (under the country). No kind sits
 * under its own kind or under one that may sit under it, so no placement can close a cycle.
 */
export const allowedParentKinds: Readonly<Record<OrganisationKind, readonly OrganisationKind[]>> = {
  'provincial-department': [],
  'city-bureau': ['provincial-department'],
  // A county-level city or district may sit directly under its province (省直辖县级行政区划).
  'county-bureau': ['city-bureau', 'provincial-department'],
  // A province runs its own centre too (e.g. 浙江省法律援助中心).
  'legal-aid-agency': anyJustice,
  'township-workstation': ['legal-aid-agency'],
  'community-workstation': ['legal-aid-agency'],
  'court-workstation': ['legal-aid-agency'],
  'procuratorate-workstation': ['legal-aid-agency'],
  'detention-centre-workstation': ['legal-aid-agency'],
  // A basic court sits in a county, an intermediate court in a city, a high court in the province.
  court: anyJustice,
  procuratorate: anyJustice,
  'police-office': anyJustice,
  'detention-centre': anyJustice,
  'law-firm': bureaus,
  'legal-service-office': bureaus,
};

/** The justice bureaus in the tree: the kinds whose administrators manage what lies under them. */
export const justiceKinds: readonly OrganisationKind[] = anyJustice;
export const isJusticeKind = (kind: OrganisationKind): boolean => justiceKinds.includes(kind);

export const workstationKinds: readonly OrganisationKind[] = [
  'township-workstation',
  'community-workstation',
  'court-workstation',
  'procuratorate-workstation',
  'detention-centre-workstation',
];

/**
 * The prefix of an organisation id (`kind:slug`, as tokens carry it in `org`) and the kinds it may
 * name. One prefix may name several kinds because tokens already say `justice-bureau:hz` for a city
 * and `justice-bureau:hz-xihu` for a district: the registry, not the string, says which it is.
 */
export const idPrefixKinds: Readonly<Record<string, readonly OrganisationKind[]>> = {
  'justice-department': ['provincial-department'],
  'justice-bureau': ['city-bureau', 'county-bureau'],
  agency: ['legal-aid-agency'],
  workstation: workstationKinds,
  court: ['court'],
  procuratorate: ['procuratorate'],
  police: ['police-office'],
  'detention-centre': ['detention-centre'],
  'law-firm': ['law-firm'],
  'legal-service-office': ['legal-service-office'],
};

export const idPrefixOf = (organisationId: string): string => organisationId.slice(0, Math.max(0, organisationId.indexOf(':')));

export const idFitsKind = (organisationId: string, kind: OrganisationKind): boolean =>
  idPrefixKinds[idPrefixOf(organisationId)]?.includes(kind) ?? false;

/** The prefix an id of this kind carries. */
export const idPrefixForKind = (kind: OrganisationKind): string =>
  Object.entries(idPrefixKinds).find(([, kinds]) => kinds.includes(kind))![0];

/** The GB/T 2260 level a bureau's own code is at; other kinds take the level of the place they sit in. */
export const divisionLevelOfKind: Partial<Readonly<Record<OrganisationKind, DivisionLevel>>> = {
  'provincial-department': 'province',
  'city-bureau': 'city',
  'county-bureau': 'county',
};

export type DivisionLevel = 'province' | 'city' | 'county';
