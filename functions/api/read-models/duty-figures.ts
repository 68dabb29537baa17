import { dutyStationFigures, type DutyRecordServices } from '../../../domain/duty/figures.ts';
import type { DutyShiftState } from '../../../domain/duty/shift.ts';
import { periodBounds } from '../../../domain/statistics/period.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';
import { qualityKeys } from '../../lib/read-models/keys.ts';
import type { ReadModelTable } from '../../lib/read-models/read-model-table.ts';
import { assertAgencyReadable } from './access.ts';
import { dutyFiguresQuery } from './duty-figures-request.ts';

// GET /duty-stations/{id}/figures: a duty station's month from the quality read model — its shifts
// (by their China date) and the duty records opened at it in the month — summed as of now.

export const dutyFigureRoutes = ({
  readModels,
  clock,
}: {
  readModels: ReadModelTable;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => ({
  'GET /duty-stations/{id}/figures': async (event, _context, p) => {
    const stationId = pathIdOf(event);
    const { month } = dutyFiguresQuery.parse(event.queryStringParameters ?? {});
    // The station's figures are its agency's: read by the agency's staff and the bureaus over it.
    const agencyId = p.registry.asOf(p.today).parentOf(stationId);
    if (!p.registry.get(stationId) || !agencyId)
      throw new HttpError(404, 'ORGANISATION_NOT_FOUND', 'the path names no duty station the registry has open today', { field: 'id' });
    assertAgencyReadable(p, agencyId, 'id', { aggregate: true });
    const shiftItems = await readModels.queryAll({
      index: 'gsi1',
      pk: qualityKeys.stationShifts(stationId),
      from: month,
      below: `${month}~`,
    });
    const { from, below } = periodBounds({ kind: 'month', month });
    const recordItems = await readModels.queryAll({ index: 'gsi2', pk: qualityKeys.stationDutyRecords(stationId), from, below });
    const figures = dutyStationFigures(
      shiftItems.map((i) => i.state as DutyShiftState),
      recordItems.map((i) => (i.state as { figures: DutyRecordServices }).figures),
      clock().toISOString(),
    );
    return json(200, { stationId, agencyId, month, ...figures });
  },
});
