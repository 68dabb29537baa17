// What each query answers, one example per GET route by route key, shown in the OpenAPI document
// beside the route's success schema; test/unit/openapi-examples.test.ts holds each to that schema.
// Ids, names and figures are invented; personal values are shown as a masked answer shows them.

export const queryAnswerExamples: Readonly<Record<string, unknown>> = {
  'GET /health': { status: 'ok' },
  'GET /openapi.json': { openapi: '3.1.0', info: { title: 'Legal-aid case API', version: '1.0.0' }, paths: {} },
};
