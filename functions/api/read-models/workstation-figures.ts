import { workstationKinds } from '../../../domain/organisation/kinds.ts';
import { stationFigures } from '../../../domain/statistics/station-figures.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { keptByCaller } from '../../lib/auth/organisation-scope.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';
import type { ReadModelsTableRef } from '../../lib/read-models/read-model-table.ts';
import { readFigures } from '../../lib/read-models/statistics-counters.ts';
import { assertAgencyReadable } from './access.ts';
import { dutyFiguresQuery } from './duty-figures-request.ts';

// GET /workstations/{id}/figures (issue 19 point 3): a workstation's month from its agency's
// statistics counters (domain/statistics/station-counters.ts): O(one agency-month), never the cases.

export const workstationFigureRoutes = ({
  statistics,
  clock,
}: {
  statistics: ReadModelsTableRef;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => ({
  'GET /workstations/{id}/figures': async (event, _context, p) => {
    const stationId = pathIdOf(event);
    const { month } = dutyFiguresQuery.parse(event.queryStringParameters ?? {});
    const station = p.registry.get(stationId);
    const agencyId = p.registry.asOf(p.today).parentOf(stationId);
    if (!station || !workstationKinds.includes(station.kind) || !agencyId)
      throw new HttpError(404, 'ORGANISATION_NOT_FOUND', 'the path names no workstation the registry places under an agency today', {
        field: 'id',
      });
    // The station's own clerk reads its figures; otherwise they are its agency's: its staff and the bureaus over it.
    if (p.role === 'workstation-clerk') {
      if (!keptByCaller(p, stationId))
        throw new HttpError(403, 'OUT_OF_SCOPE', `a workstation clerk reads its own station's figures, not ${stationId}'s`, {
          field: 'id',
        });
    } else assertAgencyReadable(p, agencyId, 'id', { aggregate: true });
    const figures = await readFigures(statistics, { agencyIds: [agencyId], period: { kind: 'month', month }, now: clock().toISOString() });
    return json(200, { stationId, agencyId, month, ...stationFigures(stationId, figures.totals) });
  },
});
