import { formerAgenciesOf, pendingTransfer, type CaseState } from '../../../domain/case/state.ts';
import { HttpError } from '../http/http-error.ts';
import { agencyRecordRefusal, isAgencyStaff, isOverseer, keptByCaller, type ScopedCaller } from './organisation-scope.ts';

/**
 * Whose case this is, for a caller, from the registry (docs/organisations.md "Scopes"):
 * - a court, procuratorate or police office: the cases it notified or forwarded; a detention centre
 *   or duty lawyer: the applications it forwarded (a merged organisation's successor too);
 * - an aid worker: the cases assigned to them, and only with a token of the case's agency or of the
 *   firm their registry record names: the subject alone is not enough;
 * - a workstation clerk: the applications its station took (issue 19);
 * - agency staff: the cases of their agency (after a merger, of the agencies it absorbed);
 * - a bureau's or department's administrators and auditors: the cases of the agencies under it.
 * Returns the reason for a refusal, or null. Reasons name organisations, never personal data.
 */
export const caseScopeRefusal = (p: ScopedCaller, s: CaseState): string | null => {
  const origin = s.origin;
  const forwardedBy = origin?.kind === 'forwarded-application' ? origin.forwarder.organisationId : null;
  if (isOverseer(p) || isAgencyStaff(p)) return agencyRecordRefusal(p, s.agencyId, 'case');
  switch (p.role) {
    case 'court':
    case 'procuratorate':
    case 'police': {
      const notifiedBy = origin?.kind === 'notification' ? origin.authority.organisationId : null;
      return keptByCaller(p, notifiedBy) || keptByCaller(p, forwardedBy)
        ? null
        : `${p.organisation} neither notified nor forwarded this case`;
    }
    case 'detention-centre':
    case 'duty-lawyer':
      return keptByCaller(p, forwardedBy) ? null : `${p.organisation} did not forward this application`;
    case 'workstation-clerk':
      return keptByCaller(p, s.station?.stationId) ? null : `${p.organisation} did not take this application`;
    case 'aid-worker':
      if (s.assignment?.workerId !== p.id) return `this case is not assigned to ${p.id}`;
      return keptByCaller(p, s.agencyId) || keptByCaller(p, p.registeredFirm)
        ? null
        : `${p.organisation} is neither this case's agency nor the firm ${p.id} is registered with`;
    default:
      return `a ${p.role} of a ${p.kind} sees no cases`;
  }
};

export const assertCaseInScope = (p: ScopedCaller, s: CaseState) => {
  const refusal = caseScopeRefusal(p, s);
  if (refusal) throw new HttpError(403, 'OUT_OF_SCOPE', refusal);
};

/**
 * Reading a case: who may act on it, and also the agencies on either side of a hand-over
 * (docs/transfers.md): the receiving agency while a transfer awaits its answer (it reads before it
 * decides), and every agency that held the case before, which keeps reading the history it made.
 */
export const caseReadScopeRefusal = (p: ScopedCaller, s: CaseState): string | null => {
  const refusal = caseScopeRefusal(p, s);
  if (!refusal || !(isOverseer(p) || isAgencyStaff(p))) return refusal;
  const parties = [pendingTransfer(s)?.toAgencyId, ...formerAgenciesOf(s)];
  return parties.some((agencyId) => agencyId && agencyRecordRefusal(p, agencyId, 'case') === null) ? null : refusal;
};

export const assertCaseReadable = (p: ScopedCaller, s: CaseState) => {
  const refusal = caseReadScopeRefusal(p, s);
  if (refusal) throw new HttpError(403, 'OUT_OF_SCOPE', refusal);
};

/** Accepting or refusing a transfer: the staff of the agency it is addressed to, while it awaits them. */
export const assertTransferReceiver = (p: ScopedCaller, s: CaseState) => {
  const pending = pendingTransfer(s);
  if (!pending) return assertCaseInScope(p, s);
  if (!isAgencyStaff(p) || agencyRecordRefusal(p, pending.toAgencyId, 'case') !== null)
    throw new HttpError(403, 'OUT_OF_SCOPE', `the transfer is addressed to ${pending.toAgencyId}, not ${p.organisation}`);
};
