import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isJusticeKind } from '../../../domain/organisation/kinds.ts';
import type { Registry } from '../../../domain/organisation/registry.ts';
import { endOf, type RegisteredOrganisation } from '../../../domain/organisation/state.ts';
import { organisationStream } from '../../../domain/streams.ts';
import { chinaDateOf, plusMs } from '../../../domain/time/calendar.ts';
import { historyQuery } from '../audit/audit-requests.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { decodeHistoryCursor, encodeHistoryCursor, historyEntryOf } from '../../lib/audit/history.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';
import { startOfDay } from '../../lib/registry/registry-plan.ts';
import type { RegistrySource } from '../../lib/registry/registry-source.ts';
import { childrenQuery, organisationQuery, pathQuery } from './organisation-requests.ts';
import { nodeOn, organisationOn } from './organisation-view.ts';

// The registry's read side. The tree's facts (GET /organisations/{id}, its children, its path up)
// are public information of public bodies, answered to every admitted caller: a court must be
// able to find the agency competent for its area, an applicant's lawyer the bureau an objection
// goes to. An organisation's history (who changed what, when, under which key) is the audit trail
// of the registry: for the administrators and auditors of the justice bodies it lies under.
// Everything is read from the snapshot the gate admitted the caller on (refreshed per request,
// registry-source.ts); a record's version from the newest, which is at least as new.

const DEFAULT_PAGE = 50;

const queryOf = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};

const registeredOr404 = (registry: Registry, id: string): RegisteredOrganisation => {
  const s = registry.get(id);
  if (!s) throw new HttpError(404, 'ORGANISATION_NOT_FOUND', `no organisation ${id}`);
  return s;
};

/**
 * Whether the caller's justice body is over the organisation: it lies under the caller today, or,
 * for one not yet open, on the day it opens, or, for one that has since ended, on its last open
 * day (a merged one lies under wherever its successor does). A body reads its own history too.
 */
const assertHistoryReadable = (principal: Admitted, s: RegisteredOrganisation) => {
  if (!isJusticeKind(principal.kind))
    throw new HttpError(403, 'NOT_A_JUSTICE_BODY', `a registry's history is for the justice bodies above it, not for a ${principal.kind}`);
  const { registry, today, organisation } = principal;
  const end = endOf(s);
  const days = [today, ...(today < s.validFrom ? [s.validFrom] : []), ...(end !== null ? [chinaDateOf(plusMs(startOfDay(end), -1))] : [])];
  if (!days.some((day) => registry.liesUnder(s.organisationId, organisation, day)))
    throw new HttpError(403, 'OUT_OF_SCOPE', `${s.organisationId} does not lie under ${organisation}`);
};

export const organisationRoutes = ({ store, source }: { store: EventStore; source: RegistrySource }) => {
  const one: RouteHandler<Admitted> = async (event, _context, principal) => {
    const id = pathIdOf(event);
    const { date = principal.today } = organisationQuery.parse(queryOf(event));
    const loaded = await source.current();
    const s = registeredOr404(loaded.registry, id);
    const version = loaded.organisations.get(id)!.head.version;
    return json(200, { ...organisationOn(loaded.registry, s, date), version }, { etag: `"${version}"` });
  };

  const children: RouteHandler<Admitted> = async (event, _context, principal) => {
    const id = pathIdOf(event);
    const { date = principal.today, kind, depth } = childrenQuery.parse(queryOf(event));
    const { registry } = principal;
    registeredOr404(registry, id);
    const ids =
      depth === 'all'
        ? registry.descendants(id, date)
        : registry
            .all()
            .map((s) => s.organisationId)
            .filter((c) => registry.parentOf(c, date) === id);
    const shown = ids.filter((c) => kind === undefined || registry.get(c)!.kind === kind).sort();
    return json(200, { organisationId: id, date, depth, organisations: shown.map((c) => nodeOn(registry, c, date)) });
  };

  const path: RouteHandler<Admitted> = async (event, _context, principal) => {
    const id = pathIdOf(event);
    const { date = principal.today } = pathQuery.parse(queryOf(event));
    const { registry } = principal;
    registeredOr404(registry, id);
    return json(200, {
      organisationId: id,
      date,
      heldBy: registry.resolve(id, date),
      // Empty when neither it nor a successor is open on the day: it lies nowhere then.
      path: registry.rollUpPath(id, date).map((p) => nodeOn(registry, p, date)),
    });
  };

  const history: RouteHandler<Admitted> = async (event, _context, principal) => {
    const id = pathIdOf(event);
    const stream = organisationStream(id);
    const q = historyQuery.parse(queryOf(event));
    const limit = q.limit ?? DEFAULT_PAGE;
    const from = q.cursor ? decodeHistoryCursor(q.cursor, stream) : 1;
    assertHistoryReadable(principal, registeredOr404(principal.registry, id));
    // One more than asked, to know without a second read whether another page follows.
    const page = await store.readPage(stream, { from, limit: limit + 1 });
    const following = page.events[limit];
    const nextFrom = following ? following.version : page.nextFrom;
    return json(200, {
      organisationId: id,
      stream,
      order: 'version ascending (oldest first)',
      events: page.events.slice(0, limit).map(historyEntryOf),
      nextCursor: nextFrom !== null ? encodeHistoryCursor(stream, nextFrom) : null,
    });
  };

  return {
    'GET /organisations/{id}': one,
    'GET /organisations/{id}/children': children,
    'GET /organisations/{id}/path': path,
    'GET /organisations/{id}/history': history,
  } satisfies Record<string, RouteHandler<Admitted>>;
};
