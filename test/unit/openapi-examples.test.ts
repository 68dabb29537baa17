import { describe, expect, it } from 'vitest';
import { commandTable } from '../../functions/api/commands/command-table.ts';
import { operationExamples } from '../../functions/api/examples/operation-examples.ts';
import { routeKeyOf } from '../../functions/lib/http/http-handler.ts';
import { buildOpenApi } from '../../functions/api/openapi.ts';
import { routes } from '../../functions/api/routes.ts';
import { schemaCompiler, type OpenApiDocument } from '../support/contract.ts';

// Every example in the OpenAPI document (functions/api/examples/) is held to the schema beside it,
// with the ajv setup the contract test validates live answers with, so an example cannot drift from
// its schema; a request example is also parsed by the route's own zod schema, as the handler would.

type Example = { value?: unknown; $ref?: string };
type Media = { schema?: unknown; examples?: Record<string, Example> };
type Operation = {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};

const document = buildOpenApi() as unknown as OpenApiDocument & {
  paths: Record<string, Record<string, Operation>>;
  components: { examples?: Record<string, Example> };
};
const compiler = schemaCompiler(document);
// The same schema (a Problem reference) sits beside many examples: compiled once.
const compiled = new Map<string, ReturnType<typeof compiler>>();
const compile = (schema: unknown) => {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = compiler(schema)));
  return validate;
};
/** An example's value, through a reference to the document's components. */
const valueOf = (example: Example | undefined): unknown =>
  example?.$ref ? valueOf(document.components.examples?.[example.$ref.replace('#/components/examples/', '')]) : example?.value;
const operationOf = (method: string, path: string) => document.paths[path]![method.toLowerCase()]!;

/** Every example of the document: where it sits, its value and the schema beside it. */
const everyExample = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops).flatMap(([method, op]) => {
    const media = [
      ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => [`request ${type}`, m] as const),
      ...Object.entries(op.responses).flatMap(([status, r]) =>
        Object.entries(r.content ?? {}).map(([type, m]) => [`${status} ${type}`, m] as const),
      ),
    ];
    return media.flatMap(([where, m]) =>
      Object.entries(m.examples ?? {}).map(([name, example]) => ({
        at: `${method.toUpperCase()} ${path} ${where} (${name})`,
        value: valueOf(example),
        schema: m.schema,
      })),
    );
  }),
);

const successExample = (op: Operation, status: number) =>
  valueOf(Object.values(op.responses[String(status)]?.content?.['application/json']?.examples ?? {})[0]);

describe('the examples in the OpenAPI document', () => {
  it('every example keeps the schema beside it', () => {
    const broken = everyExample.flatMap(({ at, value, schema }) => {
      const validate = compile(schema ?? {});
      return validate(value) ? [] : [`${at}: ${JSON.stringify(validate.errors?.slice(0, 3))}`];
    });
    expect(broken).toEqual([]);
  });

  it('every POST has a request example that its zod schema accepts', () => {
    const refused = routes
      .filter((r) => r.method === 'POST')
      .flatMap((route) => {
        const op = operationOf(route.method, route.path);
        const example = valueOf(Object.values(op.requestBody?.content['application/json']?.examples ?? {})[0]);
        if (example === undefined) return [`${route.path}: no request example`];
        const parsed = route.body!.safeParse(example);
        return parsed.success ? [] : [`${route.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`];
      });
    expect(refused).toEqual([]);
  });

  it("every operation has an example of its success answer, and the referral's 202 its own", () => {
    const missing = routes
      .filter((r) => successExample(operationOf(r.method, r.path), r.success) === undefined)
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    const applications = commandTable.find((spec) => spec.command === 'ReceiveApplication')!;
    expect(successExample(operationOf('POST', applications.path), 202)).toBeDefined();
  });

  it('every example names a route, so none is left behind when a route goes', () => {
    const keys = new Set(routes.map((r) => routeKeyOf(r)));
    expect([...operationExamples.keys()].filter((key) => !keys.has(key))).toEqual([]);
  });

  it('every error status has a problem-details example', () => {
    const missing = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        Object.entries(op.responses)
          .filter(
            ([status, r]) =>
              Number(status) >= 400 && valueOf(Object.values(r.content?.['application/problem+json']?.examples ?? {})[0]) === undefined,
          )
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('an example that breaks its schema is caught', () => {
    // The check above must be able to fail: the health example with its status changed.
    const op = operationOf('GET', '/health');
    const media = op.responses['200']!.content!['application/json']!;
    expect(compile(media.schema)({ status: 'down' })).toBe(false);
    expect(compile(media.schema)(successExample(op, 200))).toBe(true);
  });
});
