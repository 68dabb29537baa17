import { isJusticeKind } from '../../../domain/organisation/kinds.ts';
import type { ServiceAssessmentState } from '../../../domain/standard/assessment.ts';
import { passRates } from '../../../domain/standard/pass-rates.ts';
import { serviceStandardFor } from '../../../domain/standard/service-standard.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import { qualityKeys } from '../../lib/read-models/keys.ts';
import type { ReadModelTable } from '../../lib/read-models/read-model-table.ts';
import { assertNodeReadable } from './access.ts';
import { passRatesQuery } from './service-standard-request.ts';

// GET /service-standard/pass-rates: the year's assessments from the quality read model (one item
// each, kept by the projection), those of organisations under the bureau today (the registry's
// roll-up, as the reports use it), summed against the targets of the standards in force.

export const serviceStandardRoutes = ({
  readModels,
  clock,
}: {
  readModels: ReadModelTable;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => ({
  'GET /service-standard/pass-rates': async (event, _context, p) => {
    const { bureauId, year: yearText } = passRatesQuery.parse(event.queryStringParameters ?? {});
    const year = Number(yearText);
    assertNodeReadable(p, bureauId, 'bureauId', { aggregate: true });
    if (!isJusticeKind(p.registry.get(bureauId)!.kind))
      throw new HttpError(400, 'INVALID_FIELD', 'bureauId must name a justice bureau or department', { field: 'bureauId' });
    const items = await readModels.queryAll({ index: 'gsi1', pk: qualityKeys.serviceAssessmentsOfYear(year) });
    const under = items
      .map((i) => i.state as ServiceAssessmentState)
      .filter((s) => s.organisationId && p.registry.liesUnder(s.organisationId, bureauId, p.today));
    // The targets of the standards in force at the year's end (or now, for the year under way).
    const now = clock().toISOString();
    const yearEnd = `${year}-12-31T12:00:00+08:00`;
    const at = Date.parse(yearEnd) < Date.parse(now) ? yearEnd : now;
    const province = p.registry.provinceOf(bureauId, p.today);
    const standards = { agency: serviceStandardFor('agency', province, at), workstation: serviceStandardFor('workstation', province, at) };
    return json(200, { bureauId, year, ...passRates(under, standards) });
  },
});
