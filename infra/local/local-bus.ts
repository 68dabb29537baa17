import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventPattern } from '../../events/routing.ts';
import type { DeadLetterStore } from './dead-letters.ts';
import { matchesPattern } from '../../events/event-pattern.ts';

export type BusEntry = { Source?: string; DetailType?: string; Detail?: string; Time?: string | number | Date; Resources?: string[]; EventBusName?: string };
export type BusEvent = {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  'replay-name'?: string;
};
export type LocalRule = { name: string; pattern: EventPattern; target: (event: BusEvent) => Promise<unknown>; deadLetterQueue: string };
export type EntryResult = { EventId?: string; ErrorCode?: string; ErrorMessage?: string };

const ACCOUNT = '000000000000';

/**
 * The local EventBridge bus: matches each event against the same rule patterns CDK deploys and
 * invokes the targets asynchronously, as EventBridge does: a failed delivery is retried with
 * backoff, and what still fails goes to the rule's dead-letter queue.
 */
export const createLocalBus = ({
  busName,
  region,
  rules,
  deadLetters,
  attempts = 3,
  backoffMs = 50,
  concurrency = 8,
  onDeliveryError = () => {},
}: {
  busName: string;
  region: string;
  rules: readonly LocalRule[];
  deadLetters: DeadLetterStore;
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
  onDeliveryError?: (rule: string, event: BusEvent, error: unknown) => void;
}) => {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];
  const stats = { received: 0, delivered: 0, deadLettered: 0 };

  const acquire = async () => {
    if (inFlight >= concurrency) await new Promise<void>((r) => waiting.push(r));
    inFlight++;
  };
  const release = () => {
    inFlight--;
    waiting.shift()?.();
    if (inFlight === 0 && waiting.length === 0) idleWaiters.splice(0).forEach((r) => r());
  };

  const deliver = async (rule: LocalRule, event: BusEvent) => {
    await acquire();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await rule.target(event);
          stats.delivered++;
          return;
        } catch (error) {
          onDeliveryError(rule.name, event, error);
          if (attempt >= attempts) {
            deadLetters.send(rule.deadLetterQueue, JSON.stringify({ kind: 'undelivered-event', rule: rule.name, event, error: String((error as Error)?.message ?? error) }));
            stats.deadLettered++;
            return;
          }
          await sleep(backoffMs * 2 ** (attempt - 1));
        }
      }
    } finally {
      release();
    }
  };

  const toEvent = (entry: BusEntry, replayName?: string): BusEvent | EntryResult => {
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
    if (entry.EventBusName && entry.EventBusName !== busName && !entry.EventBusName.endsWith(`/${busName}`)) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `no event bus ${entry.EventBusName}` };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not a JSON object' };
    const time = entry.Time === undefined ? new Date() : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: ACCOUNT,
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: entry.Resources ?? [],
      detail,
      ...(replayName ? { 'replay-name': replayName } : {}),
    };
  };

  /** Routes an event already shaped as EventBridge delivers it (a redrive or a replay). */
  const route = (event: BusEvent) => {
    for (const rule of rules) if (matchesPattern(rule.pattern, event)) void deliver(rule, event);
  };

  /**
   * Hands an event to one rule's target, once, and waits for it: what a redrive of that rule's
   * dead-letter queue does. Throws what the target threw, so the message stays in the queue.
   */
  const deliverTo = async (ruleName: string, event: BusEvent): Promise<void> => {
    const rule = rules.find((r) => r.name === ruleName);
    if (!rule) throw new Error(`no rule ${ruleName} on bus ${busName}`);
    await acquire();
    try {
      await rule.target(event);
      stats.delivered++;
    } finally {
      release();
    }
  };

  return {
    busName,
    stats,
    putEvents(entries: readonly BusEntry[], { replayName }: { replayName?: string } = {}): EntryResult[] {
      return entries.map((entry) => {
        const event = toEvent(entry, replayName);
        if (!('id' in event)) return event;
        stats.received++;
        route(event);
        return { EventId: event.id };
      });
    },
    route,
    deliverTo,
    /** Resolves once every delivery started so far (and its retries) has ended. */
    idle: (): Promise<void> => (inFlight === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r))),
  };
};

export type LocalBus = ReturnType<typeof createLocalBus>;
