import { createHash, createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Decider } from '../../domain/decider.ts';
import { canonicalJson } from '../../events/canonical-json.ts';
import type { EventDefinition } from '../../events/catalogue/define-event.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { domainErrorCodes, refuse } from '../../domain/error-codes.ts';
import { isErasureEvent } from '../../domain/privacy/erased-event.ts';
import { PreconditionFailedError, VersionConflictError } from './event-store/errors.ts';
import { HttpError } from './http/http-error.ts';
import type { AppendMeta, AppendRequest, EventStore, NewEvent } from './event-store/event-store.ts';
import { findIdempotentEvents } from './event-store/idempotency.ts';
import { newEventOf } from './event-store/new-event.ts';
import { createStreamReads, type StreamReads } from './stream-reads.ts';

export type { StreamReads } from './stream-reads.ts';

type TypedEvent = { type: string; data: unknown };

export type CommandOutcome = { stream: string; version: number; events: EventEnvelope[]; replayed: boolean };

/**
 * How a command meets a race at the store. One that names no version (no If-Match) was never tied to
 * a version, so losing means only that a stream moved on between load and append: it reads again,
 * decides again on the new state (which may now refuse it) and appends again, a bounded number of
 * times with jittered backoff, before it gives up with the 409 a caller with If-Match gets at once.
 */
export type RaceRetry = {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number /** No new try once this long has passed (the API's timeout is 10 s). */;
  budgetMs: number;
};
export const DEFAULT_RACE_RETRY: RaceRetry = { attempts: 12, baseDelayMs: 10, maxDelayMs: 1_000, budgetMs: 5_000 };

/** Whether a race lost at `attempt` may be tried again, started at `started` (ms). */
export const mayRetry = ({ attempts, budgetMs }: RaceRetry, attempt: number, started: number) =>
  attempt < attempts && Date.now() - started < budgetMs;

/**
 * "Full jitter" backoff before try `attempt + 1`, so racing losers spread out instead of clashing
 * again. Its scale is at least what the lost try took: when the store is slow (many racers, a busy
 * machine) the racers spread over a window as long as it takes them to get through one by one.
 */
export const raceBackoff = (attempt: number, { baseDelayMs, maxDelayMs }: RaceRetry = DEFAULT_RACE_RETRY, lostTryMs = 0) =>
  sleep(Math.random() * Math.min(maxDelayMs, Math.max(baseDelayMs, lostTryMs) * 2 ** (attempt - 1)));

/**
 * A stable fingerprint of a request, so a retry can be told from a different request under the same
 * key. With the stack's request-hash secret (privacy/request-hash-key.ts) it is an HMAC-SHA256, which
 * nobody without the secret can recompute from a guessed body (a request holds personal data, the
 * hash is shown in the history). Without one it is a plain SHA-256: only for requests that carry no
 * personal data (the registry seed: organisations) or a store that never seals.
 */
export const requestHashOf = (parts: unknown, key?: Buffer): string =>
  (key ? createHmac('sha256', key) : createHash('sha256')).update(canonicalJson(parts)).digest('hex');

/** What a command writes to one stream; each stream is appended at the version it was read at. */
export type StreamWrite = { stream: string; events: readonly TypedEvent[] };

/**
 * One command over one or several streams. `stream` is the one it answers for: a retry's first
 * events are found on it, If-Match binds it, and its events are the answer. Other streams it writes
 * (a notice counter, a fund) are never named by the caller, so a clash on them is always tried again.
 */
export type CommandPlan = {
  stream: string;
  meta: AppendMeta;
  /** The version the stream must stand at (0: an opening, the stream must not exist); a mismatch is a 409. */
  expectedVersion?: number;
  /**
   * The version the caller last saw (If-Match): a mismatch before anything is decided, or a write
   * that came in between and won the append, is a 412 (PreconditionFailedError), never tried again.
   */
  ifMatch?: number;
  occurredAt?: string;
  /**
   * The stream's id comes from this request's idempotency key, so it can only exist if this very
   * request already ran: it is decided on the empty stream without a read, and a clash on append is
   * explained by the store (the first copy's events, or a 422 for another request on the key).
   */
  newStream?: boolean;
  retry?: RaceRetry;
  /** Whether this caller may act on the streams as they stand (throws if not); after the retry check, before If-Match. */
  check?: (reads: StreamReads) => Promise<void> | void;
  decide: (reads: StreamReads) => Promise<readonly StreamWrite[]> | readonly StreamWrite[];
  /** Only the erasure itself acts on a record whose personal data was erased; every other command is refused. */
  onErased?: 'refuse' | 'decide';
};

/**
 * After erasure (PIPL Art 47) a record takes no further command: nothing may be added to it, done on
 * it, or decided from it (the worker of an assignment, the case of a subsidy). Only the erasure
 * itself (`onErased: 'decide'`) reads on. A retry of a command accepted before the erasure is still
 * answered from its first events.
 */
const refuseErased = (stream: string, envelopes: readonly EventEnvelope[]) => {
  if (envelopes.some(isErasureEvent))
    throw new HttpError(409, 'RECORD_ERASED', `the personal data of ${stream} was erased; it takes no further commands`, {
      details: { rule: domainErrorCodes.RECORD_ERASED.rule },
    });
};

/**
 * A stream's business times never run backwards: a command that says when it happened (a late
 * entry, an assignment's closing) cannot say it happened before the step it follows, or the steps'
 * deadlines would count from an order that never was.
 */
const inBusinessOrder = (last: EventEnvelope | undefined, occurredAt: string | undefined) => {
  if (occurredAt && last && Date.parse(last.occurredAt) > Date.parse(occurredAt))
    throw refuse(
      'TIME_OUT_OF_ORDER',
      `occurredAt ${occurredAt} is before the business time of the step it follows (${last.type} at ${last.occurredAt})`,
      'occurredAt',
    );
};

/** Read → decide → append, the one path every command takes, with the one retry policy. */
export const createPlanRunner = ({
  store,
  catalogue,
  raceRetry = DEFAULT_RACE_RETRY,
}: {
  store: EventStore;
  catalogue: ReadonlyMap<string, EventDefinition>;
  raceRetry?: RaceRetry;
}) => {
  const toNewEvent = (event: TypedEvent, occurredAt?: string): NewEvent => newEventOf(catalogue, event, occurredAt);

  const appendAll = async (requests: readonly AppendRequest[], meta: AppendMeta) =>
    requests.length === 1
      ? [await store.append(requests[0]!.stream, requests[0]!.expected, requests[0]!.events, meta)]
      : store.appendMany(requests, meta);

  const execute = async (plan: CommandPlan): Promise<CommandOutcome> => {
    const { stream, meta, ifMatch } = plan;
    const expectedVersion = ifMatch ?? plan.expectedVersion;
    const retry = plan.retry ?? raceRetry;
    const started = Date.now();
    // Every other stream the check and the decision read is refused once erased, as it is read; the
    // command's own stream after the retry check below, so a retry is still answered.
    const guard =
      plan.onErased === 'decide'
        ? undefined
        : (read: string, envelopes: readonly EventEnvelope[]) => read !== stream && refuseErased(read, envelopes);
    const reads = createStreamReads(store, plan.newStream ? [stream] : [], guard);
    for (let attempt = 1; ; attempt++) {
      const own = await reads.events(stream);
      if (meta.idempotency) {
        // A retry is answered from the events its first copy wrote, before anything is decided again;
        // also how a racing copy of this very request that won is found.
        const earlier = findIdempotentEvents(own, meta.idempotency);
        if (earlier) return { stream, version: earlier.at(-1)!.version, events: earlier, replayed: true };
      }
      if (meta.deferredRefusal) {
        // A stream this request would open is not read above: its first copy's events are looked for here.
        const first = plan.newStream && meta.idempotency ? findIdempotentEvents(await store.readStream(stream), meta.idempotency) : null;
        if (first) return { stream, version: first.at(-1)!.version, events: first, replayed: true };
        throw meta.deferredRefusal;
      }
      if (plan.onErased !== 'decide') refuseErased(stream, own);
      await plan.check?.(reads);
      const head = reads.headOf(stream);
      if (ifMatch !== undefined && ifMatch !== head.version) throw new PreconditionFailedError(stream, ifMatch, head.version);
      if (expectedVersion !== undefined && expectedVersion !== head.version)
        throw new VersionConflictError(stream, expectedVersion, head.version);
      inBusinessOrder(own.at(-1), meta.occurredAt);
      const writes = await plan.decide(reads);
      const requests = writes.map((w) => ({
        stream: w.stream,
        expected: reads.headOf(w.stream),
        events: w.events.map((e) => toNewEvent(e, plan.occurredAt)),
      }));
      const answering = requests.findIndex((r) => r.stream === stream);
      if (answering === -1) throw new Error(`a command on ${stream} must write to it (an empty write is enough)`);
      const tried = Date.now();
      try {
        const result = (await appendAll(requests, meta))[answering]!;
        return { stream, version: result.events.at(-1)?.version ?? result.head.version, events: result.events, replayed: result.replayed };
      } catch (error) {
        // If-Match (or an opening, at version 0) stays strict on the stream the caller named.
        const again =
          error instanceof VersionConflictError &&
          (expectedVersion === undefined || error.stream !== stream) &&
          mayRetry(retry, attempt, started);
        if (!again) {
          if (ifMatch !== undefined && error instanceof VersionConflictError && error.stream === stream)
            throw new PreconditionFailedError(stream, ifMatch, error.currentVersion);
          throw error;
        }
        await raceBackoff(attempt, retry, Date.now() - tried);
        await reads.catchUp(
          requests.map((r) => r.stream),
          error,
        );
      }
    }
  };

  return { execute, toNewEvent };
};

/** A decider's events read back from their envelopes, folded from the initial state. */
export const folderOf = <E, S>(
  decider: Pick<Decider<unknown, E, S, unknown>, 'evolve' | 'initialState'>,
  catalogue: ReadonlyMap<string, EventDefinition>,
) => ({
  evolve: (state: S, envelope: EventEnvelope) => decider.evolve(state, readEventData(catalogue, envelope) as E),
  initialState: decider.initialState,
});

/** The runner of one decider's commands on one stream each. */
export const createCommandRunner = <C, E extends TypedEvent, S, Ctx>(deps: {
  store: EventStore;
  decider: Decider<C, E, S, Ctx>;
  catalogue: ReadonlyMap<string, EventDefinition>;
  raceRetry?: RaceRetry;
}) => {
  const plans = createPlanRunner(deps);
  const folder = folderOf(deps.decider, deps.catalogue);

  const load = async (stream: string) => {
    const envelopes = await deps.store.readStream(stream);
    return { envelopes, state: envelopes.reduce(folder.evolve, folder.initialState()) };
  };

  const run = ({
    stream,
    command,
    context,
    check,
    ...plan
  }: Omit<CommandPlan, 'check' | 'decide'> & {
    command: C;
    context: Ctx;
    /** Whether this caller may act on the stream as it stands (throws if not); after the retry check. */
    check?: (state: S) => void;
  }): Promise<CommandOutcome> =>
    plans.execute({
      ...plan,
      stream,
      ...(check ? { check: async (reads: StreamReads) => check(await reads.fold(stream, folder)) } : {}),
      decide: async (reads) => [{ stream, events: deps.decider.decide(command, await reads.fold(stream, folder), context) }],
    });

  return { load, run, folder, toNewEvent: plans.toNewEvent };
};
