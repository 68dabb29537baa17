import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../functions/api/openapi.ts';
import { routes } from '../../functions/api/routes.ts';
import { createContract, type OpenApiDocument } from '../support/contract.ts';

type Schema = { type?: unknown; properties?: Record<string, unknown>; $ref?: string; anyOf?: unknown[]; oneOf?: unknown[] };
type Response = { content?: Record<string, { schema?: Schema }> };
type Document = OpenApiDocument & {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { schemas: Record<string, Schema> };
};

const document = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as Document;
const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;

/** An object schema that names none of its properties (`{"type":"object"}`), or no schema at all. */
const bare = (schema: Schema | undefined): boolean => {
  if (!schema) return true;
  const s = resolve(schema);
  if (s.anyOf || s.oneOf) return false;
  if (s.type === 'string') return false;
  return Object.keys(s.properties ?? {}).length === 0;
};

describe('the responses in the OpenAPI document', () => {
  it('every route has its success answer and its errors, each JSON success schema naming its properties', () => {
    for (const route of routes) {
      const responses = document.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {};
      const name = `${route.method} ${route.path}`;
      const success = responses[String(route.success)];
      expect(success, name).toBeDefined();
      expect(bare(success?.content?.['application/json']?.schema), `${name}: a bare success schema`).toBe(false);
      if (route.alternative)
        expect(bare(responses[String(route.alternative.status)]?.content?.['application/json']?.schema), name).toBe(false);
      // Every error a route can give is problem details; the gateway's own answers come besides.
      const errors = Object.entries(responses).filter(([status]) => Number(status) >= 400);
      expect(errors.length, name).toBeGreaterThan(0);
      for (const [status, r] of errors) expect(r.content?.['application/problem+json'], `${name} ${status}`).toBeDefined();
      if (route.authenticated) expect(responses['401']?.content?.['application/json'], name).toBeDefined();
    }
  });

  it('no success schema in the document is a bare object', () => {
    const successes = Object.values(document.paths)
      .flatMap((ops) => Object.values(ops))
      .flatMap((op) => Object.entries(op.responses).filter(([status]) => status.startsWith('2')))
      .flatMap(([, r]) => Object.values(r.content ?? {}).map((m) => m.schema));
    expect(successes.length).toBeGreaterThan(routes.length - 1);
    expect(successes.filter((s) => bare(s))).toEqual([]);
  });

  it('is what the route table builds today (npm run openapi)', () => {
    expect(buildOpenApi()).toEqual(document);
  });
});

describe('the contract checker', () => {
  const check = createContract(document);
  const caseId = '00000000-0000-8000-8000-000000000000';
  const problem = (status: number, code: string) =>
    JSON.stringify({
      type: `urn:legal-aid:problem:${code}`,
      title: 'Not Found',
      status,
      detail: 'no such case',
      instance: `/cases/${caseId}`,
      code,
    });

  it('passes an answer its operation declares', () => {
    expect(
      check({
        method: 'GET',
        path: `/cases/${caseId}`,
        status: 404,
        contentType: 'application/problem+json',
        body: problem(404, 'CASE_NOT_FOUND'),
      }),
    ).toBeNull();
    expect(
      check({ method: 'GET', path: '/health', status: 200, contentType: 'application/json; charset=utf-8', body: '{"status":"ok"}' }),
    ).toBeNull();
  });

  it('catches a wrong body, naming the operation, the status and the schema error', () => {
    const wrong = check({ method: 'GET', path: '/health', status: 200, contentType: 'application/json', body: '{"status":"fine"}' });
    expect(wrong).toMatch(/^getHealth \(GET \/health\) 200 application\/json: .*\/status/);
    const missing = check({
      method: 'GET',
      path: `/cases/${caseId}`,
      status: 200,
      contentType: 'application/json',
      body: `{"caseId":"${caseId}"}`,
    });
    expect(missing).toMatch(/getCasesById .* 200 .*required property 'version'/);
  });

  it('catches an error in the old shape, an undeclared status and an undeclared content type', () => {
    const old = JSON.stringify({ error: { code: 'CASE_NOT_FOUND', reason: 'no such case' } });
    expect(check({ method: 'GET', path: `/cases/${caseId}`, status: 404, contentType: 'application/json', body: old })).toMatch(
      /getCasesById .* 404 .*(schema|content type)/,
    );
    expect(check({ method: 'GET', path: '/health', status: 418, contentType: 'application/json', body: '{}' })).toMatch(
      /status 418 is not declared/,
    );
    expect(check({ method: 'GET', path: '/health', status: 200, contentType: 'text/html', body: '<p>ok</p>' })).toMatch(
      /content type text\/html/,
    );
  });

  it("takes a path outside the document only with the gateway's 404", () => {
    expect(
      check({ method: 'GET', path: '/no-such-route', status: 404, contentType: 'application/json', body: '{"message":"Not Found"}' }),
    ).toBeNull();
    expect(check({ method: 'GET', path: '/no-such-route', status: 200, contentType: 'application/json', body: '{}' })).toMatch(
      /no operation/,
    );
  });
});
