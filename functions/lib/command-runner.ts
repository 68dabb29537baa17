import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Decider } from '../../domain/decider.ts';
import { canonicalJson } from '../../events/canonical-json.ts';
import type { EventDefinition } from '../../events/catalogue/define-event.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { VersionConflictError } from './event-store/errors.ts';
import type { AppendMeta, EventStore, NewEvent, StreamHead } from './event-store/event-store.ts';
import { streamHeadOf } from './event-store/event-store.ts';
import { findIdempotentEvents } from './event-store/idempotency.ts';

type TypedEvent = { type: string; data: unknown };

export type CommandOutcome = { stream: string; version: number; events: EventEnvelope[]; replayed: boolean };

/**
 * How a command that names no version (no If-Match) meets a race at the store: it was never tied to
 * a version, so losing means only that the stream moved on between load and append. It loads again,
 * decides again on the new state (which may now refuse it) and appends again, a bounded number of
 * times with jittered backoff, before it gives up with the 409 a caller with If-Match gets at once.
 */
export type RaceRetry = { attempts: number; baseDelayMs: number; maxDelayMs: number; /** No new try once this long has passed (the API's timeout is 10 s). */ budgetMs: number };
export const DEFAULT_RACE_RETRY: RaceRetry = { attempts: 12, baseDelayMs: 10, maxDelayMs: 1_000, budgetMs: 5_000 };

/** Whether a race lost at `attempt` may be tried again, started at `started` (ms). */
export const mayRetry = ({ attempts, budgetMs }: RaceRetry, attempt: number, started: number) => attempt < attempts && Date.now() - started < budgetMs;

/**
 * "Full jitter" backoff before try `attempt + 1`, so racing losers spread out instead of clashing
 * again. Its scale is at least what the lost try took: when the store is slow (many racers, a busy
 * machine) the racers spread over a window as long as it takes them to get through one by one.
 */
export const raceBackoff = (attempt: number, { baseDelayMs, maxDelayMs }: RaceRetry = DEFAULT_RACE_RETRY, lostTryMs = 0) =>
  sleep(Math.random() * Math.min(maxDelayMs, Math.max(baseDelayMs, lostTryMs) * 2 ** (attempt - 1)));

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
  raceRetry?: RaceRetry;
}) => {
  const raceRetry = deps.raceRetry ?? DEFAULT_RACE_RETRY;
  const toNewEvent = (event: TypedEvent, occurredAt?: string): NewEvent => {
    const definition = deps.catalogue.get(event.type);
    if (!definition) throw new Error(`event type ${event.type} is not in the catalogue`);
    return { type: event.type, schemaVersion: definition.version, data: definition.schema.parse(event.data) as Record<string, unknown>, ...(occurredAt ? { occurredAt } : {}) };
  };

  type Loaded = { envelopes: EventEnvelope[]; state: S; head: StreamHead };
  const fold = (state: S, envelopes: readonly EventEnvelope[]) => envelopes.reduce((s, e) => deps.decider.evolve(s, readEventData(deps.catalogue, e) as E), state);

  const load = async (stream: string): Promise<Loaded> => {
    const envelopes = await deps.store.readStream(stream);
    return { envelopes, state: fold(deps.decider.initialState(), envelopes), head: streamHeadOf(stream, envelopes) };
  };

  /** What was loaded, with the events that followed it folded in. */
  const advance = ({ envelopes, state, head }: Loaded, since: readonly EventEnvelope[]): Loaded => {
    const all = [...envelopes, ...since];
    return { envelopes: all, state: fold(state, since), head: streamHeadOf(head.stream, all) };
  };

  /**
   * What was loaded, brought up to the stream's new end: only the events since the loaded head are
   * read, or none when a clash (its VersionConflictError) already read them. A caller that paused
   * after the clash passes it only for streams that are unlikely to have moved meanwhile: if one
   * did, the next append clashes again and says so.
   */
  const loadAfter = async (loaded: Loaded, clash?: unknown): Promise<Loaded> => {
    const known = clash instanceof VersionConflictError ? clash.since?.get(loaded.head.stream) : undefined;
    return advance(loaded, known ?? (await deps.store.readStream(loaded.head.stream, { from: loaded.head.version + 1 })));
  };

  const run = async ({
    stream,
    command,
    context,
    meta,
    expectedVersion,
    occurredAt,
    check,
    newStream = false,
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
    /**
     * The stream's id comes from this request's idempotency key, so it can only exist if this very
     * request already ran: it is decided on the initial state without a read, and a clash on append
     * is explained by the store (the first copy's events, or a 422 for another request on the key).
     */
    newStream?: boolean;
  }): Promise<CommandOutcome> => {
    const started = Date.now();
    let loaded = newStream ? { envelopes: [], state: deps.decider.initialState(), head: streamHeadOf(stream, []) } : await load(stream);
    for (let attempt = 1; ; attempt++) {
      const { envelopes, state, head } = loaded;
      if (meta.idempotency) {
        // Also how a racing copy of this very request that won is found on a retry.
        const earlier = findIdempotentEvents(envelopes, meta.idempotency);
        if (earlier) return { stream, version: earlier.at(-1)!.version, events: earlier, replayed: true };
      }
      check?.(state);
      if (expectedVersion !== undefined && expectedVersion !== head.version) throw new VersionConflictError(stream, expectedVersion, head.version);
      const decided = deps.decider.decide(command, state, context);
      const tried = Date.now();
      try {
        const result = await deps.store.append(stream, head, decided.map((e) => toNewEvent(e, occurredAt)), meta);
        return { stream, version: result.events.at(-1)?.version ?? head.version, events: result.events, replayed: result.replayed };
      } catch (error) {
        // If-Match (or an opening, at version 0) stays strict: the caller decided on that version.
        if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || !mayRetry(raceRetry, attempt, started)) throw error;
        await raceBackoff(attempt, raceRetry, Date.now() - tried);
        loaded = await loadAfter(loaded);
      }
    }
  };

  return { load, loadAfter, run, toNewEvent };
};
