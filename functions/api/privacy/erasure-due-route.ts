import type { Admitted } from '../../lib/auth/admitted.ts';
import { assertBureauOverAgency } from '../../lib/auth/bureau-powers.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { json } from '../../lib/http/response.ts';
import { listDueErasures } from '../../lib/privacy/erasure-due.ts';
import type { KeyStore } from '../../lib/privacy/key-store.ts';
import type { ReadModelsTableRef } from '../../lib/read-models/read-model-table.ts';
import { createReadModelTable } from '../../lib/read-models/read-model-table.ts';
import { erasureDueQuery } from './erasure-requests.ts';

// GET /personal-data/erasures/due: what the bureau over an agency may now approve erasing.

export const erasureDueRoutes = ({
  readModels,
  keys,
  clock,
}: {
  readModels: ReadModelsTableRef | undefined;
  keys: KeyStore | undefined;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => ({
  'GET /personal-data/erasures/due': async (event, _context, principal) => {
    if (!readModels) throw new HttpError(503, 'READ_MODELS_UNAVAILABLE', 'this deployment has no read-models table');
    const query = erasureDueQuery.parse(event.queryStringParameters ?? {});
    assertBureauOverAgency(principal, query.agencyId, 'lists its records due for erasure');
    const page = await listDueErasures(
      { table: createReadModelTable(readModels), keys },
      { agencyId: query.agencyId, now: clock().toISOString(), cursor: query.cursor, limit: query.limit },
    );
    return json(200, page);
  },
});
