import type { Contact, OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';

/** A fact that holds from a date until the next entry of its list. */
export type Dated<T> = T & { from: string };
export type Placement = { parentId: string | null; divisionCode: string };

/**
 * One organisation's whole dated history, so any question can be asked as of any date. Lists are
 * in effective-date order (the decider refuses a change dated before the last one).
 */
export type OrganisationState = {
  status: 'none' | 'registered';
  organisationId: string | null;
  kind: OrganisationKind | null;
  validFrom: string | null;
  names: readonly Dated<{ name: string }>[];
  placements: readonly Dated<Placement>[];
  contacts: readonly Contact[];
  /** The first day it is closed, or null. */
  closedFrom: string | null;
  merged: { successorId: string; from: string } | null;
  /** The latest effective date recorded; a new change may not take effect before it. */
  lastChangeOn: string | null;
};

export type RegisteredOrganisation = OrganisationState & {
  status: 'registered';
  organisationId: string;
  kind: OrganisationKind;
  validFrom: string;
};

export const initialOrganisationState = (): OrganisationState => ({
  status: 'none',
  organisationId: null,
  kind: null,
  validFrom: null,
  names: [],
  placements: [],
  contacts: [],
  closedFrom: null,
  merged: null,
  lastChangeOn: null,
});

export const isRegistered = (s: OrganisationState): s is RegisteredOrganisation => s.status === 'registered';

const entryAt = <T>(list: readonly Dated<T>[], date: string): Dated<T> | null =>
  list.reduce<Dated<T> | null>((found, e) => (e.from <= date ? e : found), null);

/** The first day it no longer exists as itself (closed or merged), or null. */
export const endOf = (s: OrganisationState): string | null => {
  const ends = [s.closedFrom, s.merged?.from].filter((d): d is string => d !== null && d !== undefined);
  return ends.length ? ends.sort()[0]! : null;
};

/** Open on `date`: registered by then and neither closed nor merged by then. */
export const isOpenOn = (s: OrganisationState, date: string): boolean => {
  if (!isRegistered(s) || s.validFrom > date) return false;
  const end = endOf(s);
  return end === null || date < end;
};

export const placementOn = (s: OrganisationState, date: string): Dated<Placement> | null => entryAt(s.placements, date);
export const nameOn = (s: OrganisationState, date: string): string | null => entryAt(s.names, date)?.name ?? null;
/** The current (latest recorded) placement, whatever its date. */
export const latestPlacement = (s: OrganisationState): Dated<Placement> | null => s.placements.at(-1) ?? null;
