import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCommandHandler } from '../../functions/api/commands.ts';
import { createQueryHandler } from '../../functions/api/queries.ts';
import { routes } from '../../functions/api/routes.ts';
import { createHttpHandler, type RouteAccess } from '../../functions/lib/http/http-handler.ts';
import { HttpError } from '../../functions/lib/http/http-error.ts';
import { json } from '../../functions/lib/http/response.ts';
import { createObservability, metricNames } from '../../functions/lib/observability.ts';
import { problemOf } from '../support/problem.ts';

/** These tests are about the route table's gate; the registry's admission has tests of its own. */
const admitAll = async <P>(p: P) => p;

// The gate every route passes (functions/lib/http/http-handler.ts): the route table's roles before
// any handler, only declared query parameters, and every refusal logged and counted. Plain calls.

const context = { functionName: 'fn', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

const event = (
  routeKey: string,
  claims: Record<string, unknown> | null,
  extra: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey,
    rawPath: '/x',
    rawQueryString: '',
    headers: {},
    requestContext: { requestId: 'r-1', ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}) },
    isBase64Encoded: false,
    ...extra,
  }) as unknown as APIGatewayProxyEventV2;

const reviewer = { sub: 'reviewer-hz-01', role: 'agency-reviewer', org: 'agency:hz-xihu' };
const court = { sub: 'clerk-1', role: 'court', org: 'court:hz-xihu' };

const table: RouteAccess[] = [
  { method: 'GET', path: '/things/{id}', authenticated: true, roles: ['agency-reviewer'] },
  { method: 'GET', path: '/search', authenticated: true, roles: ['agency-reviewer'], query: z.strictObject({ q: z.string().max(10) }) },
  { method: 'GET', path: '/health', authenticated: false, roles: [] },
];

const setup = () => {
  const logger = new Logger({ serviceName: 'test', logLevel: 'DEBUG' });
  const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
  const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  const { metrics } = createObservability();
  const ran = vi.fn(async () => json(200, { ok: true }));
  const handler = createHttpHandler({ 'GET /things/{id}': ran, 'GET /search': ran, 'GET /health': ran }, logger, {
    routes: table,
    metrics,
    admit: admitAll,
  });
  return { handler, warn, error, metrics, ran };
};

afterEach(() => vi.restoreAllMocks());

describe('the route gate', () => {
  it('refuses to build a handler for a route the table does not declare', () => {
    expect(() =>
      createHttpHandler({ 'GET /undeclared': async () => json(200, {}) }, new Logger(), { routes: table, admit: admitAll }),
    ).toThrow(/GET \/undeclared.*route table/);
  });

  it('every handler of both API functions is declared in routes.ts', () => {
    const logger = new Logger();
    expect(() => createCommandHandler({ store: {} as never, clock: () => new Date(), logger })).not.toThrow();
    expect(() => createQueryHandler({ caseStatus: {} as never, eventsTable: {} as never, clock: () => new Date(), logger })).not.toThrow();
    expect(routes.filter((r) => r.authenticated && r.roles.length === 0)).toEqual([]);
  });

  it('401 without claims, 403 for a role the route does not name, before the handler runs', async () => {
    const { handler, ran } = setup();
    expect((await handler(event('GET /things/{id}', null), context)).statusCode).toBe(401);
    const refused = await handler(event('GET /things/{id}', court, { pathParameters: { id: 't-1' } }), context);
    expect(refused.statusCode).toBe(403);
    expect(problemOf(JSON.parse(refused.body!))).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      reason: expect.stringContaining('not for court'),
    });
    expect(ran).not.toHaveBeenCalled();
    expect((await handler(event('GET /things/{id}', reviewer), context)).statusCode).toBe(200);
    expect((await handler(event('GET /health', null), context)).statusCode).toBe(200);
  });

  it('hands the handler the caller it admitted, so no handler parses the claims again', async () => {
    const { handler, ran } = setup();
    await handler(event('GET /things/{id}', reviewer), context);
    expect(ran).toHaveBeenCalledWith(expect.anything(), context, {
      id: 'reviewer-hz-01',
      role: 'agency-reviewer',
      organisation: 'agency:hz-xihu',
      workstation: null,
    });
  });

  it('logs each refusal as one structured WARN line and counts AccessDenied; nothing from the request body', async () => {
    const { handler, warn, metrics } = setup();
    await handler(
      event('GET /things/{id}', court, { pathParameters: { id: '330106199001011234' }, body: '{"identityNumber":"330106199001011234"}' }),
      context,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('access denied', {
      principalId: 'clerk-1',
      role: 'court',
      organisation: 'court:hz-xihu',
      routeKey: 'GET /things/{id}',
      recordId: '**************1234',
      code: 'ROLE_NOT_ALLOWED',
      reason: 'GET /things/{id} is for agency-reviewer; not for court',
    });
    expect(metrics.serializeMetrics()).toMatchObject({ [metricNames.accessDenied]: 1 });
  });

  it('also logs refusals a handler makes for a record (case scope, own organisation)', async () => {
    const logger = new Logger();
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const handler = createHttpHandler(
      {
        'GET /things/{id}': async () => {
          throw new HttpError(403, 'OUT_OF_SCOPE', 'not yours');
        },
      },
      logger,
      { routes: table, admit: admitAll },
    );
    await handler(event('GET /things/{id}', reviewer, { pathParameters: { id: 'case-1' } }), context);
    expect(warn).toHaveBeenCalledWith(
      'access denied',
      expect.objectContaining({ principalId: 'reviewer-hz-01', recordId: 'case-1', code: 'OUT_OF_SCOPE', reason: 'not yours' }),
    );
    // A case id is logged as it is, however many digits its UUID happens to have in a row.
    await handler(event('GET /things/{id}', reviewer, { pathParameters: { id: '12345678-1234-8123-9123-123456789012' } }), context);
    expect(warn).toHaveBeenLastCalledWith('access denied', expect.objectContaining({ recordId: '12345678-1234-8123-9123-123456789012' }));
  });

  it('takes only the query parameters a route declares', async () => {
    const { handler } = setup();
    expect((await handler(event('GET /things/{id}', reviewer, { queryStringParameters: { debug: '1' } }), context)).statusCode).toBe(400);
    expect((await handler(event('GET /search', reviewer, { queryStringParameters: { q: 'ok' } }), context)).statusCode).toBe(200);
    expect((await handler(event('GET /search', reviewer, { queryStringParameters: { q: 'ok', extra: '1' } }), context)).statusCode).toBe(
      400,
    );
    expect((await handler(event('GET /search', reviewer, { queryStringParameters: { q: 'x'.repeat(11) } }), context)).statusCode).toBe(400);
  });
});
