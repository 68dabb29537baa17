import type { KeyStore } from './key-store.ts';

// The request hash (command-runner.ts) tells a retry from another request under the same
// idempotency key; it is stored in every event and shown in the history. A plain SHA-256 of a body
// that holds an identity number could be recomputed for each candidate number by anyone who reads
// it, so it is an HMAC under a secret of the stack. The secret is kept as the data keys are: one item
// of the keys table, made once (a conditional put: concurrent cold starts agree on the first) and
// wrapped by the stack's KMS key, with its own id as the encryption context.

/** The key-store id of the request-hash secret; no record's id (a stream id) has this form. */
export const REQUEST_HASH_KEY_ID = 'stack#request-hash';

export class RequestHashKeyUnavailableError extends Error {
  readonly code = 'REQUEST_HASH_KEY_UNAVAILABLE';
  constructor(reason: string) {
    super(reason);
    this.name = 'RequestHashKeyUnavailableError';
  }
}

/**
 * The secret, read (or made) on first use and kept for the container's life: it never changes, and
 * every command needs it. A failed read is not cached, so the next request tries again.
 */
export const requestHashKey = (keys: KeyStore): (() => Promise<Buffer>) => {
  let cached: Promise<Buffer> | null = null;
  const load = async () => {
    const key = await keys.dataKey(REQUEST_HASH_KEY_ID, { create: true });
    if (!Buffer.isBuffer(key)) throw new RequestHashKeyUnavailableError(`the request-hash secret is ${key ?? 'missing'}`);
    return key;
  };
  return () => {
    cached ??= load().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    return cached;
  };
};
