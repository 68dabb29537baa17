import { AsyncLocalStorage } from 'node:async_hooks';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { VersionConflictError } from '../event-store/errors.ts';
import {
  MAX_ACTIONS,
  MAX_TRANSACTION_BYTES,
  streamHeadOf,
  type AppendMeta,
  type AppendRequest,
  type AppendResult,
  type DynamoEventStore,
  type EventStore,
  type ReadOptions,
  type StreamHead,
} from '../event-store/event-store.ts';
import { findIdempotentEvents } from '../event-store/idempotency.ts';
import { toItem } from '../event-store/item-codec.ts';

// The importer's store (docs/import.md "Batched appends"): every line runs through the same command
// path as on the store itself (the same handlers and deciders, sealing, idempotency keys and
// provenance), but on an overlay. What a line appends is made into its envelopes at once (sealed and
// chained, recordedAt its own) and held; the lines that finish meanwhile are written together, in
// transactions of whole lines (at most 25 items by default, 100 and 4 MB always, every item conditional on its version
// being free), and a line's outcome comes only once its events are stored. Streams the import has
// read or written are kept (bounded), so a record's next line reads nothing.
//
// Why the lines of one write never depend on each other: the scheduler (schedule.ts) starts a line
// only after the lines it depends on have their outcome, and an outcome comes after the write: a
// record's earlier lines, the earlier lines on a shared stream (a notice counter, a fund), the
// records it names (@record:). So a clash in a write is one line's alone: that line is run again on
// the store itself, line by line, as before batching (its write clashed because something else wrote
// its stream, or because a re-run finds its opening already stored), and the others are written.

/** The line an append belongs to: what it wrote, to be written together with other lines'. */
export type LineTicket = { envelopes: EventEnvelope[]; streams: Set<string> };

type Entry = { events: EventEnvelope[]; pending: number };

/** How a line's write ended: stored, or clashed (nothing of it stored: run it again on the store itself). */
export type TicketResult = 'stored' | 'clashed';

export type BatchedStore = {
  /** The overlay the line's handlers run on; appends made within `runLine` are held for the line. */
  store: EventStore;
  /** Runs `work` as the line `ticket`, so that the appends it makes are the ticket's. */
  runLine: <T>(ticket: LineTicket, work: () => Promise<T>) => Promise<T>;
  newTicket: () => LineTicket;
  /** Writes the ticket's events with the other lines waiting; resolves once they are stored or clashed. */
  commit: (ticket: LineTicket) => Promise<TicketResult>;
  /** Forgets what the ticket wrote (a line refused after it appended, or clashed): its streams are read again. */
  discard: (ticket: LineTicket) => void;
  /** Streams kept and events in them, for the memory figures. */
  size: () => { streams: number; events: number };
};

const CLASH_RETRIES = 3;

const itemBytes = (envelope: EventEnvelope) => Buffer.byteLength(JSON.stringify(toItem(envelope)));

/**
 * `maxKeptEvents` bounds what is kept of streams no line is writing (least recently used first out):
 * a stream dropped is read again by the line that next needs it. `maxItemsPerWrite` bounds a
 * transaction below DynamoDB's 100 items (a line's own events always go together, up to 100).
 */
export const createBatchedStore = (
  base: DynamoEventStore,
  { maxKeptEvents = 10_000, maxItemsPerWrite = 25 }: { maxKeptEvents?: number; maxItemsPerWrite?: number } = {},
): BatchedStore => {
  const itemsPerWrite = Math.min(maxItemsPerWrite, MAX_ACTIONS);
  const context = new AsyncLocalStorage<LineTicket>();
  /** Whole streams as the import knows them: what is stored, then what lines in flight appended. Map order is recency. */
  const kept = new Map<string, Entry>();
  let keptEvents = 0;

  const touch = (stream: string, entry: Entry) => {
    kept.delete(stream);
    kept.set(stream, entry);
  };
  const forget = (stream: string) => {
    const entry = kept.get(stream);
    if (!entry) return;
    keptEvents -= entry.events.length;
    kept.delete(stream);
  };
  const keep = (stream: string, events: EventEnvelope[]): Entry => {
    forget(stream);
    const entry = { events, pending: 0 };
    kept.set(stream, entry);
    keptEvents += events.length;
    evict();
    return entry;
  };
  const evict = () => {
    if (keptEvents <= maxKeptEvents) return;
    for (const [stream, entry] of kept) {
      if (keptEvents <= maxKeptEvents) break;
      if (entry.pending === 0) forget(stream);
    }
  };

  const whole = async (stream: string): Promise<Entry> => {
    const entry = kept.get(stream);
    if (entry) {
      touch(stream, entry);
      return entry;
    }
    return keep(stream, await base.readStream(stream));
  };
  const within = (events: readonly EventEnvelope[], { from = 1, to = Number.MAX_SAFE_INTEGER }: ReadOptions) =>
    events.filter((e) => e.version >= from && e.version <= to);

  const readStream = async (stream: string, options: Omit<ReadOptions, 'limit'> = {}) => {
    // A read from a later version (a command catching up after a clash) of a stream not kept goes to the store.
    if (!kept.has(stream) && (options.from ?? 1) > 1) return base.readStream(stream, options);
    return within((await whole(stream)).events, options);
  };
  const readPage = async (stream: string, options: ReadOptions = {}) => {
    if (!kept.has(stream)) return base.readPage(stream, options);
    const events = within((await whole(stream)).events, options);
    return { events: options.limit ? events.slice(0, options.limit) : events, nextFrom: null };
  };
  const last = async (stream: string) => {
    const entry = kept.get(stream);
    return entry ? (entry.events.at(-1) ?? null) : base.last(stream);
  };
  const head = async (stream: string): Promise<StreamHead> => {
    const entry = kept.get(stream);
    return entry ? streamHeadOf(stream, entry.events) : base.head(stream);
  };

  /** The stream as the append finds it: an opening (expected version 0) of a stream not kept is taken as empty, as the store's conditional put would. */
  const entryFor = async (request: AppendRequest): Promise<Entry> => {
    const expected = typeof request.expected === 'number' ? request.expected : request.expected.version;
    const entry = kept.get(request.stream);
    if (entry) return entry;
    // A stream that is not empty after all clashes on write: the line is then run on the store itself.
    if (expected === 0) return keep(request.stream, []);
    return whole(request.stream);
  };

  const appendMany = async (requests: readonly AppendRequest[], meta: AppendMeta): Promise<AppendResult[]> => {
    const ticket = context.getStore();
    if (!ticket) {
      // Not a line's (nothing the import runs): written at once, and what it wrote read again when needed.
      for (const r of requests) forget(r.stream);
      return base.appendMany(requests, meta);
    }
    const entries = await Promise.all(requests.map(entryFor));
    if (meta.idempotency) {
      const found = entries.map((e) => findIdempotentEvents(e.events, meta.idempotency!));
      if (found.every((f) => f !== null))
        return requests.map((r, i) => ({
          stream: r.stream,
          events: found[i]!,
          head: streamHeadOf(r.stream, entries[i]!.events),
          replayed: true,
        }));
    }
    const heads = requests.map((r, i) => {
      const at = streamHeadOf(r.stream, entries[i]!.events);
      const expected = typeof r.expected === 'number' ? r.expected : r.expected.version;
      if (expected !== at.version) throw new VersionConflictError(r.stream, expected, at.version);
      return at;
    });
    const made = await base.prepareAppend(requests, heads, meta);
    return requests.map((r, i) => {
      const events = made[i]!;
      const entry = entries[i]!;
      entry.events.push(...events);
      entry.pending += events.length;
      keptEvents += events.length;
      ticket.envelopes.push(...events);
      ticket.streams.add(r.stream);
      return { stream: r.stream, events, head: streamHeadOf(r.stream, entry.events), replayed: false };
    });
  };
  const append = async (stream: string, expected: number | StreamHead, events: AppendRequest['events'], meta: AppendMeta) =>
    (await appendMany([{ stream, expected, events }], meta))[0]!;

  /** The ticket's events are stored: its streams keep them as stored. */
  const settle = (ticket: LineTicket) => {
    for (const stream of ticket.streams) {
      const entry = kept.get(stream);
      if (entry) entry.pending -= ticket.envelopes.filter((e) => e.stream === stream).length;
    }
    evict();
  };
  const discard = (ticket: LineTicket) => {
    for (const stream of ticket.streams) forget(stream);
  };

  type Waiting = { ticket: LineTicket; bytes: number; done: (result: TicketResult) => void; failed: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let writing = false;

  /** Whole lines, in the order they finished, into transactions that keep DynamoDB's limits. */
  const chunksOf = (lines: readonly Waiting[]): Waiting[][] => {
    const chunks: Waiting[][] = [];
    let chunk: Waiting[] = [];
    let items = 0;
    let bytes = 0;
    for (const line of lines) {
      const n = line.ticket.envelopes.length;
      if (chunk.length > 0 && (items + n > itemsPerWrite || bytes + line.bytes > MAX_TRANSACTION_BYTES)) {
        chunks.push(chunk);
        chunk = [];
        items = 0;
        bytes = 0;
      }
      chunk.push(line);
      items += n;
      bytes += line.bytes;
    }
    if (chunk.length > 0) chunks.push(chunk);
    return chunks;
  };

  /** Which lines of a clashed write clashed on their own items (a transaction names each item's reason). */
  const clashedLines = (chunk: readonly Waiting[], error: unknown): Set<Waiting> | 'in-flight' | null => {
    if (error instanceof ConditionalCheckFailedException) return new Set(chunk);
    if (!(error instanceof TransactionCanceledException)) return null;
    const reasons = error.CancellationReasons ?? [];
    const owners = chunk.flatMap((line) => line.ticket.envelopes.map(() => line));
    const clashed = new Set<Waiting>();
    reasons.forEach((reason, i) => {
      if (reason.Code === 'ConditionalCheckFailed' && owners[i]) clashed.add(owners[i]);
    });
    if (clashed.size > 0) return clashed;
    return reasons.some((r) => r.Code === 'TransactionConflict') ? 'in-flight' : null;
  };

  const writeChunk = async (chunk: Waiting[]): Promise<void> => {
    for (let attempt = 1; chunk.length > 0; attempt++) {
      try {
        await base.putEnvelopes(chunk.flatMap((line) => line.ticket.envelopes));
        for (const line of chunk) {
          settle(line.ticket);
          line.done('stored');
        }
        return;
      } catch (error) {
        const clashed = clashedLines(chunk, error);
        if (clashed === null || (clashed === 'in-flight' && attempt >= CLASH_RETRIES)) {
          for (const line of chunk) {
            discard(line.ticket);
            line.failed(error);
          }
          return;
        }
        if (clashed !== 'in-flight') {
          for (const line of clashed) {
            discard(line.ticket);
            line.done('clashed');
          }
          chunk = chunk.filter((line) => !clashed.has(line));
        }
      }
    }
  };

  const writeWaiting = async () => {
    if (writing) return;
    writing = true;
    try {
      while (waiting.length > 0) {
        const lines = waiting;
        waiting = [];
        // One transaction at a time, of at most `itemsPerWrite` items: DynamoDB Local holds a lock
        // for the whole of a transaction, and the API and the projections' writes wait on it (long
        // ones time out "waiting for a lock"), so a few short ones serve them better than one long one.
        for (const chunk of chunksOf(lines)) await writeChunk(chunk);
      }
    } finally {
      writing = false;
    }
  };

  const commit = (ticket: LineTicket): Promise<TicketResult> => {
    if (ticket.envelopes.length === 0) return Promise.resolve('stored');
    return new Promise<TicketResult>((done, failed) => {
      waiting.push({ ticket, bytes: ticket.envelopes.reduce((n, e) => n + itemBytes(e), 0), done, failed });
      // The lines that finish in this turn of the event loop go with this one.
      setImmediate(() => void writeWaiting());
    });
  };

  return {
    store: { readPage, readStream, last, head, append, appendMany },
    runLine: (ticket, work) => context.run(ticket, work),
    newTicket: () => ({ envelopes: [], streams: new Set() }),
    commit,
    discard,
    size: () => ({ streams: kept.size, events: keptEvents }),
  };
};
