import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';

// Which token roles an organisation of each kind may hold: a court's token is never an agency
// reviewer, an agency's never an auditor. The role names are those of the token's `role` claim
// (functions/lib/auth/roles.ts; a unit test holds the two lists together). A workstation's own
// clerk carries the station in `org` (issue 19); the agency's staff who sit at a station carry
// their agency in `org` and the desk in `workstation`.

export const roleKinds: Readonly<Record<string, readonly OrganisationKind[]>> = {
  court: ['court'],
  procuratorate: ['procuratorate'],
  police: ['police-office'],
  'detention-centre': ['detention-centre'],
  'agency-reviewer': ['legal-aid-agency'],
  // Lawyers of firms and grassroots legal workers of legal-service offices take assigned cases too;
  // their scope is the cases assigned to them, checked on subject and on the assigning agency.
  'aid-worker': ['legal-aid-agency', 'law-firm', 'legal-service-office'],
  'duty-lawyer': ['legal-aid-agency', 'law-firm'],
  supervisor: ['legal-aid-agency'],
  finance: ['legal-aid-agency'],
  auditor: ['provincial-department', 'city-bureau', 'county-bureau'],
  administrator: ['legal-aid-agency', 'county-bureau', 'city-bureau', 'provincial-department'],
  // 一镇(街道)一站: the township and community stations take applications; court, procuratorate and
  // detention-centre stations are staffed by the agency's duty lawyers.
  'workstation-clerk': ['township-workstation', 'community-workstation'],
};

/** Whether a token of `role` may name an organisation of `kind`; an unknown role fits nothing. */
export const roleFitsKind = (role: string, kind: OrganisationKind): boolean =>
  Object.hasOwn(roleKinds, role) && roleKinds[role]!.includes(kind);

/** Why a token of `role` may not name an organisation of `kind`, or null when it may. */
export const roleKindRefusal = (role: string, kind: OrganisationKind): string | null =>
  roleFitsKind(role, kind)
    ? null
    : `a ${kind} does not hold the role ${role}${Object.hasOwn(roleKinds, role) ? ` (held by: ${roleKinds[role]!.join(', ')})` : ''}`;
