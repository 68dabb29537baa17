import type { CaseState } from '../../../domain/case/state.ts';
import { assertCaseReadable } from '../auth/case-scope.ts';
import type { ScopedCaller } from '../auth/organisation-scope.ts';

/**
 * Who may read a case's audit trail (history, past states, diffs, verification, export). The route
 * gate has already admitted the caller's role (functions/api/routes.ts `roles`); what remains is the
 * case scope every read and command shares, from the registry: agency staff their own agency's
 * cases, a bureau's administrators and auditors the cases of the agencies under it
 * (functions/lib/auth/case-scope.ts); after a hand-over, the agencies on either side of it too
 * (docs/transfers.md). Throws 403 otherwise.
 */
export const assertCanRead = (principal: ScopedCaller, caseState: CaseState): void => {
  assertCaseReadable(principal, caseState);
};
