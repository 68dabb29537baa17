import type { Registry } from './registry.ts';
import { roleKindRefusal } from './role-fit.ts';

/**
 * Why a token naming `organisationId` in `role` may not act on `date`, or null when it may: the
 * registry must know the organisation, it must be open, and its kind must hold the role. The first
 * check every scope makes before asking what lies under what.
 */
export const tokenOrganisationRefusal = (registry: Registry, role: string, organisationId: string, date: string): string | null => {
  const organisation = registry.get(organisationId);
  if (!organisation) return `the registry knows no organisation ${organisationId}`;
  const validity = registry.validity(organisationId, date);
  if (validity === 'merged') return `${organisationId} merged into ${organisation.merged!.successorId} on ${organisation.merged!.from}`;
  if (validity !== 'open') return `${organisationId} is not open on ${date} (${validity})`;
  return roleKindRefusal(role, organisation.kind);
};
