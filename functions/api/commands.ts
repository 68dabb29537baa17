import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { EventStore } from '../lib/event-store/event-store.ts';
import { registryAdmission, type Admitted } from '../lib/auth/admitted.ts';
import { createHttpHandler, type RouteHandler } from '../lib/http/http-handler.ts';
import { createRegistrySource, type RegistrySource } from '../lib/registry/registry-source.ts';
import { commandTable } from './commands/command-table.ts';
import { createCommandExecutor } from './commands/execute.ts';
import { importRoute } from './imports/import-route.ts';
import { routeKeyOf, routes } from './routes.ts';
import { createPersonalPresenter } from '../lib/auth/present.ts';
import type { KeyStore } from '../lib/privacy/key-store.ts';
import { requestHashKey } from '../lib/privacy/request-hash-key.ts';
import { createReadRecorder, type AccessRecordsRef } from '../lib/privacy/read-record.ts';

export type CommandDeps = {
  store: EventStore;
  clock: () => Date;
  logger: Logger /** Where AccessDenied is counted (the Lambda entry's metrics). */;
  metrics?: Metrics;
  /** The organisation registry every scope is decided on; by default read from `store`, where it lives. */
  registry?: RegistrySource;
  /** The records' data keys: an answer's sealed personal values are opened with them for the caller (present.ts). */
  keys?: KeyStore;
  /** Where an answer that shows personal data (a 201 with the record) is put on record; without it nothing is recorded. */
  accessRecords?: AccessRecordsRef;
};

/**
 * The command Lambda: every route of the command table, each a load-decide-append, and the import of a batch of them. The route
 * table's gate (createHttpHandler) admits the caller's role and organisation and hands over the caller; the executor
 * checks the record (case scope, own organisation).
 */
export const createCommandHandler = ({
  store,
  clock,
  logger,
  metrics,
  keys,
  accessRecords,
  registry = createRegistrySource(store),
}: CommandDeps) => {
  const deps = { store, clock, registry, ...(keys ? { keys, requestHashKey: requestHashKey(keys) } : {}) };
  const execute = createCommandExecutor(deps);
  const handlers: Record<string, RouteHandler<Admitted>> = {
    ...Object.fromEntries(
      commandTable.map((spec) => [
        routeKeyOf({ method: 'POST', path: spec.path }),
        (event: Parameters<RouteHandler<Admitted>>[0], _context: unknown, principal: Admitted) => execute(spec, event, principal),
      ]),
    ),
    // The administrator's import: the same target handlers, one line after another (functions/api/imports).
    [routeKeyOf({ method: 'POST', path: '/imports' })]: importRoute(deps),
  };
  return createHttpHandler(handlers, logger, {
    routes,
    present: createPersonalPresenter(keys),
    admit: registryAdmission(registry, clock),
    ...(metrics ? { metrics } : {}),
    ...(accessRecords ? { reads: createReadRecorder({ table: accessRecords, clock, logger }) } : {}),
  });
};
