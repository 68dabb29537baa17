import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, type EventEnvelope } from './envelope.ts';

export const hashEvent = (event: Omit<EventEnvelope, 'hash'>): string => {
  const { hash: _ignored, ...rest } = event as EventEnvelope;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
};

export type ChainBreak = {
  version: number;
  eventId: string | null;
  reason: 'VERSION_GAP' | 'HASH_MISMATCH' | 'PREDECESSOR_MISMATCH';
  detail: string;
};

/**
 * Recomputes a stream's chain from its first event. Returns the first broken link: a missing
 * version (an event removed), an event whose content no longer matches its hash (altered), or one
 * that names another predecessor than the event before it (reordered or replaced).
 */
export const verifyChain = (events: readonly EventEnvelope[]): ChainBreak | null => {
  let expectedPrev = GENESIS_HASH;
  let expectedVersion = 1;
  for (const event of events) {
    if (event.version !== expectedVersion) {
      return {
        version: expectedVersion,
        eventId: null,
        reason: 'VERSION_GAP',
        detail: `version ${expectedVersion} is missing; found ${event.version} next`,
      };
    }
    if (event.prevHash !== expectedPrev) {
      return {
        version: event.version,
        eventId: event.eventId,
        reason: 'PREDECESSOR_MISMATCH',
        detail: `names predecessor ${event.prevHash}, but version ${event.version - 1} hashes to ${expectedPrev}`,
      };
    }
    const recomputed = hashEvent(event);
    if (recomputed !== event.hash) {
      return {
        version: event.version,
        eventId: event.eventId,
        reason: 'HASH_MISMATCH',
        detail: `stored hash ${event.hash}, content hashes to ${recomputed}`,
      };
    }
    expectedPrev = event.hash;
    expectedVersion += 1;
  }
  return null;
};
