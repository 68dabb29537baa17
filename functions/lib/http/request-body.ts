import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { HttpError } from './http-error.ts';

/** Larger bodies are refused before parsing; no command of this API needs more. */
export const MAX_BODY_BYTES = 64 * 1024;

const header = (event: APIGatewayProxyEventV2, name: string) => event.headers?.[name] ?? event.headers?.[name.toLowerCase()];

/** The JSON body, checked for media type, size and syntax, then parsed with the route's schema. */
export const parseBody = <S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.infer<S> => {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the body as application/json, not ${contentType || 'no content type'}`, {
      field: 'Content-Type',
    });
  }
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const bytes = Buffer.byteLength(raw);
  if (bytes > MAX_BODY_BYTES)
    throw new HttpError(413, 'BODY_TOO_LARGE', `the body may take at most ${MAX_BODY_BYTES} bytes; it takes ${bytes}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'MALFORMED_JSON', 'the body is not valid JSON', { field: '(body)' });
  }
  return schema.parse(parsed);
};

export const requestHeader = header;
