import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { problemFrom } from './problem.ts';
import { defaultRetryPolicy, retryingFetch, type RetryPolicy } from './retry.ts';
import type { paths } from './schema.d.ts';

// The typed client: openapi-fetch over the types openapi-typescript generates from docs/openapi.json
// (npm run client). `api` is the plain openapi-fetch client (every path, parameter and answer typed);
// `command` and `read` wrap it the way a workstation needs: a command always carries an
// Idempotency-Key that its retries keep, a case's ETag goes back as If-Match, and an error answer is
// thrown as an ApiProblem (a VersionConflict for a stale If-Match) instead of being handed back.

/** The bearer token: a string, or a function asked before every request (so a refreshed token is used). */
export type TokenSource = string | (() => string | Promise<string>);

export type ClientOptions = {
  /** Where the API is: https://{apiId}.execute-api.{region}.amazonaws.com, or http://127.0.0.1:3000 locally. */
  baseUrl: string;
  token: TokenSource;
  /** The fetch underneath (a proxy, a test's faults); globalThis.fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
  retry?: Partial<RetryPolicy>;
  /** Makes the Idempotency-Key of a command sent without one; crypto.randomUUID by default. */
  newIdempotencyKey?: () => string;
};

type Post = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];
type Get = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type Op<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M];

type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryParams<O> = O extends { parameters: { query?: infer X } } ? X : never;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The body of a successful answer, as the document declares it. */
export type AnswerBody<O> = O extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : never
  : never;

/** A successful answer: its body, and the headers a workstation acts on. */
export type Answer<T> = {
  data: T;
  status: number;
  /** The record's version after the call ("3"), for the next If-Match. */
  etag: string | null;
  /** Where a new record is (a 201's Location). */
  location: string | null;
  /** True when the API answered a repeated Idempotency-Key with the stored first answer. */
  replayed: boolean;
  response: Response;
};

export type CommandArgs<P extends Post> = {
  body: BodyOf<Op<P, 'post'>>;
  /** Reuse a key to retry a command yourself later (after a restart): the API answers with the first outcome. */
  idempotencyKey?: string;
  /** The version last read (an ETag such as `"3"`, or the number): a conflict throws VersionConflict. */
  ifMatch?: string | number;
} & (PathParams<Op<P, 'post'>> extends never ? { path?: never } : { path: PathParams<Op<P, 'post'>> });

export type ReadArgs<P extends Get> = {
  query?: QueryParams<Op<P, 'get'>>;
  /** Why the caller reads (X-Access-Purpose), kept with the read on record. */
  purpose?: string;
} & (PathParams<Op<P, 'get'>> extends never ? { path?: never } : { path: PathParams<Op<P, 'get'>> });

/** An ETag for If-Match from a version or an ETag. */
export const ifMatchOf = (version: string | number): string => (typeof version === 'number' ? `"${version}"` : version);

/** The version an ETag names: `"3"` → 3. */
export const versionOf = (etag: string | null): number | null => {
  const m = etag ? /^(?:W\/)?"(\d+)"$/.exec(etag) : null;
  return m ? Number(m[1]) : null;
};

const answerOf = async <T>(result: { data?: unknown; error?: unknown; response: Response }): Promise<Answer<T>> => {
  const { response } = result;
  if (!response.ok) throw problemFrom(response.status, result.error);
  return {
    data: result.data as T,
    status: response.status,
    etag: response.headers.get('etag'),
    location: response.headers.get('location'),
    replayed: response.headers.get('idempotent-replayed') === 'true',
    response,
  };
};

export const createLegalAidClient = (options: ClientOptions) => {
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const inner = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const api: Client<paths> = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), fetch: retryingFetch(inner, policy) });
  const newKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      request.headers.set('authorization', `Bearer ${token}`);
      // A command without a key of its own gets one here, above the retries: every attempt sends it.
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', newKey());
      return request;
    },
  };
  api.use(auth);

  // openapi-fetch's own signatures are generic over every path; the arguments are typed above, per path.
  const loose = api as unknown as {
    POST: (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    GET: (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  };

  /** A command: POST with an Idempotency-Key (kept by every retry) and, when given, If-Match. */
  const command = async <P extends Post>(path: P, args: CommandArgs<P>): Promise<Answer<AnswerBody<Op<P, 'post'>>>> => {
    const header: Record<string, string> = { 'Idempotency-Key': args.idempotencyKey ?? newKey() };
    if (args.ifMatch !== undefined) header['If-Match'] = ifMatchOf(args.ifMatch);
    return answerOf(await loose.POST(path, { params: { path: args.path ?? {}, header }, body: args.body }));
  };

  /** A read: GET, retried on network errors, 429 and 5xx; an error answer is thrown. */
  const read = async <P extends Get>(path: P, args?: ReadArgs<P>): Promise<Answer<AnswerBody<Op<P, 'get'>>>> => {
    const header: Record<string, string> = args?.purpose ? { 'X-Access-Purpose': encodeURIComponent(args.purpose) } : {};
    return answerOf(await loose.GET(path, { params: { path: args?.path ?? {}, query: args?.query ?? {}, header } }));
  };

  return { api, command, read };
};

export type LegalAidClient = ReturnType<typeof createLegalAidClient>;
