import type { CaseState } from '../../../domain/case/state.ts';
import { assertCaseInScope } from '../auth/case-scope.ts';
import type { Principal } from '../http/principal.ts';

/**
 * Who may read a case's audit trail (history, past states, diffs, verification, export). The route
 * gate has already admitted the caller's role (functions/api/routes.ts `roles`); what remains is the
 * case scope every read and command shares: an auditor every case, agency staff (reviewers,
 * supervisors, administrators) their own agency's cases, a justice bureau the cases with an
 * objection lodged with it (functions/lib/auth/case-scope.ts). Throws 403 otherwise.
 */
export const assertCanRead = (principal: Principal, caseState: CaseState): void => {
  assertCaseInScope(principal, caseState);
};
