import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventPattern } from '../../events/routing.ts';
import { matchesPattern } from '../../events/event-pattern.ts';
import type { MessageAttributeValue } from './local-queues.ts';

export type BusEntry = {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: string | number | Date;
  Resources?: string[];
  EventBusName?: string;
};
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
export type LocalRule = {
  name: string;
  pattern: EventPattern;
  /** Delivers the event to the rule's target (in the stack: SendMessage into the projection's source queue). */
  target: (event: BusEvent) => Promise<unknown>;
  deadLetterQueue: string;
  /** For the dead-letter message's attributes; defaults name the rule on the local bus. */
  ruleArn?: string;
  targetArn?: string;
};
/** Where undeliverable events go: the local SQS queues. */
export type DeadLetterSink = { send: (queue: string, body: string, attributes: Record<string, MessageAttributeValue>) => unknown };
export type EntryResult = { EventId?: string; ErrorCode?: string; ErrorMessage?: string };

const ACCOUNT = '000000000000';

/**
 * The local EventBridge bus: matches each event against the same rule patterns CDK deploys and
 * delivers it to each matching rule's target, as EventBridge does: a failed delivery is retried with
 * backoff, and what still fails goes to the rule's dead-letter queue as EventBridge writes it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html): the event itself as the
 * body, and why in the message attributes ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION,
 * RETRY_ATTEMPTS, RULE_ARN and TARGET_ARN. In the stack the targets are SQS queues, so this covers
 * only delivery into the queue; what the projection does with it is the queue's business.
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
  onEvent = () => {},
}: {
  busName: string;
  region: string;
  rules: readonly LocalRule[];
  deadLetters: DeadLetterSink;
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
  onDeliveryError?: (rule: string, event: BusEvent, error: unknown) => void;
  /**
   * An observation point, not a behaviour: told every event the bus accepted or was given to route
   * (a replay, a redrive), before it is matched. Tests read what the bus carries from here.
   */
  onEvent?: (event: BusEvent) => void;
}) => {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];
  const stats = { received: 0, delivered: 0, deadLettered: 0 };

  // A released slot passes straight to the next waiting delivery, so `idle` never sees a moment
  // with nothing in flight while a delivery is about to start.
  const acquire = async () => {
    if (inFlight >= concurrency) await new Promise<void>((r) => waiting.push(r));
    else inFlight++;
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
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
            const text = (value: string) => ({ DataType: 'String', StringValue: value });
            deadLetters.send(rule.deadLetterQueue, JSON.stringify(event), {
              ERROR_CODE: text((error as { code?: string })?.code ?? (error as Error)?.name ?? 'Error'),
              ERROR_MESSAGE: text(String((error as Error)?.message ?? error)),
              EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttempts'),
              RETRY_ATTEMPTS: text(String(attempts - 1)),
              RULE_ARN: text(rule.ruleArn ?? `arn:aws:events:${region}:${ACCOUNT}:rule/${busName}/${rule.name}`),
              TARGET_ARN: text(rule.targetArn ?? rule.name),
            });
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
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined)
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
    if (entry.EventBusName && entry.EventBusName !== busName && !entry.EventBusName.endsWith(`/${busName}`)) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `no event bus ${entry.EventBusName}` };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail))
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not a JSON object' };
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
    onEvent(event);
    for (const rule of rules) if (matchesPattern(rule.pattern, event)) void deliver(rule, event);
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
    /** Resolves once every delivery started so far (and its retries) has ended. */
    idle: (): Promise<void> => (inFlight === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r))),
  };
};

export type LocalBus = ReturnType<typeof createLocalBus>;
