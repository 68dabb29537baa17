import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { devPrincipals, type DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { deadLetterQueueNames, startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/local-stack.ts';
import { redrive } from '../../scripts/redrive/redrive.ts';
import { localTarget } from '../../scripts/redrive/targets.ts';
import { freePort } from '../../infra/local/ports.ts';
import { assertContract } from './contract.ts';

/** A whole local stack on a free port, its tables under a prefix of its own on the run's DynamoDB Local. */
export const startTestStack = async (label: string, options: Partial<LocalStackOptions> = {}) => {
  const stack = await startLocalStack({
    port: await freePort(),
    dataDir: null,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `${label}-${randomBytes(4).toString('hex')}-`,
    logLevel: (process.env.TEST_STACK_LOG_LEVEL as 'CRITICAL') ?? 'CRITICAL',
    // The stack's numbers (receives, batch size) except the time a failed message stays hidden: a
    // test sees a poison's maxReceiveCount receives in seconds instead of fifteen minutes. Long
    // enough that an invocation on a busy machine ends before its messages could be received again.
    visibilityTimeoutSeconds: 1,
    ...options,
  });
  return withClient(stack);
};

export const principal = (role: string, over: Partial<DevPrincipal> = {}): DevPrincipal => {
  const p = devPrincipals.find((d) => d.role === role);
  if (!p) throw new Error(`no dev principal with role ${role}`);
  return { ...p, ...over };
};

export type ApiResponse<T = Record<string, unknown>> = { status: number; headers: Headers; body: T };

/** A small HTTP client for tests: JSON in, JSON out, a token per principal; every answer held to docs/openapi.json (contract.ts). */
export const withClient = (stack: LocalStack) => {
  const request = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    { as, body, headers = {} }: { as?: DevPrincipal; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> => {
    const h: Record<string, string> = { ...headers };
    if (as) h.authorization = `Bearer ${await stack.issuer.mint(as)}`;
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: h,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    assertContract({
      method,
      path: new URL(`${stack.url}${path}`).pathname,
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: text,
    });
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  };
  /** Polls until the read side shows what the test waits for. */
  const eventually = async <T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return Object.assign(stack, { request, eventually });
};

export const newKey = (label = 'k') => `${label}-${randomBytes(8).toString('hex')}`;

/** `npm run redrive`'s function against a test stack: the same SDK calls, through its emulator and DynamoDB Local. */
export const redriveStack = async (stack: LocalStack, options: { queues?: string[]; dryRun?: boolean } = {}) => {
  const target = localTarget({
    endpoint: stack.emulator.endpoint,
    dynamodb: stack.dynamoEndpoint,
    eventsTable: stack.eventsTable,
    busName: stack.bus.busName,
  });
  try {
    return await redrive(target, options);
  } finally {
    target.destroy();
  }
};

/** Every message in the stack's dead-letter queues. */
export const deadLettered = (stack: LocalStack) => deadLetterQueueNames().flatMap((q) => stack.queues.list(q));
