import type { CaseState } from '../../../domain/case/state.ts';
import { HttpError } from '../http/http-error.ts';
import type { Principal } from '../http/principal.ts';

/** Roles that may read any case's full history (they audit or oversee), whatever their organisation. */
export const AUDIT_READER_ROLES: ReadonlySet<string> = new Set(['auditor', 'supervisor', 'administrator']);

/** Agency staff who may read the history of their own agency's cases. */
export const AGENCY_STAFF_ROLES: ReadonlySet<string> = new Set(['agency-reviewer']);

/**
 * Who may read a case's audit trail (history, past states, diffs, verification, export): the
 * audit reader roles, and the case's own agency staff. Throws 403 otherwise. Reading is all these
 * routes do; that an auditor can change nothing is for the command path (issue 6).
 */
export const assertCanRead = (principal: Principal, caseState: Pick<CaseState, 'agencyId'>): void => {
  if (AUDIT_READER_ROLES.has(principal.role)) return;
  if (AGENCY_STAFF_ROLES.has(principal.role) && caseState.agencyId !== null && principal.organisation === caseState.agencyId) return;
  throw new HttpError(403, 'FORBIDDEN', `role ${principal.role} of ${principal.organisation} may not read this case's audit trail`);
};
