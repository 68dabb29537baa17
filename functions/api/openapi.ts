import * as z from 'zod';
import { personalMarks } from '../../events/personal/marks.ts';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '../lib/http/problem.ts';
import { routeKeyOf } from '../lib/http/http-handler.ts';
import { operationExamples } from './examples/operation-examples.ts';
import { problemExamples } from './examples/problem-examples.ts';
import { routes, type RouteDefinition } from './routes.ts';

// Generated from the same zod schemas that validate requests, so the document cannot drift from
// what the API accepts. OpenAPI 3.1 uses JSON Schema 2020-12, which zod emits natively.

type Json = Record<string, unknown>;

// A personal field accepts, besides its value, the forms only the store writes (sealed, erased,
// withheld), which a request is refused for sending: the document shows the value alone, marked with
// its kind, so a client knows which fields are personal data.
const personalAsValue = (ctx: { zodSchema: unknown; jsonSchema: Json }) => {
  const mark = personalMarks.get(ctx.zodSchema as z.ZodType);
  if (!mark) return;
  const [value] = (ctx.jsonSchema.anyOf as Json[] | undefined) ?? [];
  if (!value) return;
  delete ctx.jsonSchema.anyOf;
  Object.assign(ctx.jsonSchema, value, { 'x-personal': mark.kind });
};

// In an answer a personal value is a string in any form: in full, masked for the caller's role
// (functions/lib/auth/mask.ts) or `[erased]`; the document says so, with its kind.
const personalInAnswer = (ctx: { zodSchema: unknown; jsonSchema: Json }) => {
  const mark = personalMarks.get(ctx.zodSchema as z.ZodType);
  if (!mark) return;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, {
    type: 'string',
    'x-personal': mark.kind,
    description: `Personal data (${mark.kind}): in full or masked for the caller, [erased] once erased`,
  });
};

const schemaOf = (schema: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: personalAsValue as never,
  }) as Json;
  return rest;
};

// Answers are emitted as what the server sends (io: output); schemas with an id (`.meta({ id })`)
// are gathered into components and referenced, so a client generator names them.
const responseSchemaOf = (schema: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    override: personalInAnswer as never,
  }) as Json;
  // zod puts a schema with an id in `$defs`; in the document it lives in components.
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
};

/** Every `$defs` a response schema carried, gathered into components (its references already point there). */
const hoist = (schema: Json, components: Record<string, Json>): Json => {
  const { $defs, ...rest } = schema as Json & { $defs?: Record<string, Json> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
  return rest;
};

/** A media type's `examples` (functions/api/examples/), none when the operation has no example for it. */
const examplesOf = (name: string, value: unknown): Json => (value === undefined ? {} : { examples: { [name]: { value } } });

// Each status's problem example is stated once, in components, and referenced by every operation.
const problemExampleId = (example: string) => `Problem${example}`;
const problemMedia = (example: string): Json => ({
  schema: { $ref: '#/components/schemas/Problem' },
  ...(problemExamples[example] ? { examples: { problem: { $ref: `#/components/examples/${problemExampleId(example)}` } } } : {}),
});

const problem = (example: string, description: string, { orGateway = false } = {}) => ({
  description,
  content: {
    [PROBLEM_CONTENT_TYPE]: problemMedia(example),
    // API Gateway answers some of these itself, before any Lambda runs (docs/security.md "The 401").
    ...(orGateway ? { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } } : {}),
  },
});

/**
 * No valid token: API Gateway's own answer, which HTTP APIs cannot reshape (docs/security.md "The
 * 401"); a token it admits whose claims name no principal: ours, problem details.
 */
const unauthenticated = (description: string) => ({
  description,
  headers: {
    'www-authenticate': {
      description: 'Why the token was refused (Bearer error="invalid_token", error_description=…)',
      schema: { type: 'string' },
    },
  },
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } },
    [PROBLEM_CONTENT_TYPE]: problemMedia('401'),
  },
});

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

/** The headers of a successful answer: the route's own, and those every answer of its kind carries. */
const successHeaders = (route: RouteDefinition): Json => ({
  ...(route.authenticated
    ? {
        'x-personal-data': header("`full` or `masked`: how personal values in this answer were shown to the caller's role", {
          type: 'string',
          enum: ['full', 'masked'],
        }),
      }
    : {}),
  ...(route.method === 'POST' && route.keyed !== false
    ? {
        ETag: header('The stream version after the command, for the next If-Match'),
        'idempotent-replayed': header('`true` when this is the stored answer to an earlier request with the same Idempotency-Key', {
          type: 'string',
          enum: ['true'],
        }),
      }
    : {}),
  ...(route.success === 201 ? { Location: header('Where the new record is read: GET it at once, it answers 200') } : {}),
  ...Object.fromEntries(Object.entries(route.responseHeaders ?? {}).map(([name, description]) => [name, header(description)])),
});

const operationId = (route: RouteDefinition) =>
  route.method.toLowerCase() +
  route.path
    .replace(/\{(\w+)\}/g, 'By-$1')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');

const operation = (route: RouteDefinition, components: Record<string, Json>): Json => {
  const parameters: Json[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (route.query) {
    for (const [name, schema] of Object.entries(route.query.shape)) {
      parameters.push({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: schemaOf(schema as z.ZodType),
      });
    }
  }
  if (route.authenticated) {
    // Every authenticated answer that shows personal data is put on record with the purpose stated here (docs/security.md).
    parameters.push({
      name: 'X-Access-Purpose',
      in: 'header',
      required: false,
      description: 'Why the caller reads: percent-encoded UTF-8, at most 200 characters; kept with the read on record (GET /audit/reads)',
      schema: { type: 'string' },
    });
  }
  if (route.method === 'POST' && route.keyed !== false) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'A retry with the same key gets the first answer and writes nothing',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' },
    });
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description: 'The version of the record the caller last saw, as an ETag; a mismatch is a 412 with `currentVersion`',
      schema: { type: 'string' },
    });
  }
  const body = hoist(responseSchemaOf(route.response), components);
  const examples = operationExamples.get(routeKeyOf(route)) ?? {};
  const responses: Json = {
    [String(route.success)]: {
      description:
        route.success === 201
          ? 'Done: the events written, the new version; a case opening also answers `state`, the case as its Location answers it'
          : 'OK',
      headers: successHeaders(route),
      content: {
        'application/json': { schema: body, ...examplesOf('success', examples.success) },
        ...(route.csv ? { 'text/csv': { schema: { type: 'string', description: 'The same data as CSV (format=csv)' } } } : {}),
      },
    },
    ...(route.alternative
      ? {
          [String(route.alternative.status)]: {
            description: route.alternative.description,
            headers: successHeaders({ ...route, success: 200 }),
            content: {
              'application/json': {
                schema: hoist(responseSchemaOf(route.alternative.body), components),
                ...examplesOf('referred', examples.alternative),
              },
            },
          },
        }
      : {}),
    ...(route.authenticated
      ? {
          '401': unauthenticated(
            'No valid bearer token: API Gateway\'s JWT authorizer answers `{"message":"Unauthorized"}` (application/json, not problem details); claims that name no principal: UNAUTHENTICATED problem details naming the claim',
          ),
          '403': problem('403', 'The caller may not do this to this record'),
          '503': problem('503', 'READ_NOT_RECORDED: the read could not be put on record, so nothing is shown; retry'),
        }
      : {}),
    // A record the path, the query or the body names may not exist; the gateway answers its own 404
    // for a path segment it cannot decode.
    ...(route.authenticated || route.path.includes('{') || route.query
      ? {
          '404': problem(
            '404',
            'No such record (problem details), or no such route: a path segment API Gateway cannot decode (its own answer)',
            {
              orGateway: true,
            },
          ),
        }
      : {}),
    // The gate refuses a query parameter a route does not declare, on every route.
    '400': problem('400-query', "A path or query parameter is invalid or not the route's; `field` names it"),
    // API Gateway refuses a payload over 10 MB on any route, before any Lambda runs.
    '413': problem('413', "The body is too large for the command (problem details), or over 10 MB (API Gateway's own answer)", {
      orGateway: true,
    }),
    ...(route.method === 'POST'
      ? {
          '400': problem('400', 'A field is missing, blank where it must be filled, or invalid; `field` names it'),
          '409': problem(
            '409',
            "A command the record's state or the law forbids (with `rule`), a record opened twice, or a write that kept losing races on a stream the caller did not name (with `currentVersion`)",
          ),
          '412': problem(
            '412',
            'The If-Match names a version the record no longer stands at (with `currentVersion`): read it again and decide again',
          ),
          '415': problem('415', 'The body is not application/json'),
          '422': problem(
            '422',
            'The Idempotency-Key was used for a different request, or a field names what a rule refuses given the facts (a late entry, another bureau)',
          ),
        }
      : {}),
    '500': problem('500', 'A stored event this code cannot read (naming its stream and version), or an unexpected error'),
  };
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    ...(route.authenticated ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body), ...examplesOf('request', examples.request) } },
          },
        }
      : {}),
    responses,
  };
};

// One server per stage of the CDK stack (infra/stack.ts: `dev`, `prod`; each its own HTTP API,
// `legal-aid-<stage>`, at the URL its `ApiUrl` output names) and the local stack.
const servers = [
  ...['prod', 'dev'].map((stage) => ({
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
    description: `Stage ${stage}: the HTTP API legal-aid-${stage} of stack LegalAid-${stage} (its ApiUrl output)`,
    variables: {
      apiId: { default: `legal-aid-${stage}`, description: `The API id of legal-aid-${stage}` },
      region: { default: 'cn-north-1', description: 'The region the stack is deployed in' },
    },
  })),
  { url: 'http://127.0.0.1:3000', description: 'The local stack (npm start)' },
];

export const buildOpenApi = (all: readonly RouteDefinition[] = routes): Json => {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = {};
  for (const route of all) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, schemas);
  // Problem has an id: the schema lands in components under it.
  hoist(responseSchemaOf(problemSchema), schemas);
  schemas.GatewayMessage = {
    type: 'object',
    required: ['message'],
    properties: { message: { type: 'string', description: 'Unauthorized, Not Found, Request Entity Too Large, …' } },
    description: "API Gateway's own answer (no valid token; no such route; a payload over 10 MB), which an HTTP API cannot reshape",
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Legal-aid case API',
      version: '1.0.0',
      description:
        'Command and query API of the legal-aid case backend: applications, notified defence, review, assignment, handling, closing, supervision and audit. Every POST takes an Idempotency-Key.',
    },
    servers,
    security: [{ bearer: [] }],
    tags: [{ name: 'cases' }, { name: 'audit' }, { name: 'reports' }, { name: 'organisations' }, { name: 'system' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Claims: sub, role, org, workstation' },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      examples: Object.fromEntries(
        Object.entries(problemExamples).map(([example, value]) => [
          problemExampleId(example),
          { summary: `${value.status} ${value.code}`, value },
        ]),
      ),
    },
  };
};
