import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { refuse } from '../error-codes.ts';
import { divisionLevelOf, divisionLiesIn } from './division-code.ts';
import { allowedParentKinds, divisionLevelOfKind } from './kinds.ts';
import type { Registry } from './registry.ts';
import { endOf, isOpenOn, placementOn, type RegisteredOrganisation } from './state.ts';

// Where an organisation may be placed on a date: the checks a registration and a move share.

export type PlacementRequest = { kind: OrganisationKind; parentId: string | null; divisionCode: string; date: string };

export const checkDivisionLevel = (kind: OrganisationKind, divisionCode: string): void => {
  const level = divisionLevelOfKind[kind];
  if (level && divisionLevelOf(divisionCode) !== level) {
    throw refuse('DIVISION_LEVEL_MISMATCH', `a ${kind} has a ${level}-level division code, not ${divisionCode}`, 'divisionCode');
  }
};

/**
 * The parent must be of a kind this kind sits under, open on the date and with no end recorded
 * (so the child is never left under something closed), and the division code must lie in the
 * parent's. Once placed, the parent cannot end while the child is under it (decide.ts), so the
 * tree holds on every date, not only on the day of the check. No cycle check is needed: every kind
 * sits only under kinds of a higher rank (kinds.ts, held by a unit test).
 */
export const checkPlacement = ({ kind, parentId, divisionCode, date }: PlacementRequest, registry: Registry): void => {
  checkDivisionLevel(kind, divisionCode);
  const allowed = allowedParentKinds[kind];
  if (parentId === null) {
    if (allowed.length === 0) return;
    throw refuse('PARENT_KIND_NOT_ALLOWED', `a ${kind} sits under a ${allowed.join(' or ')}`, 'parentId');
  }
  if (allowed.length === 0) throw refuse('PARENT_KIND_NOT_ALLOWED', `a ${kind} sits directly under the country`, 'parentId');
  const parent = registry.get(parentId);
  if (!parent) throw refuse('PARENT_NOT_FOUND', `${parentId} is not registered`, 'parentId');
  if (!allowed.includes(parent.kind)) throw refuse('PARENT_KIND_NOT_ALLOWED', `a ${kind} sits under a ${allowed.join(' or ')}, not a ${parent.kind}`, 'parentId');
  if (!isOpenOn(parent, date)) throw refuse('PARENT_NOT_OPEN', `${parentId} is not open on ${date}`, 'parentId');
  const parentEnd = endOf(parent);
  if (parentEnd !== null) throw refuse('PARENT_NOT_OPEN', `${parentId} ends on ${parentEnd}; nothing new is placed under it`, 'parentId');
  const parentCode = placementOn(parent, date)!.divisionCode;
  if (!divisionLiesIn(divisionCode, parentCode)) {
    throw refuse('DIVISION_OUTSIDE_PARENT', `${divisionCode} lies outside ${parentId}'s division ${parentCode}`, 'divisionCode');
  }
};

/** The first organisation open under `organisationId` on `date` or any later date, and that day; or null. */
const firstOpenUnder = (organisationId: string, date: string, registry: Registry, also: (child: RegisteredOrganisation, day: string) => boolean = () => true) => {
  for (const child of registry.everPlacedUnder(organisationId)) {
    const days = [date, ...child.placements.map((p) => p.from).filter((from) => from > date)];
    const day = days.find((d) => isOpenOn(child, d) && placementOn(child, d)?.parentId === organisationId && also(child, d));
    if (day !== undefined) return { child, day };
  }
  return null;
};

/** Refuses ending `organisationId` on `date` while anything is, or is recorded to be, placed under it then or later. */
export const checkNothingOpenUnder = (organisationId: string, date: string, registry: Registry): void => {
  const found = firstOpenUnder(organisationId, date, registry);
  if (found) throw refuse('ORGANISATION_HAS_OPEN_CHILDREN', `${found.child.organisationId} lies under ${organisationId} on ${found.day}; move, merge or close it first`);
};

/**
 * Refuses a new division code that would leave something under the organisation outside it. A county
 * passing to another city with a new code and organisations under it is a new bureau and a merger.
 */
export const checkChildrenStayInside = (organisationId: string, divisionCode: string, date: string, registry: Registry): void => {
  const found = firstOpenUnder(organisationId, date, registry, (child, day) => !divisionLiesIn(placementOn(child, day)!.divisionCode, divisionCode));
  if (found) {
    throw refuse('DIVISION_OUTSIDE_PARENT', `${found.child.organisationId} (${placementOn(found.child, found.day)!.divisionCode}) would lie outside ${divisionCode} on ${found.day}`, 'divisionCode');
  }
};
