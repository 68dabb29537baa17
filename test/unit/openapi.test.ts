import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../functions/api/openapi.ts';
import { routes } from '../../functions/api/routes.ts';

const document = buildOpenApi() as {
  paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[]; parameters?: { name: string }[] }>>;
};

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by an independent validator', async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator itself must be able to say no.
    const broken = { ...document, paths: { '/x': { get: { responses: { '200': { content: 'nope' } } } } } };
    expect((await new Validator().validate(broken as unknown as Parameters<Validator['validate']>[0])).valid).toBe(false);
  });

  it('has every route of the route table, each POST with its body and Idempotency-Key (the import: none, its lines carry keys)', () => {
    for (const route of routes) {
      const op = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (route.method === 'POST') {
        expect(op!.requestBody, `${route.method} ${route.path}`).toBeDefined();
        const names = op!.parameters?.map((p) => p.name) ?? [];
        if (route.keyed === false) expect(names).not.toContain('Idempotency-Key');
        else expect(names).toContain('Idempotency-Key');
      }
      if (!route.authenticated) expect(op!.security).toEqual([]);
    }
    const documented = Object.values(document.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(documented).toBe(routes.length);
  });

  it('is kept in the repository as generated (npm run openapi)', () => {
    expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(document);
  });
});
