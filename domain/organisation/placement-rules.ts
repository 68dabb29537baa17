import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { refuse } from '../error-codes.ts';
import { divisionLevelOf, divisionLiesIn } from './division-code.ts';
import { allowedParentKinds, divisionLevelOfKind, isJusticeKind } from './kinds.ts';
import type { Registry } from './registry.ts';
import { endOf, isOpenOn, latestPlacement, placementOn, type RegisteredOrganisation } from './state.ts';

// Where an organisation may be placed on a date: the checks a registration and a move share.

export type PlacementRequest = {
  organisationId: string;
  kind: OrganisationKind;
  parentId: string | null;
  divisionCode: string;
  date: string;
};

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
export const checkPlacement = ({ organisationId, kind, parentId, divisionCode, date }: PlacementRequest, registry: Registry): void => {
  checkDivisionLevel(kind, divisionCode);
  const allowed = allowedParentKinds[kind];
  if (parentId === null) {
    if (allowed.length === 0) return checkDivisionFree(organisationId, kind, divisionCode, date, registry);
    throw refuse('PARENT_KIND_NOT_ALLOWED', `a ${kind} sits under a ${allowed.join(' or ')}`, 'parentId');
  }
  if (allowed.length === 0) throw refuse('PARENT_KIND_NOT_ALLOWED', `a ${kind} sits directly under the country`, 'parentId');
  const parent = registry.get(parentId);
  if (!parent) throw refuse('PARENT_NOT_FOUND', `${parentId} is not registered`, 'parentId');
  if (!allowed.includes(parent.kind))
    throw refuse('PARENT_KIND_NOT_ALLOWED', `a ${kind} sits under a ${allowed.join(' or ')}, not a ${parent.kind}`, 'parentId');
  if (!isOpenOn(parent, date)) throw refuse('PARENT_NOT_OPEN', `${parentId} is not open on ${date}`, 'parentId');
  const parentEnd = endOf(parent);
  if (parentEnd !== null) throw refuse('PARENT_NOT_OPEN', `${parentId} ends on ${parentEnd}; nothing new is placed under it`, 'parentId');
  // The parent's code on the date and every code a later move of the parent is recorded to bring.
  const parentCodes = [placementOn(parent, date)!, ...parent.placements.filter((p) => p.from > date)];
  const outside = parentCodes.find((p) => !divisionLiesIn(divisionCode, p.divisionCode));
  if (outside) {
    throw refuse(
      'DIVISION_OUTSIDE_PARENT',
      `${divisionCode} lies outside ${parentId}'s division ${outside.divisionCode} (from ${outside.from})`,
      'divisionCode',
    );
  }
  checkDivisionFree(organisationId, kind, divisionCode, date, registry);
};

/**
 * A division has one justice body at a time, so "the bureau of 330106" has one answer. Another that
 * holds the code and has not ended by the date (or opens later) takes it; one that ended frees it.
 */
const checkDivisionFree = (
  organisationId: string,
  kind: OrganisationKind,
  divisionCode: string,
  date: string,
  registry: Registry,
): void => {
  if (!isJusticeKind(kind)) return;
  const holder = registry.all().find((o) => {
    const end = endOf(o);
    return (
      o.organisationId !== organisationId &&
      isJusticeKind(o.kind) &&
      (end === null || end > date) &&
      latestPlacement(o)?.divisionCode === divisionCode
    );
  });
  if (holder) throw refuse('DIVISION_TAKEN', `${holder.organisationId} is the justice body of ${divisionCode}`, 'divisionCode');
};

/** The first organisation open under `organisationId` on `date` or any later date, and that day; or null. */
const firstOpenUnder = (
  organisationId: string,
  date: string,
  registry: Registry,
  also: (child: RegisteredOrganisation, day: string) => boolean = () => true,
) => {
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
  if (found)
    throw refuse(
      'ORGANISATION_HAS_OPEN_CHILDREN',
      `${found.child.organisationId} lies under ${organisationId} on ${found.day}; move, merge or close it first`,
    );
};

/**
 * Refuses a new division code that would leave something under the organisation outside it. A county
 * passing to another city with a new code and organisations under it is a new bureau and a merger.
 */
export const checkChildrenStayInside = (organisationId: string, divisionCode: string, date: string, registry: Registry): void => {
  const found = firstOpenUnder(
    organisationId,
    date,
    registry,
    (child, day) => !divisionLiesIn(placementOn(child, day)!.divisionCode, divisionCode),
  );
  if (found) {
    throw refuse(
      'DIVISION_OUTSIDE_PARENT',
      `${found.child.organisationId} (${placementOn(found.child, found.day)!.divisionCode}) would lie outside ${divisionCode} on ${found.day}`,
      'divisionCode',
    );
  }
};
