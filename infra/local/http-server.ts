import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeKeyOf, routes, type ApiFunction } from '../../functions/api/routes.ts';
import type { DevIssuer } from './dev-issuer.ts';

type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

// API Gateway refuses payloads over 10 MB before any Lambda runs; so does this server.
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const compiled = routes.map((route) => {
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

/** Why jose refused a token, in the words of API Gateway's `www-authenticate` header. */
const tokenRefusal = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is invalid';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${String((error as { claim?: unknown }).claim ?? 'claims')} claim is not accepted`;
    default:
      return 'the token is not valid';
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
  health,
  onError = () => {},
}: {
  port: number;
  handlers: Record<ApiFunction, LambdaHttpHandler>;
  issuer: DevIssuer;
  health: () => { ok: boolean; components: Record<string, unknown> };
  onError?: (error: unknown) => void;
}) => {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname === '/.well-known/jwks.json') return send(res, 200, issuer.jwks);
    if (method === 'GET' && url.pathname === '/health') {
      const h = health();
      return send(res, h.ok ? 200 : 503, { status: h.ok ? 'ok' : 'starting', ...h.components });
    }
    const match = compiled.find((c) => c.route.method === method && c.regex.test(url.pathname));
    if (!match) {
      const pathExists = compiled.some((c) => c.regex.test(url.pathname));
      return send(res, pathExists ? 405 : 404, { error: { code: pathExists ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', reason: `no route ${method} ${url.pathname}` } });
    }
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > DRAIN_LIMIT_BYTES) return send(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
    const body = await readBody(req);
    if (body === null) return send(res, 413, { message: 'Request Entity Too Large', error: { code: 'BODY_TOO_LARGE', reason: `the payload exceeds ${MAX_PAYLOAD_BYTES} bytes` } }, { connection: 'close' });
    let claims: Record<string, unknown> | undefined;
    if (match.route.authenticated) {
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      if (!token) return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
      try {
        claims = (await issuer.verify(token)) as Record<string, unknown>;
      } catch (error) {
        // Signature, issuer, audience, expiry: as API Gateway's JWT authorizer. Which claims name a
        // principal (sub, a role of this system, org) is the handlers' check, in AWS and here alike.
        return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${tokenRefusal(error)}"` });
      }
    }
    const values = match.regex.exec(url.pathname)!.slice(1).map(decodeSegment);
    if (values.some((v) => v === null)) return send(res, 404, { message: 'Not Found' });
    const pathParameters = Object.fromEntries(match.names.map((n, i) => [n, values[i]!]));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const now = new Date();
    const requestId = randomUUID();
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: match.key,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
      ...(match.names.length > 0 ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: `127.0.0.1:${port}`,
        domainPrefix: '127',
        http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId,
        routeKey: match.key,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
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
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
