import { isReportableKind, rollUpOf } from '../../../domain/statistics/roll-up.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { Counts } from '../../lib/reports/counted-records.ts';
import { assertAgencyReadable, assertNodeReadable } from './access.ts';

// The node of the registry a report, scorecard or count names, checked for the caller, with the
// agencies it rolls up over a range of business days (domain/statistics/roll-up.ts).

export type NodeScope = {
  organisationId: string;
  organisationKind: string;
  /** Its name in force on the range's last day. */
  name: string;
  /** The agencies whose records may count under it in the range. */
  agencyIds: string[];
  counts: Counts;
};

/** A city as the removed city list named it (city:hz): the city its bureau justice-bureau:hz is. */
export const cityNode = (p: Admitted, cityId: string): string => {
  const bureau = `justice-bureau:${cityId.slice('city:'.length)}`;
  if (p.registry.get(bureau)?.kind !== 'city-bureau')
    throw new HttpError(404, 'ORGANISATION_NOT_FOUND', 'cityId names no city the registry knows', { field: 'cityId' });
  return bureau;
};

/**
 * `node`, named by the parameter `field`, over [first, last]. Who may read it is judged today, or on
 * the range's last day (a closed agency's last year: who oversaw it then). `agencyId` must name an
 * agency; any other parameter an agency or a justice bureau or department.
 */
export const nodeScope = (
  p: Admitted,
  field: string,
  node: string,
  { first, last, aggregate }: { first: string; last: string; aggregate: boolean },
): NodeScope => {
  const read = { aggregate, alsoOn: [last < p.today ? last : p.today] };
  if (field === 'agencyId') assertAgencyReadable(p, node, field, read);
  else assertNodeReadable(p, node, field, read);
  const kind = p.registry.get(node)!.kind;
  if (!isReportableKind(kind))
    throw new HttpError(400, 'INVALID_FIELD', `${field} must name an agency or a justice bureau or department, not a ${kind}`, { field });
  const rollUp = rollUpOf(p.registry, node, first, last);
  return {
    organisationId: node,
    organisationKind: kind,
    name: p.registry.describe(node, last)!.name,
    agencyIds: rollUp.agencyIds,
    counts: rollUp.counts,
  };
};
