import * as z from 'zod';
import { personalMarks } from '../../events/personal/marks.ts';
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

const schemaOf = (schema: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: personalAsValue as never,
  }) as Json;
  return rest;
};

const errorSchema: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'reason'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code' },
        reason: { type: 'string' },
        field: { type: 'string', description: 'The request field (dotted path) or header at fault' },
        rule: { type: 'string', description: 'The article or rule a refused command breaks' },
        currentVersion: { type: 'integer', description: 'On a version conflict: the case version now' },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const operationId = (route: RouteDefinition) =>
  route.method.toLowerCase() +
  route.path
    .replace(/\{(\w+)\}/g, 'By-$1')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');

const operation = (route: RouteDefinition): Json => {
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
      description: 'The case version the caller last saw, as an ETag; a mismatch is a 409',
      schema: { type: 'string' },
    });
  }
  const responses: Json = {
    [String(route.success)]: {
      description:
        route.success === 201
          ? 'Done: the events written, the new version; a case opening also answers `state`, the case as its Location answers it'
          : 'OK',
      content: { 'application/json': { schema: { type: 'object' } } },
      ...(route.responseHeaders
        ? {
            headers: Object.fromEntries(
              Object.entries(route.responseHeaders).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
            ),
          }
        : {}),
    },
    // Art 38: an application for another agency's area is recorded as a referral, not a case.
    ...(route.path === '/applications'
      ? {
          '202': {
            description:
              "Referred (Art 38): the matter lies in another agency's area; `referral.competentAgencyId` names the competent agency, no case is opened",
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        }
      : {}),
    ...(route.authenticated
      ? {
          '401': errorResponse('No valid bearer token'),
          '403': errorResponse('The caller may not do this to this case'),
          '503': errorResponse('READ_NOT_RECORDED: the read could not be put on record, so nothing is shown; retry'),
        }
      : {}),
    ...(route.path.includes('{')
      ? { '404': errorResponse('No such case'), '400': errorResponse('A path or query parameter is invalid') }
      : {}),
    ...(route.method === 'POST'
      ? {
          '400': errorResponse('A field is missing or invalid; `field` names it'),
          '409': errorResponse('A version clash (with `currentVersion`) or a command the case state or the law forbids (with `rule`)'),
          '413': errorResponse('The body is too large'),
          '415': errorResponse('The body is not application/json'),
          '422': errorResponse('The Idempotency-Key was used for a different request'),
        }
      : {}),
  };
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    ...(route.authenticated ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } } : {}),
    responses,
  };
};

export const buildOpenApi = (all: readonly RouteDefinition[] = routes): Json => {
  const paths: Record<string, Json> = {};
  for (const route of all) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Legal-aid case API',
      version: '1.0.0',
      description:
        'Command and query API of the legal-aid case backend: applications, notified defence, review, assignment, handling, closing, supervision and audit. Every POST takes an Idempotency-Key.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'npm start' }],
    security: [{ bearer: [] }],
    tags: [{ name: 'cases' }, { name: 'audit' }, { name: 'reports' }, { name: 'organisations' }, { name: 'system' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Claims: sub, role, org, workstation' },
      },
      schemas: { Error: errorSchema },
    },
  };
};
