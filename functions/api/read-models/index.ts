import type { Admitted } from '../../lib/auth/admitted.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { createReadModelTable, type ReadModelsTableRef } from '../../lib/read-models/read-model-table.ts';
import { aggregateRoutes } from './aggregates.ts';
import { caseListRoutes } from './case-lists.ts';
import { dutyFigureRoutes } from './duty-figures.ts';
import { workstationFigureRoutes } from './workstation-figures.ts';
import { serviceStandardRoutes } from './service-standard.ts';
import { supervisionBulletinRoutes } from './supervision-bulletin.ts';

/** Every read-model route of the query API (case lists, quality, funding, reports), by route key. */
export const readModelHandlers = ({
  readModels,
  clock,
}: {
  readModels: ReadModelsTableRef | undefined;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => {
  if (!readModels) {
    // Built without the table (a test of the route table only): every route is there, none can answer.
    const unavailable: RouteHandler<Admitted> = async () => {
      throw new Error('the query handler was built without the read-models table');
    };
    return Object.fromEntries(
      Object.keys({
        ...caseListRoutes({ readModels: {} as never, clock }),
        ...aggregateRoutes({ readModels: {} as never, statistics: {} as never, clock }),
        ...dutyFigureRoutes({ readModels: {} as never, clock }),
        ...workstationFigureRoutes({ statistics: {} as never, clock }),
        ...serviceStandardRoutes({ readModels: {} as never, clock }),
        ...supervisionBulletinRoutes({ readModels: {} as never, clock }),
      }).map((k) => [k, unavailable]),
    );
  }
  const table = createReadModelTable(readModels);
  return {
    ...caseListRoutes({ readModels: table, clock }),
    ...aggregateRoutes({ readModels: table, statistics: readModels, clock }),
    ...dutyFigureRoutes({ readModels: table, clock }),
    ...workstationFigureRoutes({ statistics: readModels, clock }),
    ...serviceStandardRoutes({ readModels: table, clock }),
    ...supervisionBulletinRoutes({ readModels: table, clock }),
  };
};
