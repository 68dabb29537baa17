import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { CaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { registryAdmission } from '../lib/auth/admitted.ts';
import { createEventStore } from '../lib/event-store/event-store.ts';
import { createHttpHandler } from '../lib/http/http-handler.ts';
import { createRegistrySource, type RegistrySource } from '../lib/registry/registry-source.ts';
import { json } from '../lib/http/response.ts';
import { buildOpenApi } from './openapi.ts';
import { createPersonalPresenter } from '../lib/auth/present.ts';
import type { KeyStore } from '../lib/privacy/key-store.ts';
import { routes } from './routes.ts';
import { currentCase } from './views/current-case.ts';
import { caseFunding } from './views/case-funding.ts';
import { auditRoutes, caseAtMoment } from './audit/audit-queries.ts';
import type { EventsTableRef } from '../lib/audit/raw-events.ts';
import type { ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';
import { readModelHandlers } from './read-models/index.ts';
import { disclosureRoutes } from './public/disclosure-route.ts';
import { recordRoutes } from './records/record-queries.ts';
import { cooperationRoutes } from './records/cooperation-queries.ts';
import { organisationRoutes } from './organisations/organisation-queries.ts';
import { erasureDueRoutes } from './privacy/erasure-due-route.ts';
import { noticeRegisterRoutes } from './notices/notice-register-route.ts';
import { readsRoutes } from './audit/reads-queries.ts';
import { namingTheirRecords } from './audit/reads-of-records.ts';
import { createReadRecorder, type AccessRecordsRef } from '../lib/privacy/read-record.ts';

// Built on first request, not at cold start: most invocations never ask for it.
let openApi: Record<string, unknown> | null = null;
const openApiDocument = () => (openApi ??= buildOpenApi());

export type QueryDeps = {
  caseStatus: CaseStatusTable;
  logger: Logger;
  clock: () => Date;
  /** The event store's table, read by the audit routes and the consultation, duty-record and worker routes. */
  eventsTable: EventsTableRef;
  /** Where AccessDenied is counted (the Lambda entry's metrics). */
  metrics?: Metrics;
  /** The read-models table, read by the case lists, quality, funding and report routes. */
  readModels?: ReadModelsTableRef;
  /** The organisation registry every scope is decided on; by default read from the events table, where it lives. */
  registry?: RegistrySource;
  /** The records' data keys: an answer's sealed personal values are opened with them for the caller (present.ts). */
  keys?: KeyStore;
  /**
   * Where every read of personal data is put on record, and what `GET /audit/reads` reads; without it
   * (unit tests) nothing is recorded and that route is not served.
   */
  accessRecords?: AccessRecordsRef;
};

// Every route's roles are checked by the gate in createHttpHandler (from the route table) before its
// handler runs; handlers check the record (case scope). Every answer of an authenticated route passes
// createPersonalPresenter: opened and masked for roles without a need (functions/lib/auth/mask.ts).
export const createQueryHandler = ({
  caseStatus,
  logger,
  clock,
  eventsTable,
  metrics,
  readModels,
  keys,
  accessRecords,
  registry = createRegistrySource(createEventStore(eventsTable)),
}: QueryDeps) =>
  createHttpHandler(
    namingTheirRecords({
      'GET /health': async () => json(200, { status: 'ok' }),
      'GET /openapi.json': async () => json(200, openApiDocument()),
      'GET /cases/{id}': caseAtMoment(
        { events: eventsTable, caseStatus, keys, clock },
        currentCase({ caseStatus, events: eventsTable, clock }),
      ),
      'GET /cases/{id}/funding': caseFunding({ events: eventsTable }),
      ...auditRoutes({ events: eventsTable, caseStatus, keys }),
      ...recordRoutes({ events: eventsTable }),
      ...cooperationRoutes({ events: eventsTable, clock }),
      ...readModelHandlers({ readModels, clock }),
      ...(readModels ? disclosureRoutes({ readModels, registry, clock }) : {}),
      ...erasureDueRoutes({ readModels, keys, clock }),
      ...noticeRegisterRoutes({ events: eventsTable }),
      ...organisationRoutes({ store: createEventStore(eventsTable), source: registry }),
      ...(accessRecords ? readsRoutes({ accessRecords, events: eventsTable, caseStatus }) : {}),
    }),
    logger,
    {
      routes,
      present: createPersonalPresenter(keys),
      admit: registryAdmission(registry, clock),
      ...(metrics ? { metrics } : {}),
      ...(accessRecords ? { reads: createReadRecorder({ table: accessRecords, clock, logger }) } : {}),
    },
  );
