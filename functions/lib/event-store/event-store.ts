import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { envelopeSchema, GENESIS_HASH, type Actor, type EventEnvelope } from '../../../events/envelope.ts';
import { hashEvent } from '../../../events/hash-chain.ts';
import { AppendTooLargeError, VersionConflictError } from './errors.ts';
import { findIdempotentEvents, type IdempotencyToken } from './idempotency.ts';
import { fromItem, toItem } from './item-codec.ts';
import type { PersonalSealer } from '../privacy/sealer.ts';

export type NewEvent = {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  /** When it happened in the world (a hearing, a receipt); defaults to when it was recorded. */
  occurredAt?: string;
};

export type AppendMeta = {
  actor: Actor;
  workstation: string | null;
  correlationId: string;
  causationId?: string | null;
  idempotency?: IdempotencyToken;
  /** The command's business time (domain/time/business-time.ts), for every event it writes that names none. */
  occurredAt?: string;
  /** The flag of a late entry, carried by every event the command writes. */
  lateEntry?: EventEnvelope['lateEntry'];
  /** Where an imported command came from (events/envelope.ts), carried by every event it writes. */
  provenance?: EventEnvelope['provenance'];
  /**
   * The refusal of the request's own business time, not thrown at once: a retry of a request that
   * was accepted gets its first answer even when its business time has since left the tolerance or
   * the window. The command runner throws it once it knows the request is not such a retry; nothing
   * is stored with it.
   */
  deferredRefusal?: Error;
};

/** Where a stream ends: its last version and that event's hash, which the next event must name. */
export type StreamHead = { stream: string; version: number; hash: string };

export type AppendRequest = { stream: string; expected: number | StreamHead; events: readonly NewEvent[] };

export type AppendResult = {
  stream: string;
  events: EventEnvelope[];
  head: StreamHead;
  /** True when the idempotency key had already been written: nothing new was stored. */
  replayed: boolean;
};

export type ReadOptions = { from?: number; to?: number; limit?: number };
export type ReadPage = { events: EventEnvelope[]; nextFrom: number | null };

export type EventStoreOptions = {
  client: DynamoDBClient;
  tableName: string;
  /**
   * Seals personal fields before events are hashed and stored (functions/lib/privacy/sealer.ts). Every
   * store that appends has one; a store that only reads needs none.
   */
  sealer?: PersonalSealer;
  clock?: () => Date;
  newId?: () => string;
};

// DynamoDB's limits for one TransactWriteItems call; an item is held to what one EventBridge entry
// can carry (256 KB with its envelope), below DynamoDB's 400 KB, so every stored event can be published.
export const MAX_ACTIONS = 100;
const MAX_ITEM_BYTES = 240 * 1024;
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
const MAX_VERSION = Number.MAX_SAFE_INTEGER;
// A transaction that clashed with another in flight but found every stream unmoved is tried again.
const MAX_TRANSIENT_ATTEMPTS = 3;

/** What the command path uses of a store; an overlay (the dry run's, the importer's batches) provides the same. */
export type EventStore = Omit<ReturnType<typeof createEventStore>, 'prepareAppend' | 'putEnvelopes'>;
/** The store itself, with the two halves of an append a batching writer calls apart. */
export type DynamoEventStore = ReturnType<typeof createEventStore>;

export const createEventStore = ({ client, tableName, sealer, clock = () => new Date(), newId = randomUUID }: EventStoreOptions) => {
  const readPage = async (stream: string, { from = 1, to = MAX_VERSION, limit }: ReadOptions = {}): Promise<ReadPage> => {
    if (from > to) return { events: [], nextFrom: null };
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#s = :s AND #v BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#s': 'stream', '#v': 'version' },
        ExpressionAttributeValues: { ':s': { S: stream }, ':from': { N: String(from) }, ':to': { N: String(to) } },
        ConsistentRead: true,
        ...(limit ? { Limit: limit } : {}),
      }),
    );
    const events = (out.Items ?? []).map(fromItem);
    const last = events.at(-1);
    const more = out.LastEvaluatedKey !== undefined && last !== undefined && last.version < to;
    return { events, nextFrom: more ? last.version + 1 : null };
  };

  /** Every event of the stream in [from, to], all pages, with the head it ends at. */
  const readStream = async (stream: string, options: Omit<ReadOptions, 'limit'> = {}) => {
    const events: EventEnvelope[] = [];
    let from: number | null = options.from ?? 1;
    while (from !== null) {
      const page: ReadPage = await readPage(stream, { ...options, from });
      events.push(...page.events);
      from = page.nextFrom;
    }
    return events;
  };

  /** The stream's newest event (one Query, newest first, one item), or null for an empty stream. */
  const last = async (stream: string): Promise<EventEnvelope | null> => {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'stream' },
        ExpressionAttributeValues: { ':s': { S: stream } },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? fromItem(item) : null;
  };

  const head = async (stream: string): Promise<StreamHead> => {
    const newest = await last(stream);
    return newest ? { stream, version: newest.version, hash: newest.hash } : { stream, version: 0, hash: GENESIS_HASH };
  };

  const resolveHead = async (stream: string, expected: number | StreamHead): Promise<StreamHead> => {
    if (typeof expected !== 'number') return expected;
    if (expected === 0) return { stream, version: 0, hash: GENESIS_HASH };
    const out = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { stream: { S: stream }, version: { N: String(expected) } },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) throw new VersionConflictError(stream, expected, (await head(stream)).version);
    return { stream, version: expected, hash: fromItem(out.Item).hash };
  };

  const seal = (request: AppendRequest, from: StreamHead, meta: AppendMeta, recordedAt: string) =>
    envelopesOf(request, from, meta, recordedAt, newId);

  const checkSize = (items: ReturnType<typeof toItem>[]) => {
    if (items.length > MAX_ACTIONS)
      throw new AppendTooLargeError(`one command may write at most ${MAX_ACTIONS} events; it wrote ${items.length}`);
    let total = 0;
    for (const item of items) {
      const bytes = Buffer.byteLength(JSON.stringify(item));
      if (bytes > MAX_ITEM_BYTES) throw new AppendTooLargeError(`an event may take at most ${MAX_ITEM_BYTES} bytes; one takes ${bytes}`);
      total += bytes;
    }
    if (total > MAX_TRANSACTION_BYTES)
      throw new AppendTooLargeError(`one command may write at most ${MAX_TRANSACTION_BYTES} bytes; it wrote ${total}`);
  };

  const condition = { ConditionExpression: 'attribute_not_exists(#v)', ExpressionAttributeNames: { '#v': 'version' } };

  /**
   * After a clash: either our own key is already there (a retry or a racing copy), or another writer
   * moved a stream (a conflict), or a transaction in flight touched the same items and has since
   * ended without moving anything (null: the same write may simply be tried again).
   */
  const explainClash = async (
    requests: readonly AppendRequest[],
    heads: readonly StreamHead[],
    meta: AppendMeta,
  ): Promise<AppendResult[] | null> => {
    // What each stream gained since the expected version: the same read answers both questions.
    const tails = await Promise.all(requests.map((r, i) => readStream(r.stream, { from: (heads[i]?.version ?? 0) + 1 })));
    if (meta.idempotency) {
      const replays: AppendResult[] = [];
      for (const [i, request] of requests.entries()) {
        const after = tails[i]!;
        const found = findIdempotentEvents(after, meta.idempotency);
        if (!found) break;
        replays.push({ stream: request.stream, events: found, head: streamHeadOf(request.stream, after), replayed: true });
      }
      if (replays.length === requests.length) return replays;
    }
    for (const [i, request] of requests.entries()) {
      const expected = heads[i]?.version ?? 0;
      const current = tails[i]!.at(-1)?.version ?? expected;
      if (current !== expected)
        throw new VersionConflictError(request.stream, expected, current, new Map(requests.map((r, j) => [r.stream, tails[j]!])));
    }
    return null;
  };

  /**
   * Appends the events of one command to one or more streams, all or nothing. Each stream must be at
   * its expected version; a single event is one conditional PutItem, anything more one transaction.
   */
  /** The personal fields of each request's events sealed under its record's key (a record's opening makes the key). */
  const sealRequests = async (given: readonly AppendRequest[]): Promise<readonly AppendRequest[]> =>
    sealer
      ? Promise.all(
          given.map(async (r) => ({ ...r, events: await sealer.seal(r.stream, r.events, { opening: versionOf(r.expected) === 0 }) })),
        )
      : given;

  /** The envelopes of one command's append, sealed, chained onto the heads, checked to read back and to fit one transaction. */
  const envelopesAt = (requests: readonly AppendRequest[], heads: readonly StreamHead[], meta: AppendMeta) => {
    const recordedAt = clock().toISOString();
    const sealed = requests.map((r, i) => seal(r, heads[i]!, meta, recordedAt));
    // Never store what would not read back: one such item would fail its stream for good.
    for (const event of sealed.flat()) {
      const checked = envelopeSchema.safeParse(event);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new Error(
          `refusing to store ${event.stream}@${event.version}: it would not read back (${issue?.path.join('.') || 'envelope'}: ${issue?.message ?? 'invalid'})`,
        );
      }
    }
    const items = sealed.flat().map(toItem);
    if (items.length > 0) checkSize(items);
    return { sealed, items };
  };

  /**
   * What `appendMany` would write, without writing it: for a caller that holds a command's events
   * and writes them later with others (the importer's batched appends, functions/lib/import/batched-store.ts).
   * The heads are the ones the caller knows the streams at; nothing is read.
   */
  const prepareAppend = async (given: readonly AppendRequest[], heads: readonly StreamHead[], meta: AppendMeta) =>
    envelopesAt(await sealRequests(given), heads, meta).sealed;

  /**
   * Writes envelopes already made (prepareAppend) as they are, each conditional on its version being
   * free, all or nothing: one PutItem for one, else one transaction (the caller keeps to 100 items and
   * 4 MB). A clash is thrown as DynamoDB gives it (the caller knows which command each item is of).
   */
  const putEnvelopes = async (envelopes: readonly EventEnvelope[]): Promise<void> => {
    const items = envelopes.map(toItem);
    if (items.length === 0) return;
    if (items.length === 1) await client.send(new PutItemCommand({ TableName: tableName, Item: items[0]!, ...condition }));
    else
      await client.send(
        new TransactWriteItemsCommand({ TransactItems: items.map((Item) => ({ Put: { TableName: tableName, Item, ...condition } })) }),
      );
  };

  const appendMany = async (given: readonly AppendRequest[], meta: AppendMeta): Promise<AppendResult[]> => {
    const requests = await sealRequests(given);
    const heads = await Promise.all(requests.map((r) => resolveHead(r.stream, r.expected)));
    const { sealed, items } = envelopesAt(requests, heads, meta);
    if (items.length === 0) return requests.map((r, i) => ({ stream: r.stream, events: [], head: heads[i]!, replayed: false }));
    for (let attempt = 1; ; attempt++) {
      try {
        if (items.length === 1) {
          await client.send(new PutItemCommand({ TableName: tableName, Item: items[0]!, ...condition }));
        } else {
          await client.send(
            new TransactWriteItemsCommand({ TransactItems: items.map((Item) => ({ Put: { TableName: tableName, Item, ...condition } })) }),
          );
        }
        break;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException || isClashCancellation(error))) throw error;
        const explained = await explainClash(requests, heads, meta);
        if (explained) return explained;
        if (attempt >= MAX_TRANSIENT_ATTEMPTS) throw new VersionConflictError(requests[0]!.stream, heads[0]!.version, heads[0]!.version);
      }
    }
    return requests.map((r, i) => {
      const events = sealed[i]!;
      const newest = events.at(-1);
      return {
        stream: r.stream,
        events,
        head: newest ? { stream: r.stream, version: newest.version, hash: newest.hash } : heads[i]!,
        replayed: false,
      };
    });
  };

  const append = async (
    stream: string,
    expected: number | StreamHead,
    events: readonly NewEvent[],
    meta: AppendMeta,
  ): Promise<AppendResult> => (await appendMany([{ stream, expected, events }], meta))[0]!;

  return { readPage, readStream, last, head, append, appendMany, prepareAppend, putEnvelopes };
};

const versionOf = (expected: number | StreamHead): number => (typeof expected === 'number' ? expected : expected.version);

/** The envelopes of one stream's new events, hashed and chained onto `from`: how every store writes an event. */
export const envelopesOf = (
  request: AppendRequest,
  from: StreamHead,
  meta: AppendMeta,
  recordedAt: string,
  newId: () => string = randomUUID,
): EventEnvelope[] => {
  let prevHash = from.hash;
  return request.events.map((event, i) => {
    const unsealed = {
      eventId: newId(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      stream: request.stream,
      version: from.version + i + 1,
      occurredAt: event.occurredAt ?? meta.occurredAt ?? recordedAt,
      recordedAt,
      ...(meta.lateEntry ? { lateEntry: meta.lateEntry } : {}),
      ...(meta.provenance ? { provenance: meta.provenance } : {}),
      actor: meta.actor,
      workstation: meta.workstation,
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? null,
      idempotencyKey: meta.idempotency?.key ?? null,
      requestHash: meta.idempotency?.requestHash ?? null,
      prevHash,
      data: event.data,
    };
    const sealed = { ...unsealed, hash: hashEvent(unsealed) };
    prevHash = sealed.hash;
    return sealed;
  });
};

const isClashCancellation = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');

export const streamHeadOf = (stream: string, events: readonly EventEnvelope[]): StreamHead => {
  const last = events.at(-1);
  return last ? { stream, version: last.version, hash: last.hash } : { stream, version: 0, hash: GENESIS_HASH };
};
