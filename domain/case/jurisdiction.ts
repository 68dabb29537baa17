import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { refuse } from '../error-codes.ts';
import { divisionLevelOf } from '../organisation/division-code.ts';
import { isJusticeKind } from '../organisation/kinds.ts';
import type { Registry } from '../organisation/registry.ts';
import { chinaDateOf } from '../time/calendar.ts';

// Art 38: a litigation matter goes to the legal-aid agency where the handling authority sits; a
// non-litigation matter to the agency where the dispute-handling body sits or where the matter
// arose. The rule, on the registry's tree, on the date of receipt:
//
// - The place is the handling body when the application names one (`handlingAuthorityId`: a court,
//   procuratorate or police office), else the division where the matter arose (`matterDivisionCode`).
// - The area of a handling body is the justice body it sits under: a basic court's county bureau,
//   an intermediate court's city bureau, a high court's provincial department. The area of a
//   division is the justice body of that code; a code with none (a new code, a division outside the
//   registry's bureaus) falls back to its city's, then its province's. An abolished code is followed
//   to the body its bureau merged into (330104 Jianggan → Shangcheng from 2021-04-09).
// - The competent agencies are those set up directly under that area's justice body, so an
//   intermediate court's matters go to the city's agency, a basic court's to the county's: the
//   agency at the court's own level. An area without an agency of its own is served by the nearest
//   one above it.
// - A place the registry cannot place (a division outside the registry, an application naming
//   neither) leaves the application where it was received, as before: the registry does not yet
//   hold the whole country, and a gap in it must not turn an applicant away.

export type ApplicationPlace = { handlingAuthorityId?: string | undefined; matterDivisionCode?: string | undefined };

export type Jurisdiction =
  | { placed: false }
  | { placed: true; basis: 'handling-authority' | 'matter-division'; areaId: string; competent: readonly string[] };

const handlingAuthorityKinds: readonly OrganisationKind[] = ['court', 'procuratorate', 'police-office'];

const areaOfAuthority = (registry: Registry, authorityId: string, date: string): string => {
  const authority = registry.get(authorityId);
  if (!authority || !handlingAuthorityKinds.includes(authority.kind) || !registry.isOpen(authorityId, date)) {
    throw refuse(
      'HANDLING_AUTHORITY_UNKNOWN',
      `${authorityId} is no court, procuratorate or police office open in the registry on ${date}`,
      'handlingAuthorityId',
    );
  }
  const area = registry.parentOf(authorityId, date);
  if (!area) throw refuse('HANDLING_AUTHORITY_UNKNOWN', `${authorityId} sits in no area on ${date}`, 'handlingAuthorityId');
  return area;
};

/** The open justice body of exactly this code on the date, following the merger of one whose code it was. */
const justiceBodyOfCode = (registry: Registry, code: string, date: string): string | null => {
  const holders = registry
    .all()
    .filter((s) => isJusticeKind(s.kind) && s.placements.some((p) => p.divisionCode === code))
    .map((s) => registry.resolve(s.organisationId, date))
    .filter((id) => registry.isOpen(id, date));
  return [...new Set(holders)].sort()[0] ?? null;
};

const areaOfDivision = (registry: Registry, code: string, date: string): string | null => {
  const level = divisionLevelOf(code);
  const candidates = [
    code,
    ...(level === 'county' ? [`${code.slice(0, 4)}00`] : []),
    ...(level !== 'province' ? [`${code.slice(0, 2)}0000`] : []),
  ];
  for (const candidate of candidates) {
    const body = justiceBodyOfCode(registry, candidate, date);
    if (body) return body;
  }
  return null;
};

/** The agencies set up directly under the area's justice body, else under the nearest body above that has one. */
const agenciesServing = (registry: Registry, areaId: string, date: string): string[] => {
  const agencies = registry.all().filter((s) => s.kind === 'legal-aid-agency');
  for (const body of [areaId, ...registry.ancestors(areaId, date)]) {
    const own = agencies
      .map((s) => s.organisationId)
      .filter((id) => registry.isOpen(id, date) && registry.parentOf(id, date) === body)
      .sort();
    if (own.length) return own;
  }
  return [];
};

/** Where the registry places the application's matter on the date it was received, and which agencies are competent there. */
export const jurisdictionOf = (registry: Registry, place: ApplicationPlace, receivedAt: string): Jurisdiction => {
  const date = chinaDateOf(receivedAt);
  const [basis, areaId] = place.handlingAuthorityId
    ? (['handling-authority', areaOfAuthority(registry, place.handlingAuthorityId, date)] as const)
    : place.matterDivisionCode
      ? (['matter-division', areaOfDivision(registry, place.matterDivisionCode, date)] as const)
      : (['matter-division', null] as const);
  if (!areaId) return { placed: false };
  const competent = agenciesServing(registry, areaId, date);
  return competent.length ? { placed: true, basis, areaId, competent } : { placed: false };
};

/** Whether the receiving agency (its records' holder, after a merger) is one the place makes competent. */
export const isCompetent = (registry: Registry, jurisdiction: Jurisdiction, agencyId: string, receivedAt: string): boolean =>
  !jurisdiction.placed || jurisdiction.competent.includes(registry.resolve(agencyId, chinaDateOf(receivedAt)));

/** The field a refusal or a referral names: the one that placed the matter. */
export const placeField = (jurisdiction: Jurisdiction): string =>
  jurisdiction.placed && jurisdiction.basis === 'handling-authority' ? 'handlingAuthorityId' : 'matterDivisionCode';
