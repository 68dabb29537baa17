import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { toMs } from '../../../domain/time/calendar.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { json } from '../../lib/http/response.ts';
import { caseStatusKeys, type CaseSummary } from '../../lib/read-models/case-status-table.ts';
import { decodeListCursor, decodeMergedCursor, encodeListCursor, encodeMergedCursor } from '../../lib/read-models/cursor.ts';
import { mergedPage } from '../../lib/read-models/merged-page.ts';
import type { IndexName, ReadModelTable } from '../../lib/read-models/read-model-table.ts';
import { mapBounded } from '../../lib/reports/bounded.ts';
import { assertAgencyReadable, assertOriginReadable, assertWorkerReadable, workerItemVisible } from './access.ts';
import { nodeScope } from './node-scope.ts';
import { byOriginQuery, byWorkerQuery, caseListQuery, caseStatusParam, countsQuery, overdueQuery } from './requests.ts';

// Case lists from the case-status read model (functions/lib/read-models/case-status-table.ts): one
// index partition per list, paged with an opaque cursor from DynamoDB's LastEvaluatedKey. "Overdue"
// is always judged against now: the items carry the earliest open due date, and the overdue list is a
// key condition `due date < now` on it.

const DEFAULT_PAGE = 50;
const DAY_MS = 86_400_000;

const queryOf = <S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.infer<S> =>
  schema.parse(event.queryStringParameters ?? {});

/** YYYY-MM-DD (China) as index sort-key bounds: from the start of `from` to the start of the day after `to`. */
export const dayBounds = (from?: string, to?: string): { from?: string; below?: string } => ({
  ...(from ? { from: new Date(toMs(`${from}T00:00:00+08:00`)).toISOString() } : {}),
  ...(to ? { below: new Date(toMs(`${to}T00:00:00+08:00`) + DAY_MS).toISOString() } : {}),
});

/** A summary as lists show it: with whether its next deadline has passed now. */
const listed = (item: Record<string, unknown>, now: string) => {
  const summary = item.summary as CaseSummary;
  return {
    ...summary,
    version: item.version as number,
    overdue: summary.nextDue !== null && Date.parse(summary.nextDue.dueAt) < Date.parse(now),
  };
};

export const caseListRoutes = ({
  readModels,
  clock,
}: {
  readModels: ReadModelTable;
  clock: () => Date;
}): Record<string, RouteHandler<Admitted>> => {
  const page = async (
    event: APIGatewayProxyEventV2,
    query: { cursor?: string | undefined; limit?: number | undefined; [param: string]: unknown },
    index: IndexName,
    pk: string,
    range: { from?: string; below?: string },
    visible: (item: Record<string, unknown>) => boolean = () => true,
  ) => {
    const { cursor, limit, ...identity } = query;
    const fingerprint = { route: event.routeKey, ...identity };
    const startKey = decodeListCursor(cursor, fingerprint, index, pk);
    const now = clock().toISOString();
    const out = await readModels.queryIndex({ index, pk, ...range, limit: limit ?? DEFAULT_PAGE, ...(startKey ? { startKey } : {}) });
    return json(200, {
      items: out.items.filter(visible).map((i) => listed(i, now)),
      nextCursor: encodeListCursor(fingerprint, out.lastKey),
      asOf: now,
    });
  };

  /** A node's list: every agency's partition under it today, merged in the index's order (functions/lib/read-models/merged-page.ts). */
  const nodePage = async (
    event: APIGatewayProxyEventV2,
    query: { cursor?: string | undefined; limit?: number | undefined; [param: string]: unknown },
    index: IndexName,
    pks: readonly string[],
    range: { from?: string; below?: string },
  ) => {
    const { cursor, limit, ...identity } = query;
    const fingerprint = { route: event.routeKey, ...identity };
    const after = decodeMergedCursor(cursor, fingerprint);
    const now = clock().toISOString();
    const out = await mergedPage(readModels, { index, pks, range, limit: limit ?? DEFAULT_PAGE, after });
    return json(200, { items: out.items.map((i) => listed(i, now)), nextCursor: encodeMergedCursor(fingerprint, out.last), asOf: now });
  };

  /** The agencies a list names: one by agencyId, or those under organisationId today (lists are of statuses now). */
  const listedAgencies = (principal: Admitted, q: { agencyId?: string | undefined; organisationId?: string | undefined }) => {
    if (q.agencyId) {
      assertAgencyReadable(principal, q.agencyId);
      return null;
    }
    return nodeScope(principal, 'organisationId', q.organisationId!, { first: principal.today, last: principal.today, aggregate: false })
      .agencyIds;
  };

  return {
    'GET /cases': async (event, _context, principal) => {
      const q = queryOf(caseListQuery, event);
      const agencies = listedAgencies(principal, q);
      const range = dayBounds(q.from, q.to);
      // With a status: the agency's queue for it; without: every case of the agency by receipt.
      if (agencies)
        return q.status
          ? nodePage(
              event,
              q,
              'gsi1',
              agencies.map((a) => caseStatusKeys.agencyStatus(a, q.status!)),
              range,
            )
          : nodePage(event, q, 'gsi2', agencies.map(caseStatusKeys.received), range);
      return q.status
        ? page(event, q, 'gsi1', caseStatusKeys.agencyStatus(q.agencyId!, q.status), range)
        : page(event, q, 'gsi2', caseStatusKeys.received(q.agencyId!), range);
    },

    'GET /cases/overdue': async (event, _context, principal) => {
      const q = queryOf(overdueQuery, event);
      const agencies = listedAgencies(principal, q);
      // Most overdue first: the index is sorted by the earliest open due date.
      const range = { below: clock().toISOString() };
      return agencies
        ? nodePage(event, q, 'gsi1', agencies.map(caseStatusKeys.due), range)
        : page(event, q, 'gsi1', caseStatusKeys.due(q.agencyId!), range);
    },

    'GET /cases/counts': async (event, _context, principal) => {
      const q = queryOf(countsQuery, event);
      // Statuses are as of now, so a node's cases are those of the agencies under it today (an absorbed
      // agency's under its successor). Cost: one Count per status and agency, 8 agencies at once.
      const [field, named] = q.agencyId ? ['agencyId', q.agencyId] : ['organisationId', q.organisationId!];
      const node = nodeScope(principal, field, named, { first: principal.today, last: principal.today, aggregate: false });
      const statuses = caseStatusParam.options;
      const perAgency = await mapBounded(node.agencyIds, 8, (agencyId) =>
        Promise.all(statuses.map((s) => readModels.count('gsi1', caseStatusKeys.agencyStatus(agencyId, s)))),
      );
      const counts = statuses.map((_, i) => perAgency.reduce((n, a) => n + a[i]!, 0));
      const byStatus = Object.fromEntries(statuses.map((s, i) => [s, counts[i]!]));
      return json(200, {
        ...(q.agencyId ? { agencyId: q.agencyId } : { organisationId: node.organisationId, agencyIds: node.agencyIds }),
        byStatus,
        total: counts.reduce((a, b) => a + b, 0),
        asOf: clock().toISOString(),
      });
    },

    'GET /cases/by-origin': async (event, _context, p) => {
      const q = queryOf(byOriginQuery, event);
      const organisationId = q.organisationId ?? p.organisation;
      assertOriginReadable(p, organisationId);
      // Art 36: the lawyers the authority was told of and has not yet acknowledged, for its workstation's inbox.
      const pending = q.unacknowledged
        ? (item: Record<string, unknown>) => (item.summary as CaseSummary).lawyerNoticeUnacknowledged === true
        : undefined;
      return page(event, { ...q, organisationId }, 'gsi2', caseStatusKeys.origin(organisationId), dayBounds(q.from, q.to), pending);
    },

    'GET /cases/by-worker': async (event, _context, p) => {
      const q = queryOf(byWorkerQuery, event);
      assertWorkerReadable(p, q.workerId);
      return page(event, q, 'gsi3', caseStatusKeys.worker(q.workerId), {}, (item) =>
        workerItemVisible(p, (item.summary as CaseSummary).agencyId),
      );
    },
  };
};
