import type { Principal } from '../http/principal.ts';
import { HttpError } from '../http/http-error.ts';
import { isRole, type Role } from './roles.ts';

/** The first gate of every authenticated route: the caller's role is one the route names. */
export const assertRole = (p: Principal, allowed: readonly Role[], what: string) => {
  if (!isRole(p.role)) throw new HttpError(403, 'UNKNOWN_ROLE', `role ${p.role} is not a role of this system`);
  if (!allowed.includes(p.role)) throw new HttpError(403, 'ROLE_NOT_ALLOWED', `${what} is for ${allowed.join(', ')}; not for ${p.role}`);
};

/** A caller may only act in the name of its own organisation (an agency for its own cases, a court for its own notices). */
export const assertOwnOrganisation = (p: Principal, named: string | undefined, field: string) => {
  // The reason does not repeat the value sent: refusals are logged, request content never is.
  if (named !== undefined && named !== p.organisation)
    throw new HttpError(403, 'OTHER_ORGANISATION', `${field} names an organisation other than the caller's (${p.organisation})`, { field });
};

/** A caller may only report in its own capacity: a `kind` naming what the caller is must match its role. */
export const assertOwnKind = (p: Principal, named: string | undefined, expected: string, field: string) => {
  if (named !== undefined && named !== expected)
    throw new HttpError(403, 'OTHER_CAPACITY', `${field} must be ${expected} for a caller in role ${p.role}`, { field });
};
