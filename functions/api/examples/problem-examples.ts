import { problemOf, type Problem } from '../../lib/http/problem.ts';

// One problem-details answer per error status the document declares (a 400 twice: a body's field, a
// query parameter's), by the name it has in the document's components/examples, shown beside the
// Problem schema of every operation (functions/api/openapi.ts); built with the same problemOf the API
// answers with, so the example has the shape a client receives. Paths and ids are invented.

const at = '/cases/case-2026-hz-xihu-0142/grant';

export const problemExamples: Readonly<Record<string, Problem>> = {
  '400': problemOf(400, { code: 'INVALID_FIELD', detail: 'legalBasis: required', field: 'legalBasis' }, at),
  '400-query': problemOf(
    400,
    { code: 'INVALID_FIELD', detail: 'GET /cases/{id} takes no query parameters', field: 'fields' },
    '/cases/case-2026-hz-xihu-0142',
  ),
  '401': problemOf(401, { code: 'UNAUTHENTICATED', detail: 'The token names no role', field: 'role' }, at),
  '403': problemOf(403, { code: 'FORBIDDEN', detail: 'The case belongs to another agency' }, at),
  '404': problemOf(404, { code: 'CASE_NOT_FOUND', detail: 'No case case-2026-hz-xihu-0142' }, at),
  '409': problemOf(
    409,
    {
      code: 'NOTHING_TO_ASSIGN',
      detail: 'assignment follows a grant, a notification or aid before review',
      rule: 'Art 43',
    },
    at,
  ),
  '412': problemOf(
    412,
    {
      code: 'PRECONDITION_FAILED',
      detail: "stream case#case-2026-hz-xihu-0142 is at version 5, not the 4 the request's If-Match names",
      currentVersion: 5,
      expectedVersion: 4,
    },
    at,
  ),
  '413': problemOf(413, { code: 'BODY_TOO_LARGE', detail: 'the body may take at most 262144 bytes; it takes 300211' }, at),
  '415': problemOf(415, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json' }, at),
  '422': problemOf(
    422,
    { code: 'IDEMPOTENCY_KEY_REUSED', detail: 'The Idempotency-Key was used for a different request', field: 'Idempotency-Key' },
    at,
  ),
  '500': problemOf(500, { code: 'INTERNAL', detail: 'An unexpected error; it is logged with the request id' }, at),
  '503': problemOf(
    503,
    { code: 'READ_NOT_RECORDED', detail: 'The read could not be put on record; retry' },
    '/cases/case-2026-hz-xihu-0142',
  ),
};
