import { cities } from '../../../domain/statistics/cities.ts';
import { agencyStaffRoles } from '../../lib/auth/roles.ts';
import { assertOwnOrganisation } from '../../lib/auth/route-access.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { Principal } from '../../lib/http/principal.ts';

// Who may read which aggregate. The route table's gate has already checked the role; these compare
// what the request names (an agency, an organisation, a worker) with the caller.

const isAgencyStaff = (p: Principal) => (agencyStaffRoles as readonly string[]).includes(p.role);

/** A justice bureau reads the agencies of its city (domain/statistics/cities.ts). */
const bureauOversees = (p: Principal, agencyId: string) =>
  cities.some((c) => c.bureauId === p.organisation && c.agencyIds.includes(agencyId));

/**
 * An agency's case lists: its own staff and auditors. Its aggregates (scorecards, funds, reports) also
 * the justice bureau over it (`aggregate`), which reads figures, not case lists.
 */
export const assertAgencyReadable = (p: Principal, agencyId: string, field = 'agencyId', { aggregate = false } = {}) => {
  if (p.role === 'auditor' || (aggregate && bureauOversees(p, agencyId))) return;
  if (!isAgencyStaff(p)) throw new HttpError(403, 'OUT_OF_SCOPE', `role ${p.role} reads no agency's records`, { field });
  assertOwnOrganisation(p, agencyId, field);
};

/** What an organisation notified or forwarded: that organisation itself, or an auditor. */
export const assertOriginReadable = (p: Principal, organisationId: string) => {
  if (p.role === 'auditor') return;
  assertOwnOrganisation(p, organisationId, 'organisationId');
};

/** A worker's caseload, scorecard or subsidies: the worker, or (limited to their agency) agency staff, or an auditor. */
export const assertWorkerReadable = (p: Principal, workerId: string) => {
  if (p.role === 'aid-worker' && p.id !== workerId)
    throw new HttpError(403, 'OTHER_WORKER', `an aid worker reads only their own records, not another worker's`, { field: 'workerId' });
};

/** Whether an item of `agencyId` may be shown to the caller reading a worker's records (the bureau over the agency: aggregates only). */
export const workerItemVisible = (p: Principal, agencyId: string | null | undefined, { aggregate = false } = {}) =>
  p.role === 'auditor' ||
  p.role === 'aid-worker' ||
  (agencyId !== null && agencyId !== undefined && (agencyId === p.organisation || (aggregate && bureauOversees(p, agencyId))));
