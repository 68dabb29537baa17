import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTable } from '../../functions/api/commands/command-table.ts';
import { routes, type RouteDefinition } from '../../functions/api/routes.ts';
import { createDevIssuer, devPrincipals, type DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { knownBody, validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { problemOf, withProblem } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// Hostile input, generated: random and malformed requests to every route of the route table (and
// near them), with random methods, paths, query strings, headers, tokens and bodies. Whatever
// arrives, the answer is never a 5xx, and nothing is written except by a request that was answered
// 2xx, exactly the events that answer reports. One stack, requests in concurrent batches.

const BATCH = 25;
const RUNS = Number(process.env.FUZZ_RUNS ?? 84); // 2,100 requests; more with FUZZ_RUNS
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

let stack: Awaited<ReturnType<typeof startTestStack>>;
const ids = { case: '', consultation: '', duty: '', worker: 'lawyer-fuzz' };
const tokens: string[] = [];
/** A valid token per role, so that most requests get past the role gate to the validators behind it. */
const tokenOfRole = new Map<string, string>();

const countItems = async (): Promise<number> => {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const out = await stack.client.send(
      new ScanCommand({
        TableName: stack.eventsTable,
        Select: 'COUNT',
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return count;
};

beforeAll(async () => {
  stack = await startTestStack('e2e-fuzz');
  const reviewer = principal('agency-reviewer');
  const post = (as: DevPrincipal, path: string, body: unknown) =>
    stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
  const admin = principal('administrator');
  expect(
    (await post(admin, '/workers', validBody('RegisterAidWorker', { org: admin.org, agencyId: admin.org, workerId: ids.worker }))).status,
  ).toBe(201);
  ids.case = (await post(reviewer, '/applications', applicationBody())).body.caseId as string;
  ids.consultation = (
    await post(reviewer, '/consultations', validBody('RecordConsultation', { org: reviewer.org, agencyId: reviewer.org, workerId: '' }))
  ).body.id as string;
  const duty = principal('duty-lawyer');
  ids.duty = (await post(duty, '/duty-records', validBody('OpenDutyRecord', { org: duty.org, agencyId: duty.org, workerId: '' }))).body
    .id as string;
  expect(Object.values(ids).every(Boolean)).toBe(true);

  // Tokens of every kind a caller might hold: each dev principal's, strangers' (unknown role, missing
  // or malformed org, another organisation), expired, and signed by another key.
  const impostor = await createDevIssuer({ issuer: stack.issuer.issuer, keyFile: null });
  const strangers: DevPrincipal[] = [
    { sub: 'root', role: 'root', org: 'agency:hz-xihu' },
    { sub: 'no-org', role: 'agency-reviewer', org: undefined as unknown as string },
    { sub: 'bad-org', role: 'court', org: '__proto__' },
    { sub: 'other', role: 'agency-reviewer', org: 'agency:nb-haishu' },
    { sub: '__proto__', role: 'constructor', org: 'court:hz-xihu' },
  ];
  for (const p of [...devPrincipals, ...strangers]) tokens.push(await stack.issuer.mint(p));
  for (const p of devPrincipals) if (!tokenOfRole.has(p.role)) tokenOfRole.set(p.role, await stack.issuer.mint(p));
  tokens.push(await stack.issuer.mint(reviewer, { expiresIn: Math.floor(Date.now() / 1000) - 10 }));
  tokens.push(await impostor.mint(reviewer));
  await stack.settle();
}, 120_000);
afterAll(async () => stack?.stop());

// ---- generators -----------------------------------------------------------------------------------

type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body: string | undefined; label: string };

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    'null',
    'undefined',
    'NaN',
    '0',
    '-1',
    '1e309',
    '\u0000',
    '\u202e',
    '🙂',
    '330106199001011234',
    "' OR 1=1 --",
    '<script>',
  ),
);
// Arbitraries are built once (per route below): building fast-check arbitraries is far dearer than drawing from them.
const json = fc.jsonValue({ maxDepth: 3 });
const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom('', 'x'.repeat(300)),
);

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const realId = (path: string) =>
  path.startsWith('/cases')
    ? ids.case
    : path.startsWith('/consultations')
      ? ids.consultation
      : path.startsWith('/duty-records')
        ? ids.duty
        : ids.worker;

const idSegment = (path: string) =>
  fc.oneof(
    // Read when drawn: the records are made in beforeAll, after these arbitraries are built.
    { weight: 4, arbitrary: fc.constant(null).map(() => realId(path)) },
    { weight: 2, arbitrary: fc.uuid().map(String) },
    { weight: 2, arbitrary: anyText.filter((t) => t !== '').map(enc) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%E0%A4%A', '%ED%A0%80', '%', '%zz', '%00', '..%2F..%2Fhealth', '%2F', 'a'.repeat(5000), '%F0%9F%99%82'),
    },
    { weight: 1, arbitrary: fc.constant(null).map(() => realId(path).toUpperCase()) },
  );

const pathFor = (route: RouteDefinition) =>
  fc
    .tuple(
      idSegment(route.path),
      fc.oneof(
        { weight: 12, arbitrary: fc.constant('same') },
        { weight: 2, arbitrary: fc.constantFrom('trailing-slash', 'extra-segment', 'double-slash', 'upper', 'prefix') },
      ),
    )
    .map(([id, variant]) => {
      const path = route.path.replace('{id}', id);
      switch (variant) {
        case 'trailing-slash':
          return `${path}/`;
        case 'extra-segment':
          return `${path}/extra`;
        case 'double-slash':
          return path.replace('/', '//');
        case 'upper':
          return path.toUpperCase();
        case 'prefix':
          return `/v1${path}`;
        default:
          return path;
      }
    });

const queryArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('asOf', 'version', 'limit', 'cursor', 'format', 'from', 'to', '__proto__', 'constructor[prototype][x]', 'q'),
            anyText,
          ),
          fc.oneof(
            anyText,
            fc.integer().map(String),
            fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00 08:00', 'csv', 'json', '99999999999999999999'),
          ),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?a', '?a=%', '?a=%E0%A4%A', `?x=${'y'.repeat(3000)}`) },
);

/** Raw JSON texts no JSON.stringify produces: prototype keys, duplicates, lone surrogates, depth, huge numbers. */
const rawJson = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"agencyId":"agency:hz-xihu","__proto__":{"isAdmin":true}}',
  '{"a":1,"a":2}',
  '{"x":"\\ud800"}',
  '"\\ud800"',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '{"n":1e309}',
  '{"n":-0}',
  '[]',
  'null',
  'true',
  '0',
  '""',
  '{',
  '{"a":',
  '\uFEFF{}',
  '{}garbage',
);

/** A valid body for the route's command, then broken (or, sometimes, left valid). */
const mutatedBody = (route: RouteDefinition) => {
  const command = commandTable.find((c) => c.path === route.path)?.command;
  const base = command ? knownBody(command, { org: 'agency:hz-xihu', agencyId: 'agency:hz-xihu', workerId: 'lawyer-fuzz' }) : null;
  if (!base) return fc.constant<unknown>({});
  const keys = Object.keys(base);
  return fc.oneof(
    fc.constant<unknown>(base),
    keys.length
      ? fc.constantFrom(...keys).map((k) => {
          const { [k]: _gone, ...rest } = base;
          return rest as unknown;
        })
      : fc.constant<unknown>(base),
    keys.length ? fc.tuple(fc.constantFrom(...keys), json).map(([k, v]) => ({ ...base, [k]: v }) as unknown) : fc.constant<unknown>(base),
    fc.tuple(anyText, json).map(([k, v]) => ({ ...base, [k || 'extra']: v }) as unknown),
    keys.length ? fc.constantFrom(...keys).map((k) => ({ ...base, [k]: 'x'.repeat(70_000) }) as unknown) : fc.constant<unknown>(base),
    keys.length
      ? fc
          .tuple(fc.constantFrom(...keys), fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }))
          .map(([k, v]) => ({ ...base, [k]: v }) as unknown)
      : fc.constant<unknown>(base),
  );
};

const bodyFor = (route: RouteDefinition) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
    { weight: 2, arbitrary: json.map((v) => JSON.stringify(v) as string | undefined) },
    { weight: 2, arbitrary: fc.dictionary(anyText, json, { maxKeys: 6 }).map((v) => JSON.stringify(v) as string | undefined) },
    { weight: 2, arbitrary: rawJson.map((v) => v as string | undefined) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((v) => v as string | undefined) },
    { weight: 5, arbitrary: mutatedBody(route).map((v) => JSON.stringify(v) as string | undefined) },
  );

const headersFor = (route: RouteDefinition) =>
  fc
    .tuple(
      fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerValue, { maxKeys: 3 }),
      fc.record(
        {
          authorization: fc.oneof(
            {
              weight: 6,
              arbitrary: fc
                .nat()
                .map(
                  (i) =>
                    `Bearer ${route.roles.length > 0 ? tokenOfRole.get(route.roles[i % route.roles.length]!)! : tokens[i % tokens.length]!}`,
                ),
            },
            { weight: 3, arbitrary: fc.nat().map((i) => `Bearer ${tokens[i % tokens.length]!}`) },
            {
              weight: 1,
              arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer x.y.z', `Bearer ${'a'.repeat(5000)}`),
            },
            { weight: 1, arbitrary: headerValue },
          ),
          'content-type': fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                'text/plain',
                'application/x-www-form-urlencoded',
                'APPLICATION/JSON',
                'application/jsonx',
                'multipart/form-data; boundary=x',
                '',
              ),
            },
            { weight: 1, arbitrary: headerValue },
          ),
          'idempotency-key': fc.oneof(
            { weight: 5, arbitrary: fc.uuid().map((u) => `fuzz-${u}`) },
            { weight: 1, arbitrary: fc.constantFrom('short', 'bad key!', 'k'.repeat(300), '__proto__') },
            { weight: 1, arbitrary: headerValue },
          ),
          'if-match': fc.oneof(fc.constantFrom('"1"', '"999999"', 'W/"2"', '*', '"-1"', '"99999999999999999999"'), headerValue),
          'x-correlation-id': fc.oneof(fc.constantFrom('corr-1', 'x'.repeat(201), '__proto__', 'a b'), headerValue),
        },
        { requiredKeys: ['authorization', 'content-type', 'idempotency-key'] },
      ),
    )
    .map(([extra, h]) => ({ ...extra, ...h }));

const requestFor = (route: RouteDefinition): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') },
      ),
      path: pathFor(route),
      query: queryArb,
      headers: headersFor(route),
      body: bodyFor(route),
    })
    .map(({ method, path, query, headers, body }) => ({
      method,
      path: `${path}${query}`,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
      label: `${route.method} ${route.path}`,
    }));

/** The body a caller in `p`'s role would send to open a record in its own name, or act on one. */
const wellFormedBody = (route: RouteDefinition, p: DevPrincipal) => {
  const command = commandTable.find((c) => c.path === route.path)?.command;
  const body = command
    ? knownBody(command, { org: p.org, agencyId: p.org.startsWith('agency:') ? p.org : 'agency:hz-xihu', workerId: ids.worker })
    : null;
  if (!body) return undefined;
  if (route.path === '/forwarded-applications')
    body.forwarder = {
      kind: p.role === 'detention-centre' || p.role === 'duty-lawyer' ? p.role : 'handling-authority',
      organisationId: p.org,
    };
  if (route.path === '/defence-notifications') body.authority = { kind: p.role, organisationId: p.org };
  if (route.path === '/workers') body.workerId = `worker-${newKey()}`;
  return JSON.stringify(body);
};

/** A request as a well-behaved client would send it: the kind that gets through and writes (or is refused by the rules). */
const wellFormedFor = (route: RouteDefinition): fc.Arbitrary<FuzzRequest> =>
  fc.tuple(fc.nat(), fc.uuid()).map(([i, key]) => {
    const role = route.roles.length > 0 ? route.roles[i % route.roles.length]! : null;
    const p = role ? devPrincipals.find((d) => d.role === role)! : null;
    return {
      method: route.method,
      path: route.path.replace('{id}', realId(route.path)),
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `fuzz-${key}`,
        ...(p ? { authorization: `Bearer ${tokenOfRole.get(p.role)!}` } : {}),
      },
      body: route.method === 'POST' && p ? wellFormedBody(route, p) : undefined,
      label: `${route.method} ${route.path}`,
    };
  });

const requestArb: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...routes.map((r) => fc.oneof({ weight: 6, arbitrary: requestFor(r) }, { weight: 1, arbitrary: wellFormedFor(r) })),
);

// ---- the run ------------------------------------------------------------------------------------

type Outcome = { request: FuzzRequest; status: number; body: string; replayed: boolean; error?: string };

const send = async (request: FuzzRequest): Promise<Outcome> => {
  try {
    const res = await contractFetch(`${stack.url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    return { request, status: res.status, body: await res.text(), replayed: res.headers.get('idempotent-replayed') === 'true' };
  } catch (error) {
    return { request, status: -1, body: '', replayed: false, error: String(error) };
  }
};

const describeOutcome = (o: Outcome) =>
  `${o.status} ${o.request.method} ${o.request.path.slice(0, 200)} (${o.request.label}) headers=${JSON.stringify(o.request.headers).slice(0, 300)} body=${(o.request.body ?? '').slice(0, 300)} → ${o.error ?? o.body.slice(0, 300)}`;

/** Events a 2xx command reports it wrote (an assignment also numbers its notice on the counter stream). */
const reportedWrites = (o: Outcome): number => {
  if (o.request.method !== 'POST' || o.status < 200 || o.status >= 300 || o.replayed) return 0;
  const answer = JSON.parse(o.body) as { events?: unknown[]; notice?: unknown };
  // Writes beside the record's own stream, in the same transaction: an assignment's notice stub; a
  // cooperation step's status line on both agencies' index streams.
  const label = o.request.label;
  const beside = label.endsWith('/assignment') || label.endsWith('/replacement') ? 1 : label.includes('/cooperation-requests') ? 2 : 0;
  return (answer.events?.length ?? 0) + beside;
};

describe('fuzzing every route', () => {
  it(`${BATCH * RUNS} random and malformed requests: never a 5xx, never a write a 2xx did not report (seed ${SEED})`, {
    timeout: 240_000,
  }, async () => {
    const before = await countItems();
    const outcomes: Outcome[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const results = await Promise.all(batch.map(send));
        outcomes.push(...results);
        const broken = results.filter((o) => o.status < 0 || o.status >= 500);
        if (broken.length > 0) throw new Error(broken.map(describeOutcome).join('\n'));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(2000);
    // Every route of the table was tried.
    expect(new Set(outcomes.map((o) => o.request.label)).size).toBe(routes.length);
    await stack.settle();
    const written = outcomes.filter((o) => reportedWrites(o) > 0);
    expect(await countItems()).toBe(before + written.reduce((n, o) => n + reportedWrites(o), 0));
    // The answers that said 2xx to a POST did so for a well-formed, authorised command.
    for (const o of written) expect(o.request.headers.authorization, describeOutcome(o)).toMatch(/^Bearer /);

    // Nothing reached the prototypes of this process (the stack runs in it), and the seeded records still read.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const reviewer = principal('agency-reviewer');
    expect((await stack.request('GET', `/cases/${ids.case}`, { as: reviewer })).status).toBe(200);
    expect((await stack.request('GET', `/cases/${ids.case}/history`, { as: reviewer })).status).toBe(200);
  });
});

describe('hostile input, one by one', () => {
  const reviewer = principal('agency-reviewer');

  it('a payload over 10 MB is refused at the door with 413, as API Gateway does', async () => {
    const token = await stack.issuer.mint(reviewer);
    const body = JSON.stringify({ matter: 'x'.repeat(10 * 1024 * 1024 + 10) });
    const res = await contractFetch(`${stack.url}/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': newKey() },
      body,
    });
    expect(res.status).toBe(413);
    // Between 64 KB and 10 MB the handler refuses it.
    const mid = await stack.request('POST', '/applications', {
      as: reviewer,
      body: { ...applicationBody(), matter: 'x'.repeat(100_000) },
      headers: { 'idempotency-key': newKey() },
    });
    expect(withProblem(mid)).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE' } });
  });

  it('a path segment that cannot be decoded is no route (404), not a failure', async () => {
    const r = await contractFetch(`${stack.url}/cases/%E0%A4%A/history`, {
      headers: { authorization: `Bearer ${await stack.issuer.mint(reviewer)}` },
    });
    expect(r.status).toBe(404);
  });

  it('an X-Correlation-Id that would not fit the envelope is refused, so no event is stored unreadable', async () => {
    const key = newKey();
    const r = await stack.request('POST', '/applications', {
      as: reviewer,
      body: applicationBody(),
      headers: { 'idempotency-key': key, 'x-correlation-id': 'c'.repeat(201) },
    });
    expect(withProblem(r)).toMatchObject({ status: 400, body: { field: 'X-Correlation-Id' } });
    const ok = await stack.request('POST', '/applications', {
      as: reviewer,
      body: applicationBody(),
      headers: { 'idempotency-key': newKey(), 'x-correlation-id': 'c'.repeat(200) },
    });
    expect(ok.status).toBe(201);
    expect((await stack.request('GET', `/cases/${ok.body.caseId as string}/history`, { as: reviewer })).status).toBe(200);
  });

  it('header formats: Idempotency-Key and If-Match', async () => {
    const post = (headers: Record<string, string>) =>
      stack.request('POST', `/cases/${ids.case}/grant`, { as: reviewer, body: { legalBasis: '《法律援助法》第四十三条' }, headers });
    expect(problemOf((await post({ 'idempotency-key': 'bad key with spaces' })).body)).toMatchObject({ field: 'Idempotency-Key' });
    expect(problemOf((await post({ 'idempotency-key': newKey(), 'if-match': 'version three' })).body)).toMatchObject({ field: 'If-Match' });
  });

  it('query parameters a route does not take are refused', async () => {
    expect((await stack.request('GET', `/cases/${ids.case}?debug=1`, { as: reviewer })).status).toBe(400);
    expect((await stack.request('GET', `/cases/${ids.case}/verify?x=1`, { as: reviewer })).status).toBe(400);
  });
});
