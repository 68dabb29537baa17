import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { cooperationDecider } from '../../../domain/cooperation/decider.ts';
import { cooperationStatistics, overdueCooperation } from '../../../domain/cooperation/statistics.ts';
import { cooperationIndexStream, cooperationStream } from '../../../domain/streams.ts';
import type { CooperationEvent } from '../../../events/catalogue/cooperation-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import { isoTimeSchema, organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { assertAgencyCooperationReadable, assertCooperationReadable } from '../../lib/auth/cooperation-scope.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';

// Cooperation between agencies, read from the event store: one request folded from its stream, and
// an agency's statistics and overdue list folded from its index stream (functions/api/commands/cooperation.ts).

export const cooperationStatisticsQuery = z.strictObject({
  agencyId: organisationIdSchema.describe('The agency whose cooperation given and received to count'),
});
export const overdueCooperationQuery = z.strictObject({
  agencyId: organisationIdSchema.describe('The agency whose overdue cooperation requests to list'),
  asOf: isoTimeSchema.optional().describe('The business time the due dates are judged on; by default now'),
});

const queryOf = <S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.infer<S> =>
  schema.parse(event.queryStringParameters ?? {});

export const cooperationRoutes = ({
  events,
  clock,
}: {
  events: EventsTableRef;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => {
  const store = createEventStore({ client: events.client, tableName: events.tableName });
  const indexOf = async (agencyId: string) =>
    (await store.readStream(cooperationIndexStream(agencyId))).map((e) => readEventData(catalogue, e) as CooperationEvent);

  return {
    'GET /cooperation-requests/{id}': async (event, _context, principal) => {
      const id = pathIdOf(event);
      const envelopes = await store.readStream(cooperationStream(id));
      const last = envelopes.at(-1);
      if (!last) throw new HttpError(404, 'COOPERATION_NOT_FOUND', `no cooperation request ${id}`);
      const state = envelopes
        .map((e) => readEventData(catalogue, e) as CooperationEvent)
        .reduce(cooperationDecider.evolve, cooperationDecider.initialState());
      assertCooperationReadable(principal, state);
      const history = envelopes.map((e) => ({
        type: e.type,
        at: e.occurredAt ?? e.recordedAt,
        by: e.actor.organisation,
        data: readEventData(catalogue, e).data,
      }));
      return json(200, { id, ...state, history, version: last.version, updatedAt: last.recordedAt }, { etag: `"${last.version}"` });
    },
    'GET /cooperation-requests/statistics': async (event, _context, principal) => {
      const q = queryOf(cooperationStatisticsQuery, event);
      assertAgencyCooperationReadable(principal, q.agencyId);
      return json(200, cooperationStatistics(q.agencyId, await indexOf(q.agencyId)));
    },
    'GET /cooperation-requests/overdue': async (event, _context, principal) => {
      const q = queryOf(overdueCooperationQuery, event);
      assertAgencyCooperationReadable(principal, q.agencyId);
      return json(200, overdueCooperation(q.agencyId, await indexOf(q.agencyId), q.asOf ?? clock().toISOString()));
    },
  };
};
