// The roles a token's `role` claim may carry. Anything else is refused at the door.
export const roles = [
  'court',
  'procuratorate',
  'police',
  'detention-centre',
  'agency-reviewer',
  'aid-worker',
  'duty-lawyer',
  'supervisor',
  'finance',
  'auditor',
  'administrator',
  // The clerk of a township or community workstation (issue 19): takes applications and consultations at its station.
  'workstation-clerk',
] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Handling authorities: they notify and see only what they notified. */
export const authorityRoles = ['court', 'procuratorate', 'police'] as const satisfies readonly Role[];

/** Staff of a legal-aid agency: they see their own agency's cases. */
export const agencyStaffRoles = ['agency-reviewer', 'supervisor', 'finance', 'administrator'] as const satisfies readonly Role[];
