import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeKeyOf, routes, type ApiFunction } from '../../functions/api/routes.ts';
import { authorizerClaims } from './authorizer-claims.ts';
import { TokenRefusedError, type JwtGate } from './jwt-gate.ts';
import { LOCAL_HEALTH_PATH } from './local-paths.ts';

type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

// API Gateway refuses payloads over 10 MB before any Lambda runs; so does this server.
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const compiled = routes
  .map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, key: routeKeyOf(route), regex: new RegExp(`^${source}$`), names };
  })
  // As API Gateway: a literal segment is more specific than a path variable, so `/cases/overdue` is
  // that route and not `/cases/{id}` with id "overdue" (stable sort: otherwise the table's order).
  .sort((a, b) => a.names.length - b.names.length);

const JWKS_PATH = '/.well-known/jwks.json';
// Where API Gateway looks for an issuer's keys: `{issuer}/.well-known/openid-configuration`, its jwks_uri.
const DISCOVERY_PATH = '/.well-known/openid-configuration';
for (const path of [LOCAL_HEALTH_PATH, JWKS_PATH, DISCOVERY_PATH]) {
  if (compiled.some((c) => c.regex.test(path))) throw new Error(`the route table claims ${path}, which the local server keeps for itself`);
}

/**
 * Query parameters as payload 2.0 has them: a repeated name once, its values joined with commas
 * ("Duplicate query strings are combined with commas and included in the queryStringParameters
 * field", docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
const queryParameters = (params: URLSearchParams): Record<string, string> => {
  const joined: Record<string, string> = {};
  for (const [name, value] of params) joined[name] = Object.hasOwn(joined, name) ? `${joined[name]},${value}` : value;
  return joined;
};

const lambdaContext = (functionName: string): Context =>
  ({
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

// Past the limit the rest is read and dropped, so the client hears the 413 instead of a reset; a
// client that keeps sending far beyond it is cut off.
const DRAIN_LIMIT_BYTES = 4 * MAX_PAYLOAD_BYTES;

const readBody = (req: IncomingMessage): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_LIMIT_BYTES) {
        resolve(null);
        req.destroy();
      } else if (size <= MAX_PAYLOAD_BYTES) {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** A path segment as API Gateway passes it: percent-decoded; one that cannot be decoded is no route. */
const decodeSegment = (value: string): string | null => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

/**
 * The local API Gateway: matches the shared route table, checks the bearer token as the JWT
 * authorizer would, turns the request into an HTTP API v2 event (payload 2.0) and hands it to the
 * same handler Lambda runs.
 */
export const startHttpServer = async ({
  port,
  handlers,
  issuer,
  gate,
  health,
  onError = () => {},
}: {
  port: number;
  handlers: Record<ApiFunction, LambdaHttpHandler>;
  /** What the issuer publishes: its identifier and its public keys. */
  issuer: { issuer: string; jwks: unknown };
  gate: JwtGate;
  health: () => { ok: boolean; components: Record<string, unknown> };
  onError?: (error: unknown) => void;
}) => {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // The request target is a path: resolved against a base, `//quality/cases/x` would read as host
    // `quality` and path `/cases/x`, a route the gateway never matches for that path (it is no route: 404).
    const url = new URL(`http://localhost${req.url ?? '/'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname === JWKS_PATH) return send(res, 200, issuer.jwks);
    if (method === 'GET' && url.pathname === DISCOVERY_PATH)
      return send(res, 200, { issuer: issuer.issuer, jwks_uri: `${issuer.issuer}${JWKS_PATH}` });
    if (method === 'GET' && url.pathname === LOCAL_HEALTH_PATH) {
      const h = health();
      return send(res, h.ok ? 200 : 503, { status: h.ok ? 'ok' : 'starting', ...h.components });
    }
    const match = compiled.find((c) => c.route.method === method && c.regex.test(url.pathname));
    // A route is a method and a path; without a $default route, a request that matches none (an unknown
    // path, or a known path with another method) gets 404 {"message":"Not Found"}, never a 405
    // ("Create routes for HTTP APIs", docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
    if (!match) return send(res, 404, { message: 'Not Found' });
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > DRAIN_LIMIT_BYTES) return send(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
    const body = await readBody(req);
    // API Gateway's own answers (no route, a payload over its limit, no valid token) are its
    // `{"message": …}`, not problem details: HTTP APIs have no gateway responses to change them
    // (docs/security.md "The 401"); the local server answers as AWS does.
    if (body === null) return send(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
    let claims: Record<string, string> | undefined;
    if (match.route.authenticated) {
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      if (!token) return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
      try {
        claims = authorizerClaims(await gate(token));
      } catch (error) {
        // Algorithm, kid, signature, issuer, audience, times: as API Gateway's JWT authorizer. Which
        // claims name a principal (sub, a role of this system, org) is the handlers' check, in AWS and
        // here alike.
        if (!(error instanceof TokenRefusedError)) throw error;
        return send(
          res,
          401,
          { message: 'Unauthorized' },
          { 'www-authenticate': `Bearer error="invalid_token", error_description="${error.message}"` },
        );
      }
    }
    const values = match.regex.exec(url.pathname)!.slice(1).map(decodeSegment);
    if (values.some((v) => v === null)) return send(res, 404, { message: 'Not Found' });
    const pathParameters = Object.fromEntries(match.names.map((n, i) => [n, values[i]!]));
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const now = new Date();
    const requestId = randomUUID();
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: match.key,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(url.search ? { queryStringParameters: queryParameters(url.searchParams) } : {}),
      ...(match.names.length > 0 ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: `127.0.0.1:${port}`,
        domainPrefix: '127',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: match.key,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        // `scopes` is null: no route of ours requires authorization scopes.
        ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      } as APIGatewayProxyEventV2['requestContext'],
      isBase64Encoded: false,
      ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    };
    const result = await handlers[match.route.function](event, lambdaContext(match.route.function));
    res.writeHead(result.statusCode ?? 200, { 'x-request-id': requestId, ...(result.headers as Record<string, string>) });
    res.end(result.body ?? '');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
