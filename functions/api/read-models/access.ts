import { isJusticeKind } from '../../../domain/organisation/kinds.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { agencyStaffRoles } from '../../lib/auth/roles.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { HttpError } from '../../lib/http/http-error.ts';

// Who may read which list or aggregate, decided on the request's registry snapshot and day (the
// gate has already checked the role, and that the caller's organisation is open and holds it):
//  - agency staff: their own agency (and one merged into it, whose records are theirs now);
//  - a bureau's auditors: the case lists and figures of whatever lies under their bureau (a
//    provincial department's: its province);
//  - a bureau's administrators: the figures (scorecards, funds, reports) of what lies under it, not
//    its case lists;
//  - nobody a node outside: 403 with the reason. Reasons never repeat the value sent (refusals are
//    logged, request content never is).

type ReadOptions = {
  /** Figures, not case lists: a bureau's administrators may read them too. */
  aggregate?: boolean;
  /** Further business days the node may be judged on (a report's period end): who oversaw it then may read it. */
  alsoOn?: readonly string[];
};

const isAgencyStaff = (p: Admitted) => p.kind === 'legal-aid-agency' && (agencyStaffRoles as readonly string[]).includes(p.role);

/** A bureau reading what lies under it: its auditors always, its administrators figures only. */
const readsAsBureau = (p: Admitted, aggregate: boolean) =>
  isJusticeKind(p.kind) && (p.role === 'auditor' || (aggregate && p.role === 'administrator'));

/** Whether the caller may read `node` (already known to the registry) on any of the days asked. */
const mayRead = (p: Admitted, node: string, { aggregate = false, alsoOn = [] }: ReadOptions) =>
  (isAgencyStaff(p) || readsAsBureau(p, aggregate)) && [p.today, ...alsoOn].some((day) => p.registry.liesUnder(node, p.organisation, day));

/** 404 naming the parameter when the registry knows no such organisation. */
export const assertKnownOrganisation = (p: Admitted, id: string, field: string) => {
  if (!p.registry.get(id))
    throw new HttpError(404, 'ORGANISATION_NOT_FOUND', `${field} names no organisation the registry knows`, { field });
};

/** The node must lie under the caller's organisation, as the caller's role reads it. */
export const assertNodeReadable = (p: Admitted, node: string, field: string, options: ReadOptions = {}) => {
  assertKnownOrganisation(p, node, field);
  if (mayRead(p, node, options)) return;
  if (!isAgencyStaff(p) && !readsAsBureau(p, options.aggregate ?? false))
    throw new HttpError(403, 'OUT_OF_SCOPE', `a ${p.role} of a ${p.kind} reads no such records`, { field });
  throw new HttpError(
    403,
    'OUT_OF_SCOPE',
    isAgencyStaff(p)
      ? `agency staff read only their own agency (${p.organisation}), not what ${field} names`
      : `${field} names an organisation that does not lie under ${p.organisation}`,
    { field },
  );
};

/**
 * An agency's case lists: its own staff and the auditors of a bureau over it. Its aggregates
 * (scorecards, funds, reports) also the bureau's administrators (`aggregate`).
 */
export const assertAgencyReadable = (p: Admitted, agencyId: string, field = 'agencyId', options: ReadOptions = {}) => {
  assertNodeReadable(p, agencyId, field, options);
  const kind = p.registry.get(agencyId)!.kind;
  if (kind !== 'legal-aid-agency')
    throw new HttpError(400, 'INVALID_FIELD', `${field} must name a legal-aid agency, not a ${kind}`, { field });
};

/** What an organisation notified or forwarded: that organisation itself, or an auditor of a bureau it lies under. */
export const assertOriginReadable = (p: Admitted, organisationId: string) => {
  if (p.role !== 'auditor') {
    assertOwnOrganisation(p, organisationId, 'organisationId');
    return;
  }
  assertKnownOrganisation(p, organisationId, 'organisationId');
  if (!p.registry.liesUnder(organisationId, p.organisation, p.today))
    throw new HttpError(403, 'OUT_OF_SCOPE', `organisationId names an organisation that does not lie under ${p.organisation}`, {
      field: 'organisationId',
    });
};

/** A worker's caseload, scorecard or subsidies: the worker, or (limited to their agency) agency staff, or an auditor. */
export const assertWorkerReadable = (p: Admitted, workerId: string) => {
  if (p.role === 'aid-worker' && p.id !== workerId)
    throw new HttpError(403, 'OTHER_WORKER', `an aid worker reads only their own records, not another worker's`, { field: 'workerId' });
};

/** Whether an item of `agencyId` may be shown to the caller reading a worker's records (a bureau's administrators: aggregates only). */
export const workerItemVisible = (p: Admitted, agencyId: string | null | undefined, options: ReadOptions = {}) =>
  p.role === 'aid-worker' || (agencyId !== null && agencyId !== undefined && mayRead(p, agencyId, options));
