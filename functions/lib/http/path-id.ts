import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './http-error.ts';

// Ids in paths: case ids are UUIDs, worker ids are chosen by the agency ("lawyer-wang"), the rest
// come from idempotency keys; all fit this. Anything else is refused before any read.
const RECORD_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The `{id}` of the path, or 400 naming the field. */
export const pathIdOf = (event: APIGatewayProxyEventV2): string => {
  const id = event.pathParameters?.id;
  if (!id || !RECORD_ID.test(id)) throw new HttpError(400, 'INVALID_FIELD', 'the path names a record id', { field: 'id' });
  return id;
};

const CASE_ID = /^[0-9a-f-]{36}$/;

/** The `{id}` of a case's path: a case id (a UUID), or 400 naming the field. */
export const caseIdOf = (event: APIGatewayProxyEventV2): string => {
  const id = event.pathParameters?.id;
  if (!id || !CASE_ID.test(id)) throw new HttpError(400, 'INVALID_FIELD', 'the path names a case id', { field: 'id' });
  return id;
};
