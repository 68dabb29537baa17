import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from '../lib/http/http-error.ts';
import { requestHeader } from '../lib/http/request-body.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

/** Every POST names its Idempotency-Key: it is how a retry finds the first answer. */
export const idempotencyKeyOf = (event: APIGatewayProxyEventV2): string => {
  const key = requestHeader(event, 'Idempotency-Key');
  if (!key)
    throw new HttpError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'every POST needs an Idempotency-Key header (8-200 characters: letters, digits, . _ : -)',
      { field: 'Idempotency-Key' },
    );
  if (!KEY_PATTERN.test(key))
    throw new HttpError(400, 'INVALID_FIELD', 'an Idempotency-Key has 8-200 characters: letters, digits, . _ : -', {
      field: 'Idempotency-Key',
    });
  return key;
};

/** If-Match carries the case version the caller last saw, as an ETag ("3") or a bare number. */
export const expectedVersionOf = (event: APIGatewayProxyEventV2): number | undefined => {
  const value = requestHeader(event, 'If-Match');
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!match) throw new HttpError(400, 'INVALID_FIELD', 'If-Match takes the case version as an ETag, e.g. "3"', { field: 'If-Match' });
  return Number(match[1]);
};

const CORRELATION_PATTERN = /^[A-Za-z0-9._:\/+=-]{1,200}$/;

/**
 * X-Correlation-Id, stored in every event's envelope: bounded and plain (as the envelope requires),
 * so no header can make a stored event unreadable. Without it, API Gateway's request id.
 */
export const correlationIdOf = (event: APIGatewayProxyEventV2): string => {
  const value = requestHeader(event, 'X-Correlation-Id');
  if (value === undefined) return event.requestContext.requestId;
  if (!CORRELATION_PATTERN.test(value))
    throw new HttpError(400, 'INVALID_FIELD', 'an X-Correlation-Id has 1-200 characters: letters, digits, . _ : / + = -', {
      field: 'X-Correlation-Id',
    });
  return value;
};

/**
 * A new case's id comes from the caller's organisation and its idempotency key, so two copies of
 * one request land on the same stream and the stream itself settles which copy wins.
 */
export const caseIdFor = (organisation: string, idempotencyKey: string): string => {
  const h = createHash('sha256').update(`${organisation}\n${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
