import type { EventEnvelope } from '../../events/envelope.ts';
import type { VersionConflictError } from './event-store/errors.ts';
import { streamHeadOf, type EventStore, type StreamHead } from './event-store/event-store.ts';

type Folder<S> = { evolve: (state: S, envelope: EventEnvelope) => S; initialState: () => S };

/** What one command read of each stream: whole, or its newest event alone. */
type Read = { envelopes: EventEnvelope[]; whole: boolean; folds: Map<Folder<unknown>, { count: number; state: unknown }> };

/**
 * The streams one command reads, kept across its tries: each is read once, and after a clash only
 * what it gained is read again, so deciding again costs little more than the first decision.
 */
export type StreamReads = {
  /** Every event of the stream. */
  events: (stream: string) => Promise<readonly EventEnvelope[]>;
  /** The stream's newest event alone: enough for a counter whose version is its count. */
  newest: (stream: string) => Promise<EventEnvelope | null>;
  /** The stream folded; after a clash only the events it gained are folded in. */
  fold: <S>(stream: string, folder: Folder<S>) => Promise<S>;
  /** Where the stream stood when it was read: the version an append to it expects. */
  headOf: (stream: string) => StreamHead;
  /**
   * After a clash on an append to `written`: each stream the clash showed unmoved stays as read (the
   * store already read its tail to explain the clash); the others are read again, now, after the
   * pause, since a stream that moved once is likely to move again. Streams only read stay as read:
   * no append was conditional on them.
   */
  catchUp: (written: readonly string[], clash: VersionConflictError) => Promise<void>;
};

/**
 * `known` streams are taken to be empty without a read (a stream whose id this very request names).
 * `onRead` sees each stream's events as they are read, and may refuse the command (an erased record).
 */
export const createStreamReads = (
  store: EventStore,
  known: readonly string[] = [],
  onRead?: (stream: string, envelopes: readonly EventEnvelope[]) => void,
): StreamReads => {
  const reads = new Map<string, Read>(known.map((s) => [s, { envelopes: [], whole: true, folds: new Map() }]));

  const events = async (stream: string) => {
    const read = reads.get(stream);
    if (read?.whole) return read.envelopes;
    const envelopes = await store.readStream(stream);
    onRead?.(stream, envelopes);
    reads.set(stream, { envelopes, whole: true, folds: new Map() });
    return envelopes;
  };

  const newest = async (stream: string) => {
    const read = reads.get(stream);
    if (read) return read.envelopes.at(-1) ?? null;
    const last = await store.last(stream);
    onRead?.(stream, last ? [last] : []);
    reads.set(stream, { envelopes: last ? [last] : [], whole: false, folds: new Map() });
    return last;
  };

  const fold = async <S>(stream: string, folder: Folder<S>): Promise<S> => {
    const envelopes = await events(stream);
    const read = reads.get(stream)!;
    const done = (read.folds.get(folder as Folder<unknown>) as { count: number; state: S } | undefined) ?? {
      count: 0,
      state: folder.initialState(),
    };
    const state = envelopes.slice(done.count).reduce(folder.evolve, done.state);
    read.folds.set(folder as Folder<unknown>, { count: envelopes.length, state });
    return state;
  };

  const headOf = (stream: string) => {
    const read = reads.get(stream);
    if (!read) throw new Error(`${stream} was not read, so no append to it can name a version`);
    return streamHeadOf(stream, read.envelopes);
  };

  const catchUp = async (written: readonly string[], clash: VersionConflictError) => {
    await Promise.all(
      written.map(async (stream) => {
        if (clash.since?.get(stream)?.length === 0) return;
        const read = reads.get(stream)!;
        // What a stream gained is seen by `onRead` as its first read was: an erasure that came in
        // between refuses the command here too, before anything is appended after it.
        if (!read.whole) {
          const last = await store.last(stream);
          onRead?.(stream, last ? [last] : []);
          reads.set(stream, { envelopes: last ? [last] : [], whole: false, folds: new Map() });
          return;
        }
        read.envelopes.push(...(await store.readStream(stream, { from: headOf(stream).version + 1 })));
        onRead?.(stream, read.envelopes);
      }),
    );
  };

  return { events, newest, fold, headOf, catchUp };
};
