import type { EventEnvelope } from '../../../events/envelope.ts';
import { IdempotencyKeyReusedError } from './errors.ts';

export type IdempotencyToken = { key: string; requestHash: string };

/**
 * The idempotency record lives in the stream itself: every event a command wrote carries the
 * command's key and a hash of its request. A retry finds them here, with no second item or table.
 * Returns the events the first copy wrote, or null if the key is new to this stream.
 */
export const findIdempotentEvents = (events: readonly EventEnvelope[], token: IdempotencyToken): EventEnvelope[] | null => {
  const matches = events.filter((e) => e.idempotencyKey === token.key);
  if (matches.length === 0) return null;
  if (matches.some((e) => e.requestHash !== token.requestHash)) throw new IdempotencyKeyReusedError(token.key);
  return matches;
};
