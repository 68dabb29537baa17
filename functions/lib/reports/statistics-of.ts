import type { Registry } from '../../../domain/organisation/registry.ts';
import { isReportableKind, rollUpOf } from '../../../domain/statistics/roll-up.ts';
import { periodDays, type Period } from '../../../domain/statistics/period.ts';
import type { ReadModelsTableRef } from '../read-models/read-model-table.ts';
import { loadReport, type Report } from './report.ts';

/**
 * The statistics of one node of the registry (an agency, a county or city bureau, a province, the
 * country) over a China month or year, read from the counters: the same figures as the monthly and
 * annual reports, with no caller's access checked (the caller decides what may be shown, e.g. the
 * public disclosure suppresses small counts). Null when the registry knows no reportable node by
 * that id. Cost: O(agencies under the node × months), never the cases.
 */
export const statisticsOf = async (
  readModels: ReadModelsTableRef,
  registry: Registry,
  organisationId: string,
  period: Period,
  now: string,
): Promise<Report | null> => {
  const known = registry.get(organisationId);
  if (!known || !isReportableKind(known.kind)) return null;
  const { first, last } = periodDays(period);
  const rollUp = rollUpOf(registry, organisationId, first, last);
  const scope = {
    kind: known.kind === 'legal-aid-agency' ? ('agency' as const) : ('organisation' as const),
    organisationId,
    organisationKind: known.kind,
    name: registry.describe(organisationId, last)?.name ?? organisationId,
    agencyIds: rollUp.agencyIds,
  };
  return loadReport(readModels, scope, period, now, rollUp.counts);
};
