import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { isProtectedForm } from '../../../events/personal/marks.ts';
import { HttpError } from './http-error.ts';

/** Larger bodies are refused before parsing; no command of this API needs more. */
export const MAX_BODY_BYTES = 64 * 1024;

const header = (event: APIGatewayProxyEventV2, name: string) => event.headers?.[name] ?? event.headers?.[name.toLowerCase()];

/** The JSON body, checked for media type, size and syntax, then parsed with the route's schema. */
export const parseBody = <S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S, maxBytes = MAX_BODY_BYTES): z.infer<S> => {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the body as application/json, not ${contentType || 'no content type'}`, {
      field: 'Content-Type',
    });
  }
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const bytes = Buffer.byteLength(raw);
  if (bytes > maxBytes) throw new HttpError(413, 'BODY_TOO_LARGE', `the body may take at most ${maxBytes} bytes; it takes ${bytes}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'MALFORMED_JSON', 'the body is not valid JSON', { field: '(body)' });
  }
  refuseProtectedForms(parsed, []);
  return schema.parse(parsed);
};

/**
 * Sealed, erased and withheld are forms only the store writes (events/personal/marks.ts); a body that
 * sends one (copied from somewhere, or forged to pass as another record's data) is refused, so a
 * personal field the catalogue accepts in either form can only ever take a value from a caller.
 */
export const refuseProtectedForms = (body: unknown, _root: (string | number)[]): void => {
  // By a stack, not recursion: a body nested thousands deep is valid JSON and must get its 400, not overflow.
  const pending: [unknown, (string | number)[]][] = [[body, []]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (isProtectedForm(value))
      throw new HttpError(400, 'INVALID_FIELD', 'this value is a form the system writes itself (sealed, erased or withheld), not a value', {
        field: path.join('.') || '(body)',
      });
    if (Array.isArray(value)) value.forEach((v, i) => pending.push([v, [...path, i]]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pending.push([v, [...path, k]]);
  }
};

export const requestHeader = header;
