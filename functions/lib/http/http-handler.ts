import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type * as z from 'zod';
import type { PresentedAnswer } from '../auth/present.ts';
import type { Role } from '../auth/roles.ts';
import type { ReadRecorder } from '../privacy/read-record.ts';
import { assertRole } from '../auth/route-access.ts';
import { recordAccessDenied } from '../observability.ts';
import { errorResponse, isExpected } from './error-response.ts';
import { HttpError } from './http-error.ts';
import { claimsOf, principalOf, type Principal } from './principal.ts';

/**
 * A route's handler. On an authenticated route it is given the caller the gate admitted (parsed once,
 * its role checked once); a route without a token has no caller and its handler takes none.
 */
export type RouteHandler<P extends Principal = Principal> = (
  event: APIGatewayProxyEventV2,
  context: Context,
  principal: P,
) => Promise<APIGatewayProxyStructuredResultV2>;
type PublicRouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the gate needs of a route (functions/api/routes.ts `RouteDefinition` fits as is). */
export type RouteAccess = {
  method: string;
  path: string;
  /** False: no token needed (health, OpenAPI). */
  authenticated: boolean;
  /** Roles that may call it; which records they reach is the handler's check. */
  roles: readonly Role[];
  /** Its query parameters (a strict zod object); a route without one takes none. */
  query?: z.ZodType;
};

export type HttpHandlerOptions<P extends Principal = Principal> = {
  /** The route table. Every handler must have its route here: its roles are enforced before the handler runs. */
  routes: readonly RouteAccess[];
  /** Where AccessDenied is counted (the Lambda entries pass theirs; the local stack has none). */
  metrics?: Metrics;
  /**
   * Shapes a successful answer of an authenticated route for its caller (opens and masks personal
   * data) and names the records whose personal data it showed.
   */
  present?: (result: APIGatewayProxyStructuredResultV2, principal: P) => Promise<PresentedAnswer>;
  /**
   * After the role: admits the caller's organisation (the registry knows it, it is open, its kind
   * holds the role) and hands the handler the caller with what its scope is decided on.
   */
  admit: (principal: Principal) => Promise<P>;
  /**
   * Puts on record every answer that showed some record's personal data (functions/lib/privacy/read-record.ts):
   * the caller gets the answer only once it is recorded (503 READ_NOT_RECORDED otherwise).
   */
  reads?: ReadRecorder;
};

const MAX_LOGGED = 200;
const bounded = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.slice(0, MAX_LOGGED) : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A record id as it may be logged: a case id (a UUID) as it is; in anything else, a run of digits that may be a phone or identity number is masked. */
const loggableId = (value: unknown): string | null => {
  const id = bounded(value);
  if (id === null || UUID.test(id)) return id;
  return id.replace(/\d{7,}/g, (digits) => `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`);
};

/**
 * Every refusal (403) as one structured WARN line: who (from the verified claims), which route and
 * record, and why. Never the body, the query or any other header: they may hold personal data, and
 * reasons are written so as not to repeat what the caller sent.
 */
const logDenial = (logger: Logger, event: APIGatewayProxyEventV2, error: HttpError) => {
  const claims = claimsOf(event) ?? {};
  logger.warn('access denied', {
    principalId: bounded(claims.sub),
    role: bounded(claims.role),
    organisation: bounded(claims.org),
    routeKey: bounded(event.routeKey),
    recordId: loggableId(event.pathParameters?.id),
    code: error.code,
    reason: error.message,
  });
};

/** How API Gateway names a route: `POST /cases/{id}/grant`. */
export const routeKeyOf = (route: Pick<RouteAccess, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** Query parameters: exactly those the route declares, valid; none where it declares none. */
const checkQuery = (route: RouteAccess, event: APIGatewayProxyEventV2) => {
  const query = event.queryStringParameters ?? {};
  if (route.query) {
    route.query.parse(query);
    return;
  }
  const [name] = Object.keys(query);
  if (name !== undefined)
    throw new HttpError(400, 'INVALID_FIELD', `${routeKeyOf(route)} takes no query parameters`, { field: name.slice(0, MAX_LOGGED) });
};

/**
 * One Lambda serves several routes; API Gateway (or the local server) names the route in
 * `routeKey`. Before any handler runs, the route table's gate: a verified principal for an
 * authenticated route (401), one of the route's roles (403), only the query parameters it declares
 * (400), an organisation the registry admits for the role (403). Handlers then check the record itself (case scope, own organisation). Every error becomes an
 * answer with a code and a reason; only the unexpected are logged as errors, refusals as `access
 * denied` warnings, and never with the request body (it holds personal data).
 */
export const createHttpHandler = <P extends Principal>(
  routeHandlers: Record<string, RouteHandler<P>>,
  logger: Logger,
  { routes, metrics, present, admit, reads }: HttpHandlerOptions<P>,
) => {
  const declared = new Map(routes.map((r) => [routeKeyOf(r), r]));
  for (const key of Object.keys(routeHandlers)) {
    if (!declared.has(key)) throw new Error(`a handler serves ${key}, which the route table does not declare: add it there with its roles`);
  }
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use({
      onError: (request) => {
        const error = request.error;
        if (error instanceof HttpError && error.status === 403) {
          logDenial(logger, request.event, error);
          if (metrics) recordAccessDenied(metrics);
        } else if (!isExpected(error)) {
          logger.error('request failed', {
            routeKey: request.event.routeKey,
            requestId: request.event.requestContext?.requestId,
            error: error as Error,
          });
        }
        request.response = errorResponse(error, request.event.rawPath ?? request.event.requestContext?.http?.path ?? '/');
      },
    })
    .handler(async (event, context) => {
      const handler = routeHandlers[event.routeKey];
      const route = declared.get(event.routeKey);
      if (!handler || !route) throw new HttpError(404, 'NO_SUCH_ROUTE', `no route ${String(event.routeKey).slice(0, MAX_LOGGED)}`);
      if (!route.authenticated) {
        checkQuery(route, event);
        return (handler as PublicRouteHandler)(event, context);
      }
      const token = principalOf(event);
      assertRole(token, route.roles, event.routeKey);
      checkQuery(route, event);
      const principal = await admit(token);
      const read = reads?.begin(event);
      const result = await handler(event, context, principal);
      if (!present) return result;
      const presented = await present(result, principal);
      await read?.record(principal, presented);
      return presented.result;
    });
};
