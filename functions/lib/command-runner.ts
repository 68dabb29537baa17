import { createHash } from 'node:crypto';
import type { Decider } from '../../domain/decider.ts';
import { canonicalJson } from '../../events/canonical-json.ts';
import type { EventDefinition } from '../../events/catalogue/define-event.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { VersionConflictError } from './event-store/errors.ts';
import type { AppendMeta, EventStore, NewEvent } from './event-store/event-store.ts';
import { streamHeadOf } from './event-store/event-store.ts';
import { findIdempotentEvents } from './event-store/idempotency.ts';

type TypedEvent = { type: string; data: unknown };

export type CommandOutcome = { stream: string; version: number; events: EventEnvelope[]; replayed: boolean };

/** A stable fingerprint of a request, so a retry can be told from a different request under the same key. */
export const requestHashOf = (parts: unknown): string => createHash('sha256').update(canonicalJson(parts)).digest('hex');

/**
 * Load → decide → append, the one path every command takes. A retry (same idempotency key) is
 * answered from the events its first copy wrote, before anything is decided again.
 */
export const createCommandRunner = <C, E extends TypedEvent, S, Ctx>(deps: {
  store: EventStore;
  decider: Decider<C, E, S, Ctx>;
  catalogue: ReadonlyMap<string, EventDefinition>;
}) => {
  const toNewEvent = (event: TypedEvent, occurredAt?: string): NewEvent => {
    const definition = deps.catalogue.get(event.type);
    if (!definition) throw new Error(`event type ${event.type} is not in the catalogue`);
    return { type: event.type, schemaVersion: definition.version, data: definition.schema.parse(event.data) as Record<string, unknown>, ...(occurredAt ? { occurredAt } : {}) };
  };

  const load = async (stream: string) => {
    const envelopes = await deps.store.readStream(stream);
    const state = envelopes.reduce((s, e) => deps.decider.evolve(s, readEventData(deps.catalogue, e) as E), deps.decider.initialState());
    return { envelopes, state, head: streamHeadOf(stream, envelopes) };
  };

  const run = async ({
    stream,
    command,
    context,
    meta,
    expectedVersion,
    occurredAt,
    check,
  }: {
    stream: string;
    command: C;
    context: Ctx;
    meta: AppendMeta;
    /** The version the caller last saw (If-Match); a mismatch is a conflict before anything is decided. */
    expectedVersion?: number;
    occurredAt?: string;
    /** Whether this caller may act on the stream as it stands (throws if not); after the retry check. */
    check?: (state: S) => void;
  }): Promise<CommandOutcome> => {
    const { envelopes, state, head } = await load(stream);
    if (meta.idempotency) {
      const earlier = findIdempotentEvents(envelopes, meta.idempotency);
      if (earlier) return { stream, version: earlier.at(-1)!.version, events: earlier, replayed: true };
    }
    check?.(state);
    if (expectedVersion !== undefined && expectedVersion !== head.version) throw new VersionConflictError(stream, expectedVersion, head.version);
    const decided = deps.decider.decide(command, state, context);
    const result = await deps.store.append(stream, head, decided.map((e) => toNewEvent(e, occurredAt)), meta);
    return { stream, version: result.events.at(-1)?.version ?? head.version, events: result.events, replayed: result.replayed };
  };

  return { load, run, toNewEvent };
};
