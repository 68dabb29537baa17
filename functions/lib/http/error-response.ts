import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { UnreadableEventError } from '../../../events/catalogue/read-event.ts';
import { AppendTooLargeError, CorruptEventError, IdempotencyKeyReusedError, VersionConflictError } from '../event-store/errors.ts';
import { HttpError } from './http-error.ts';
import { json } from './response.ts';

type Body = { code: string; reason: string; field?: string; rule?: string; [k: string]: unknown };

const describe = (error: unknown): { status: number; body: Body } | null => {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { code: error.code, reason: error.message, ...(error.field ? { field: error.field } : {}), ...error.details },
    };
  }
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || '(body)';
    return {
      status: 400,
      body: {
        code: 'INVALID_FIELD',
        field,
        reason: issue?.message ?? 'invalid',
        issues: error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message })),
      },
    };
  }
  if (error instanceof VersionConflictError) {
    return {
      status: 409,
      body: { code: error.code, reason: error.message, currentVersion: error.currentVersion, expectedVersion: error.expectedVersion },
    };
  }
  if (error instanceof DomainError) {
    return {
      status: 409,
      body: {
        code: error.code,
        reason: error.message,
        ...(error.rule ? { rule: error.rule } : {}),
        ...(error.field ? { field: error.field } : {}),
      },
    };
  }
  if (error instanceof IdempotencyKeyReusedError)
    return { status: 422, body: { code: error.code, reason: error.message, field: 'Idempotency-Key' } };
  if (error instanceof AppendTooLargeError) return { status: 413, body: { code: error.code, reason: error.message } };
  // A stored event this code cannot read fails that case only, and says which event it is.
  if (error instanceof CorruptEventError || error instanceof UnreadableEventError) {
    return { status: 500, body: { code: error.code, reason: error.message, stream: error.stream, version: error.version } };
  }
  return null;
};

/** Turns any thrown error into an answer; unknown errors become a 500 that reveals nothing. */
export const errorResponse = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  const known = describe(error);
  if (known) return json(known.status, { error: known.body });
  return json(500, { error: { code: 'INTERNAL', reason: 'an unexpected error occurred; it has been logged' } });
};

export const isExpected = (error: unknown) =>
  describe(error) !== null && !(error instanceof CorruptEventError || error instanceof UnreadableEventError);
