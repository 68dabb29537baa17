import type { EventEnvelope } from '../../../events/envelope.ts';

// Typed store errors: each carries a stable code and a reason the API can pass on unchanged.

export class VersionConflictError extends Error {
  readonly code = 'VERSION_CONFLICT';
  readonly stream: string;
  readonly expectedVersion: number;
  readonly currentVersion: number;
  /**
   * When the store read them to explain the clash: what each stream of the append gained after its
   * expected version, so a caller that decides again need not read them a second time.
   */
  readonly since: ReadonlyMap<string, readonly EventEnvelope[]> | undefined;
  constructor(stream: string, expectedVersion: number, currentVersion: number, since?: ReadonlyMap<string, readonly EventEnvelope[]>) {
    super(`stream ${stream} is at version ${currentVersion}, not the expected ${expectedVersion}`);
    this.name = 'VersionConflictError';
    this.stream = stream;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
    this.since = since;
  }
}

/**
 * The caller's If-Match named a version the stream no longer stands at (RFC 9110 §13.1.1: 412), when
 * the command was checked or when its append lost to a write that came in between. Not a conflict
 * the server could resolve by trying again: the caller decided on a state that has moved on.
 */
export class PreconditionFailedError extends Error {
  readonly code = 'PRECONDITION_FAILED';
  readonly stream: string;
  readonly expectedVersion: number;
  readonly currentVersion: number;
  constructor(stream: string, expectedVersion: number, currentVersion: number) {
    super(`stream ${stream} is at version ${currentVersion}, not the ${expectedVersion} the request's If-Match names`);
    this.name = 'PreconditionFailedError';
    this.stream = stream;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }
}

export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly idempotencyKey: string;
  constructor(idempotencyKey: string) {
    super(`Idempotency-Key ${idempotencyKey} was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
    this.idempotencyKey = idempotencyKey;
  }
}

/** A stored item the current schemas cannot read: names the stream and version, fails that stream only. */
export class CorruptEventError extends Error {
  readonly code = 'CORRUPT_EVENT';
  readonly stream: string;
  readonly version: number;
  constructor(stream: string, version: number, reason: string, options?: { cause?: unknown }) {
    super(`event ${stream}@${version} cannot be read: ${reason}`, options);
    this.name = 'CorruptEventError';
    this.stream = stream;
    this.version = version;
  }
}

export class AppendTooLargeError extends Error {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(reason: string) {
    super(reason);
    this.name = 'AppendTooLargeError';
  }
}
