import type { EventEnvelope } from '../../events/envelope.ts';
import { holdsWithheld, isWithheldWhole } from './withheld-event.ts';

// The delivery semantics every projection shares. EventBridge delivers at least once and in any
// order; each projection keeps, per stream, the folded state and the last version applied to it:
//  - an event at or below that version is a duplicate and is skipped;
//  - an event beyond the next version means events are missing: they are read from the store (which
//    holds them: an event is only published after it and its predecessors were written), so the state
//    never skips a version;
//  - an event arrives thin (personal fields withheld on the bus, withheld-event.ts): one withheld
//    whole is read from the store; one whose withheld field would reach the state is read from the
//    store and folded again, as the stored event is the only copy with its (sealed) personal fields;
//  - every item is written conditionally on its version (read-model-table.ts), so a slow delivery of
//    an older version never overwrites a newer one, and racing copies converge.
//
// Cross-stream totals (an agency's scorecard, a lawyer's subsidies) are never kept as running sums,
// except the statistics counters the reports read (statistics.ts and docs/decisions.md say how they
// stay exact). They are recomputed at query time from the per-stream items, found through the
// items' index keys. We chose this over per-stream contribution items plus totals updated in one
// TransactWriteItems because (1) an item is idempotent by its version alone, so a redelivered event
// cannot count twice by construction, with no transaction conflicts on hot total items; (2) when a
// case moves (another lawyer, a later closing month, a reinstated termination) its index keys move
// with it and no compensating update is needed; (3) a rebuild is the same code writing the same items.
// The price is read cost proportional to the group (an agency's cases of a month or year), which
// the report and scorecard queries pay; see docs/operations.md.

export type ProjectionOutcome = 'applied' | 'duplicate' | 'superseded';

/** Where the events of a stream are read back from: the event store, or (in a rebuild) the scanned events. */
export type StreamReader = { readStream: (stream: string, options: { from?: number; to?: number }) => Promise<EventEnvelope[]> };

/** One projection's per-stream state: how to read it back, fold an event into it, and write it. */
export type StreamTarget<S> = {
  /** The state and last applied version of the stream, read consistently; null before its first event. */
  read: (stream: string) => Promise<{ version: number; state: S } | null>;
  initial: (stream: string) => S;
  evolve: (state: S, envelope: EventEnvelope) => S;
  /** Writes every item of the stream (conditionally on `last.version`); false if a newer state was already there. */
  write: (stream: string, state: S, last: EventEnvelope) => Promise<boolean>;
};

export class GapNotFillableError extends Error {
  readonly code = 'GAP_NOT_FILLABLE';
  constructor(stream: string, from: number, to: number, got: number) {
    super(`stream ${stream}: versions ${from}..${to} were needed, the store returned ${got}; retry later`);
    this.name = 'GapNotFillableError';
  }
}

/**
 * The states a projection instance wrote last, per stream, the least recently written dropped first
 * (bounded). A cached state is a correct fold of its stream up to its version whatever the table
 * holds now, and every write is conditional on the version, so the cache is only trusted for the
 * next event in order: if another instance has written since, the write finds a newer state
 * ('superseded') and the entry is dropped. Anything else (a duplicate, a gap) reads the table as
 * before. This saves the read of the record for the common delivery: a case's next event reaching
 * the instance that applied the one before.
 */
export type StateCache = ReturnType<typeof createStateCache>;

export const createStateCache = (maxStreams = 5_000) => {
  const entries = new Map<string, { version: number; state: unknown }>();
  return {
    get: (stream: string) => entries.get(stream),
    set: (stream: string, version: number, state: unknown) => {
      entries.delete(stream);
      entries.set(stream, { version, state });
      if (entries.size > maxStreams) entries.delete(entries.keys().next().value!);
    },
    delete: (stream: string) => entries.delete(stream),
    get size() {
      return entries.size;
    },
  };
};

/** Applies one delivered event to its stream's state, filling any gap before it from `store`. */
export const applyStreamEvent = async <S>(
  target: StreamTarget<S>,
  store: StreamReader,
  envelope: EventEnvelope,
  cache?: StateCache,
): Promise<ProjectionOutcome> => {
  const cached = cache?.get(envelope.stream);
  const inOrder = cached !== undefined && envelope.version === cached.version + 1;
  try {
    const current = inOrder ? (cached as { version: number; state: S }) : await target.read(envelope.stream);
    if (current && envelope.version <= current.version) return 'duplicate';
    const from = (current?.version ?? 0) + 1;
    const readFromStore = async () => {
      const events = await store.readStream(envelope.stream, { from, to: envelope.version });
      if (events.length !== envelope.version - from + 1 || events.some((e, i) => e.version !== from + i)) {
        // Thrown, not skipped: the message is received again, and the projection's dead-letter queue keeps it if it never works.
        throw new GapNotFillableError(envelope.stream, from, envelope.version, events.length);
      }
      return events;
    };
    const fold = (events: EventEnvelope[]) => events.reduce(target.evolve, current?.state ?? target.initial(envelope.stream));
    const delivered = envelope.version === from && !isWithheldWhole(envelope);
    let missing = delivered ? [envelope] : await readFromStore();
    let state = fold(missing);
    // The delivered event is thin: if the state would keep a withheld field, the projection needs
    // it, and the stored event (its personal fields sealed, opened by the API's gate on read) is
    // folded instead. A read model never keeps `[withheld]` where a value was.
    if (delivered && holdsWithheld(state)) {
      missing = await readFromStore();
      state = fold(missing);
    }
    const written = await target.write(envelope.stream, state, missing.at(-1)!);
    if (written) cache?.set(envelope.stream, envelope.version, state);
    else cache?.delete(envelope.stream);
    return written ? 'applied' : 'superseded';
  } catch (error) {
    cache?.delete(envelope.stream);
    throw error;
  }
};
