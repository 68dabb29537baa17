import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { domainErrorCodes, fieldRequiredCodes, type DomainErrorCode } from '../../../domain/error-codes.ts';
import { DomainError } from '../../../domain/errors.ts';
import { UnreadableEventError } from '../../../events/catalogue/read-event.ts';
import {
  AppendTooLargeError,
  CorruptEventError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  VersionConflictError,
} from '../event-store/errors.ts';
import { HttpError } from './http-error.ts';
import { PROBLEM_CONTENT_TYPE, problemOf, type ProblemFacts } from './problem.ts';

/** Where a zod issue points: its path, and for an unknown key (a query parameter, a body member) the key itself. */
const fieldOf = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.join('.') || '(body)';
};

const domainStatus = (code: string) => (fieldRequiredCodes.has(code as DomainErrorCode) ? 400 : 409);
const meaningOf = (code: string): string | undefined => domainErrorCodes[code as DomainErrorCode]?.meaning;

/** What a known error says, and its status (README "Errors": one status per rule); null for an error nobody expected. */
export const describeError = (error: unknown): { status: number; facts: ProblemFacts } | null => {
  if (error instanceof HttpError) {
    const title = meaningOf(error.code);
    return {
      status: error.status,
      facts: {
        code: error.code,
        detail: error.message,
        ...(title ? { title } : {}),
        ...(error.field ? { field: error.field } : {}),
        ...error.details,
      },
    };
  }
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return {
      status: 400,
      facts: {
        code: 'INVALID_FIELD',
        field: issue ? fieldOf(issue) : '(body)',
        detail: issue?.message ?? 'invalid',
        issues: error.issues.map((i) => ({ field: fieldOf(i), reason: i.message })),
      },
    };
  }
  if (error instanceof PreconditionFailedError) {
    return {
      status: 412,
      facts: {
        code: error.code,
        detail: error.message,
        currentVersion: error.currentVersion,
        expectedVersion: error.expectedVersion,
      },
    };
  }
  if (error instanceof VersionConflictError) {
    return {
      status: 409,
      facts: {
        code: error.code,
        detail: error.message,
        currentVersion: error.currentVersion,
        expectedVersion: error.expectedVersion,
      },
    };
  }
  if (error instanceof DomainError) {
    const title = meaningOf(error.code);
    return {
      status: domainStatus(error.code),
      facts: {
        code: error.code,
        detail: error.message,
        ...(title ? { title } : {}),
        ...(error.rule ? { rule: error.rule } : {}),
        ...(error.field ? { field: error.field } : {}),
      },
    };
  }
  if (error instanceof IdempotencyKeyReusedError)
    return { status: 422, facts: { code: error.code, detail: error.message, field: 'Idempotency-Key' } };
  if (error instanceof AppendTooLargeError) return { status: 413, facts: { code: error.code, detail: error.message } };
  // A stored event this code cannot read fails that case only, and says which event it is.
  if (error instanceof CorruptEventError || error instanceof UnreadableEventError) {
    return { status: 500, facts: { code: error.code, detail: error.message, stream: error.stream, version: error.version } };
  }
  return null;
};

/** A problem-details answer (RFC 9457); `instance` is the request path. */
export const problemResponse = (status: number, facts: ProblemFacts, instance: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
  body: JSON.stringify(problemOf(status, facts, instance)),
});

/** Turns any thrown error into a problem-details answer; unknown errors become a 500 that reveals nothing. */
export const errorResponse = (error: unknown, instance: string): APIGatewayProxyStructuredResultV2 => {
  const known = describeError(error);
  if (known) return problemResponse(known.status, known.facts, instance);
  return problemResponse(500, { code: 'INTERNAL', detail: 'an unexpected error occurred; it has been logged' }, instance);
};

export const isExpected = (error: unknown) =>
  describeError(error) !== null && !(error instanceof CorruptEventError || error instanceof UnreadableEventError);
