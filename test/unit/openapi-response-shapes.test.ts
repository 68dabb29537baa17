import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../functions/api/openapi.ts';

// Every success answer is typed member by member, so a client generated from the document knows what
// it gets back (issue 21). An object with no declared members, or a value of any type, is allowed only
// where it is open by nature and says why (`x-open`, set by functions/api/responses/shared.ts openRecord).

type Schema = Record<string, unknown>;
type Document = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
};

const document = buildOpenApi() as unknown as Document;

const isOpenMarked = (s: Schema) => typeof s['x-open'] === 'string' && (s['x-open'] as string).length > 10;
const isEmpty = (s: unknown) => typeof s === 'object' && s !== null && Object.keys(s).length === 0;
const typesOf = (s: Schema): unknown[] => (Array.isArray(s.type) ? s.type : [s.type]);

/** Where under `schema` a member is untyped: an object with no members and no typed extras, or `{}`. */
export const untypedIn = (schema: Schema, at: string, components: Record<string, Schema>, seen = new Set<string>()): string[] => {
  if (isOpenMarked(schema)) return [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    return untypedIn(components[name] ?? {}, at, components, new Set([...seen, name]));
  }
  if (isEmpty(schema)) return [at];
  const found: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (typesOf(schema).includes('object')) {
    const extra = schema.additionalProperties;
    const typedExtra = typeof extra === 'object' && extra !== null && !isEmpty(extra);
    if (Object.keys(properties).length === 0 && !typedExtra) found.push(at);
    if (typedExtra) found.push(...untypedIn(extra as Schema, `${at}.*`, components, seen));
  }
  for (const [name, member] of Object.entries(properties)) found.push(...untypedIn(member, `${at}.${name}`, components, seen));
  if (typeof schema.items === 'object' && schema.items !== null)
    found.push(...untypedIn(schema.items as Schema, `${at}[]`, components, seen));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) for (const option of options as Schema[]) found.push(...untypedIn(option, at, components, seen));
  }
  return found;
};

const untypedAnswers = (doc: Document): string[] =>
  Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).flatMap(([type, media]) =>
            media.schema ? untypedIn(media.schema, `${method.toUpperCase()} ${path} ${status} ${type} $`, doc.components.schemas) : [],
          ),
        ),
    ),
  );

describe('success answers in the OpenAPI document', () => {
  it('declare every member of every object, except values open by nature that say why', () => {
    expect([...new Set(untypedAnswers(document))].sort()).toEqual([]);
  });

  it('the walk finds an untyped member, through references, arrays, unions and maps', () => {
    const components = {
      Thing: { type: 'object', properties: { a: { type: 'string' }, loose: { type: 'object', properties: {}, additionalProperties: {} } } },
    };
    expect(untypedIn({ $ref: '#/components/schemas/Thing' }, '$', components)).toEqual(['$.loose']);
    expect(untypedIn({ type: 'array', items: { anyOf: [{}, { type: 'null' }] } }, '$', {})).toEqual(['$[]']);
    expect(untypedIn({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} }, '$', {})).toEqual(['$']);
    expect(untypedIn({ type: 'object', additionalProperties: { type: 'object' } }, '$', {})).toEqual(['$.*']);
    expect(untypedIn({ type: 'object', additionalProperties: { type: 'integer' } }, '$', {})).toEqual([]);
    expect(untypedIn({ type: 'object', additionalProperties: {}, 'x-open': 'differs per event type' }, '$', {})).toEqual([]);
    expect(untypedIn({ type: 'object', additionalProperties: {}, 'x-open': 'x' }, '$', {})).toEqual(['$']);
  });
});
