import type { Registry } from './registry.ts';
import { roleKindRefusal } from './role-fit.ts';

export type TokenOrganisationRefusal = { code: 'UNKNOWN_ORGANISATION' | 'ORGANISATION_NOT_OPEN' | 'ROLE_NOT_HELD_BY_KIND'; reason: string };

/**
 * Why a token naming `organisationId` in `role` may not act on `date`, or null when it may: the
 * registry must know the organisation, it must be open, and its kind must hold the role. The first
 * check every scope makes before asking what lies under what.
 */
export const tokenOrganisationRefusal = (
  registry: Registry,
  role: string,
  organisationId: string,
  date: string,
): TokenOrganisationRefusal | null => {
  const organisation = registry.get(organisationId);
  if (!organisation) return { code: 'UNKNOWN_ORGANISATION', reason: `the registry knows no organisation ${organisationId}` };
  const validity = registry.validity(organisationId, date);
  if (validity === 'merged')
    return {
      code: 'ORGANISATION_NOT_OPEN',
      reason: `${organisationId} merged into ${organisation.merged!.successorId} on ${organisation.merged!.from}`,
    };
  if (validity !== 'open') return { code: 'ORGANISATION_NOT_OPEN', reason: `${organisationId} is not open on ${date} (${validity})` };
  const misfit = roleKindRefusal(role, organisation.kind);
  return misfit ? { code: 'ROLE_NOT_HELD_BY_KIND', reason: misfit } : null;
};
