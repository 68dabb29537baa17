import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createCommandHandler } from '../../functions/api/commands.ts';
import { routeKeyOf, routes } from '../../functions/api/routes.ts';
import type { EventStore } from '../../functions/lib/event-store/event-store.ts';
import type { KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { assertContract } from './contract.ts';

// The command API called in-process, as API Gateway would call the Lambda: a route key, the verified
// claims, headers and a JSON body. For integration tests that record a history under a fake clock.

const context = { functionName: 'api-commands', awsRequestId: 'in-process', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

export type Caller = { sub: string; role: string; org: string };

const compiled = routes
  .map((r) => ({
    route: r,
    regex: new RegExp(`^${r.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
    params: [...r.path.matchAll(/\{(\w+)\}/g)].length,
  }))
  .sort((a, b) => a.params - b.params);

export const inProcessCommands = ({ store, clock, keys }: { store: EventStore; clock: () => Date; keys?: KeyStore }) => {
  const handler = createCommandHandler({
    store,
    clock,
    ...(keys ? { keys } : {}),
    logger: new Logger({ serviceName: 'in-process', logLevel: 'CRITICAL' }),
  });
  // The registry the gate admits callers against, as the local stack loads it; once, before the first call.
  let seeded: Promise<unknown> | null = null;
  return async <T = Record<string, unknown>>(
    as: Caller,
    path: string,
    body: unknown,
    key = `k-${randomUUID()}`,
  ): Promise<{ status: number; body: T }> => {
    const match = compiled.find((c) => c.route.method === 'POST' && c.regex.test(path));
    if (!match) throw new Error(`no POST route for ${path}`);
    const event = {
      version: '2.0',
      routeKey: routeKeyOf(match.route),
      rawPath: path,
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      pathParameters: match.regex.exec(path)!.groups,
      requestContext: { requestId: randomUUID(), authorizer: { jwt: { claims: { sub: as.sub, role: as.role, org: as.org }, scopes: [] } } },
    } as unknown as APIGatewayProxyEventV2;
    await (seeded ??= loadSeed(store));
    const res = await handler(event, context);
    const headers = (res.headers ?? {}) as Record<string, string>;
    assertContract({
      method: 'POST',
      path,
      status: res.statusCode ?? 0,
      contentType: headers['content-type'] ?? null,
      body: res.body ?? '',
    });
    return { status: res.statusCode ?? 0, body: JSON.parse(res.body ?? 'null') as T };
  };
};
