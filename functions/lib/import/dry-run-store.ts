import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../../../events/envelope.ts';
import { VersionConflictError } from '../event-store/errors.ts';
import {
  envelopesOf,
  streamHeadOf,
  type AppendMeta,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type ReadOptions,
  type StreamHead,
} from '../event-store/event-store.ts';
import { findIdempotentEvents } from '../event-store/idempotency.ts';

/**
 * The store a dry run decides on (`npm run import -- --dry-run`): it reads what the real store holds
 * and keeps what the import would write in memory, on top of it, so every line is decided as it would
 * be (an assignment sees the worker registered two lines above, a re-run replays) and nothing is
 * stored. Nothing is sealed either: no record key is made for a record that will not exist.
 */
export const createDryRunStore = (base: EventStore, clock: () => Date = () => new Date()): EventStore => {
  const added = new Map<string, EventEnvelope[]>();

  const all = async (stream: string): Promise<EventEnvelope[]> => {
    const own = added.get(stream);
    const stored = await base.readStream(stream);
    return own ? [...stored, ...own] : stored;
  };
  const within = (events: EventEnvelope[], { from = 1, to = Number.MAX_SAFE_INTEGER }: ReadOptions) =>
    events.filter((e) => e.version >= from && e.version <= to);

  const readStream = async (stream: string, options: Omit<ReadOptions, 'limit'> = {}) => within(await all(stream), options);
  const readPage = async (stream: string, options: ReadOptions = {}) => {
    const events = within(await all(stream), options);
    return { events: options.limit ? events.slice(0, options.limit) : events, nextFrom: null };
  };
  const last = async (stream: string) => added.get(stream)?.at(-1) ?? base.last(stream);
  const head = async (stream: string): Promise<StreamHead> => streamHeadOf(stream, await readStream(stream));

  const appendMany = async (requests: readonly AppendRequest[], meta: AppendMeta): Promise<AppendResult[]> => {
    const recordedAt = clock().toISOString();
    const current = await Promise.all(requests.map((r) => all(r.stream)));
    if (meta.idempotency) {
      const found = current.map((events) => findIdempotentEvents(events, meta.idempotency!));
      if (found.every((f) => f !== null))
        return requests.map((r, i) => ({ stream: r.stream, events: found[i]!, head: streamHeadOf(r.stream, current[i]!), replayed: true }));
    }
    const heads = requests.map((r, i) => {
      const at = streamHeadOf(r.stream, current[i]!);
      const expected = typeof r.expected === 'number' ? r.expected : r.expected.version;
      if (expected !== at.version) throw new VersionConflictError(r.stream, expected, at.version);
      return at;
    });
    return requests.map((r, i) => {
      const events = envelopesOf(r, heads[i]!, meta, recordedAt, randomUUID);
      added.set(r.stream, [...(added.get(r.stream) ?? []), ...events]);
      return { stream: r.stream, events, head: streamHeadOf(r.stream, [...current[i]!, ...events]), replayed: false };
    });
  };
  const append = async (stream: string, expected: number | StreamHead, events: AppendRequest['events'], meta: AppendMeta) =>
    (await appendMany([{ stream, expected, events }], meta))[0]!;

  return { readPage, readStream, last, head, append, appendMany };
};
