import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';
import { LOCAL_HEALTH_PATH } from '../../infra/local/local-paths.ts';

// The contract test: every answer an end-to-end test receives is held to docs/openapi.json — the
// schema of its operation, status and content type. A mismatch fails the test that received it,
// naming the operation, the status and the schema error. withClient (local-stack.ts) and
// `contractFetch` (for the tests that call fetch themselves) both pass every answer through here.

type MediaType = { schema?: unknown };
type Operation = { operationId: string; responses: Record<string, { content?: Record<string, MediaType> }> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };

/** Paths the local server keeps for itself (the issuer's keys, the stack's readiness): not the API. */
const LOCAL_PATHS = new Set([LOCAL_HEALTH_PATH, '/.well-known/jwks.json', '/.well-known/openid-configuration']);

export type Exchange = { method: string; path: string; status: number; contentType: string | null; body: string };

/**
 * A compiler of the document's schemas (ajv, JSON Schema 2020-12, with formats): each schema compiled
 * on its own, the document's components as its $defs. The contract and the examples test
 * (test/unit/openapi-examples.test.ts) both validate with it.
 */
export const schemaCompiler = (document: OpenApiDocument) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the module's default export.
  (formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
  return (schema: unknown): ValidateFunction =>
    ajv.compile(
      JSON.parse(
        JSON.stringify({ ...(schema as object), $defs: document.components?.schemas ?? {} }).replaceAll(
          '"#/components/schemas/',
          '"#/$defs/',
        ),
      ) as object,
    );
};

/** A checker for one document: the reason an exchange breaks the contract, or null when it keeps it. */
export const createContract = (document: OpenApiDocument) => {
  const compile = schemaCompiler(document);
  const operations = Object.entries(document.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        op,
        regex: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
        variables: (path.match(/\{/g) ?? []).length,
      })),
    )
    // As API Gateway matches: a literal segment before a path variable (`/cases/overdue` before `/cases/{id}`).
    .sort((a, b) => a.variables - b.variables);
  const compiled = new Map<MediaType, ValidateFunction>();
  const validatorOf = (media: MediaType) => {
    let validate = compiled.get(media);
    if (!validate) compiled.set(media, (validate = compile(media.schema ?? {})));
    return validate;
  };

  return (exchange: Exchange): string | null => {
    const { method, path, status, body } = exchange;
    if (LOCAL_PATHS.has(path)) return null;
    const found = operations.find((o) => o.method === method && o.regex.test(path));
    const mediaType = (exchange.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!found) {
      // No route: API Gateway's own 404, the only answer a request outside the document may get
      // (without a body to a HEAD).
      const gateway =
        status === 404 && mediaType === 'application/json' && (method === 'HEAD' ? body === '' : /^\{"message":"[^"]*"\}$/.test(body));
      return gateway ? null : `${method} ${path}: no operation in the document, and the answer (${status}) is not the gateway's 404`;
    }
    const name = `${found.op.operationId} (${method} ${found.path})`;
    const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in found.op.responses);
    if (!statusKey) return `${name}: status ${status} is not declared (declared: ${Object.keys(found.op.responses).join(', ')})`;
    const content = found.op.responses[statusKey]!.content ?? {};
    if (!(mediaType in content))
      return `${name} ${status}: content type ${mediaType || '(none)'} is not declared (declared: ${Object.keys(content).join(', ') || 'none'})`;
    let value: unknown = body;
    if (/json$/.test(mediaType)) {
      try {
        value = JSON.parse(body);
      } catch {
        return `${name} ${status}: the body is not JSON: ${body.slice(0, 200)}`;
      }
    }
    const validate = validatorOf(content[mediaType]!);
    if (validate(value)) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
      .join('; ');
    return `${name} ${status} ${mediaType}: the body breaks its schema: ${errors}`;
  };
};

let documentContract: ReturnType<typeof createContract> | null = null;
/** The contract of docs/openapi.json, as `npm run openapi` wrote it. */
export const contract = () =>
  (documentContract ??= createContract(JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as OpenApiDocument));

export class ContractError extends Error {}

/** Throws, failing the test that received the answer, when the exchange breaks the document. */
export const assertContract = (exchange: Exchange) => {
  const broken = contract()(exchange);
  if (broken) throw new ContractError(`contract (docs/openapi.json): ${broken}`);
};

/** `fetch`, with its answer held to the document (for tests that call the API without withClient). */
export const contractFetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const res = await fetch(input, init);
  const url = new URL(input);
  assertContract({
    method: (init.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: await res.clone().text(),
  });
  return res;
};
