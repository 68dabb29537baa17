import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../functions/lib/http/principal.ts';
import { apiAudience } from '../../infra/definitions/auth.ts';
import { authorizerClaims } from '../../infra/local/authorizer-claims.ts';
import { createDevIssuer, devPrincipals } from '../../infra/local/dev-issuer.ts';
import { startHttpServer } from '../../infra/local/http-server.ts';
import { createJwtGate } from '../../infra/local/jwt-gate.ts';
import { LOCAL_HEALTH_PATH } from '../../infra/local/local-paths.ts';
import { freePort } from '../../infra/local/ports.ts';

// The event the local server builds for a handler, held against payload 2.0 as API Gateway's HTTP API
// documents it; the handlers are stand-ins that keep what they were given.

const reviewer = devPrincipals.find((p) => p.role === 'agency-reviewer')!;
const received: { fn: string; event: APIGatewayProxyEventV2 }[] = [];
const handler = (fn: string) => async (event: APIGatewayProxyEventV2) => {
  received.push({ fn, event });
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn }) };
};

let server: Awaited<ReturnType<typeof startHttpServer>>;
let issuer: Awaited<ReturnType<typeof createDevIssuer>>;
beforeAll(async () => {
  const port = await freePort();
  issuer = await createDevIssuer({ issuer: `http://127.0.0.1:${port}`, keyFile: null });
  server = await startHttpServer({
    port,
    issuer,
    gate: createJwtGate({ issuer: issuer.issuer, audiences: apiAudience, jwks: issuer.jwks, maxTokenAgeSeconds: 3600 }),
    handlers: { 'api-commands': handler('api-commands'), 'api-queries': handler('api-queries') },
    health: () => ({ ok: true, components: { streamPoller: 'polling' } }),
  });
});
afterAll(async () => server?.stop());

const call = async (method: string, path: string, token?: string) => {
  received.length = 0;
  const res = await fetch(`${server.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as unknown, event: received[0]?.event };
};

describe('the payload 2.0 event of the local server', () => {
  it('hands the verified claims as API Gateway does: every value a string, scopes null', async () => {
    const token = await issuer.mint(reviewer, { expiresIn: '10m' });
    const { status, event } = await call('GET', '/cases/counts?agencyId=agency:hz-xihu', token);
    expect(status).toBe(200);
    const jwt = (event!.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, unknown>; scopes: unknown } } })
      .authorizer.jwt;
    expect(jwt.scopes).toBeNull();
    for (const [name, value] of Object.entries(jwt.claims)) expect(typeof value, name).toBe('string');
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(jwt.claims).toMatchObject({
      sub: reviewer.sub,
      role: reviewer.role,
      org: reviewer.org,
      aud: apiAudience[0],
      iss: issuer.issuer,
      exp: String(payload.exp),
      iat: String(payload.iat),
    });
    // ...and the handlers read their principal from exactly that.
    expect(principalOf(event!)).toEqual({
      id: reviewer.sub,
      role: reviewer.role,
      organisation: reviewer.org,
      workstation: reviewer.workstation,
    });
  });

  it('joins a repeated query parameter with commas, leaving the raw query string as sent', async () => {
    const token = await issuer.mint(reviewer, { expiresIn: '10m' });
    const { event } = await call('GET', '/cases/counts?agencyId=a&x=1&agencyId=b%2Cc', token);
    expect(event!.queryStringParameters).toEqual({ agencyId: 'a,b,c', x: '1' });
    expect(event!.rawQueryString).toBe('agencyId=a&x=1&agencyId=b%2Cc');
  });

  it('answers an unknown path and a known path with another method alike: 404 Not Found, no handler runs', async () => {
    expect(await call('DELETE', '/cases/counts')).toEqual({ status: 404, body: { message: 'Not Found' }, event: undefined });
    expect(await call('GET', '/no-such-route')).toEqual({ status: 404, body: { message: 'Not Found' }, event: undefined });
  });

  it("sends GET /health to the route's handler, and keeps its own readiness at a path of its own", async () => {
    const health = await call('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { fn: 'api-queries' } });
    expect(health.event!.routeKey).toBe('GET /health');
    expect(await call('GET', LOCAL_HEALTH_PATH)).toEqual({
      status: 200,
      body: { status: 'ok', streamPoller: 'polling' },
      event: undefined,
    });
  });

  it('refuses a token that lives longer than the configured maximum (here an hour), with the body API Gateway sends', async () => {
    const res = await fetch(`${server.url}/cases/counts?agencyId=agency:hz-xihu`, {
      headers: { authorization: `Bearer ${await issuer.mint(reviewer, { expiresIn: '2h' })}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="the token lives longer than 3600 s"',
    );
  });
});

describe('claims rendered as API Gateway renders them', () => {
  it('numbers and booleans as their text, arrays bracketed and space-separated', () => {
    expect(authorizerClaims({ exp: 1767225600, admin: true, groups: ['a', 'b'], aud: ['legal-aid-api'], sub: 's' })).toEqual({
      exp: '1767225600',
      admin: 'true',
      groups: '[a b]',
      aud: '[legal-aid-api]',
      sub: 's',
    });
  });

  it('principalOf takes string claims, and refuses a claim that is not a string', () => {
    const event = (claims: Record<string, unknown>) =>
      ({ requestContext: { requestId: 'r', authorizer: { jwt: { claims, scopes: null } } } }) as unknown as APIGatewayProxyEventV2;
    const strings = {
      sub: 'reviewer-hz-01',
      role: 'agency-reviewer',
      org: 'agency:hz-xihu',
      exp: '1767225600',
      iat: '1767139200',
      aud: 'legal-aid-api',
    };
    expect(principalOf(event(strings))).toEqual({
      id: 'reviewer-hz-01',
      role: 'agency-reviewer',
      organisation: 'agency:hz-xihu',
      workstation: null,
    });
    expect(() => principalOf(event({ ...strings, sub: 42 }))).toThrow(/sub claim/);
  });
});
