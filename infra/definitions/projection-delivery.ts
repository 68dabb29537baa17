// How events reach a projection, read by CDK (the queues, the rule target, the event source
// mappings, the alarms) and by the local stack (the local queues and event source mappings), so both
// run with the same numbers: rule → SQS source queue → SQS event source → projection function, with a
// redrive policy to the projection's dead-letter queue (docs/decisions.md says why).
import type { ProjectionName } from '../../events/routing.ts';
import { functionDefinitions } from './functions.ts';

export const projectionDelivery = {
  /** Receives of a message before SQS moves it to the projection's dead-letter queue. */
  maxReceiveCount: 5,
  /** Messages per invocation; partial batch responses report the failed ones alone. */
  batchSize: 10,
  /** Concurrent invocations per projection (the SQS event source's MaximumConcurrency, at least 2). */
  maxConcurrency: 5,
  /** Days SQS keeps a message: the source queues and every dead-letter queue. */
  retentionDays: 14,
  /** EventBridge's retries of a delivery into the source queue, and for how long, before the rule's dead-letter queue. */
  ruleRetryAttempts: 8,
  ruleMaxEventAgeHours: 2,
  /** ApproximateAgeOfOldestMessage of a source queue above this is projection lag worth an alarm. */
  oldestMessageAlarmSeconds: 300,
} as const;

/**
 * Lambda's documentation for SQS event sources: set the queue's visibility timeout to at least six
 * times the function's timeout, so a batch retried after throttling is not received twice meanwhile.
 */
export const visibilityTimeoutSeconds = (projection: ProjectionName): number => 6 * projectionFunction(projection).timeoutSeconds;

export const projectionFunction = (projection: ProjectionName) => {
  const fn = functionDefinitions.find((d) => d.trigger.kind === 'projection' && d.trigger.projection === projection);
  if (!fn) throw new Error(`no function has trigger projection "${projection}"`);
  return fn;
};

/** The stream publisher's DynamoDB event source mapping. */
export const publisherStreamSource = { batchSize: 100, retryAttempts: 10, maxRecordAgeHours: 12 } as const;

/** What a queue of the stack holds, which says how a redrive puts its messages through again. */
export type QueueRole =
  | { kind: 'projection-source'; projection: ProjectionName }
  | { kind: 'projection-dlq'; projection: ProjectionName }
  | { kind: 'rule-dlq'; projection: ProjectionName }
  | { kind: 'publisher-dlq' }
  | { kind: 'stream-failures'; functionId: string };

export type StackQueue = { name: string; role: QueueRole };

/**
 * Every queue of the stack by a short name: the local queue names, and (as `QueueUrl<Name>` and
 * `QueueArn<Name>`, see stackOutputKey) the stack outputs the redrive reads in AWS.
 */
export const stackQueues = (projections: readonly ProjectionName[]): StackQueue[] => [
  { name: 'publisher-dlq', role: { kind: 'publisher-dlq' } },
  { name: 'stream-failures-stream-publisher', role: { kind: 'stream-failures', functionId: 'stream-publisher' } },
  ...projections.flatMap((projection): StackQueue[] => [
    { name: `projection-${projection}-source`, role: { kind: 'projection-source', projection } },
    { name: `projection-${projection}-dlq`, role: { kind: 'projection-dlq', projection } },
    { name: `projection-${projection}-rule-dlq`, role: { kind: 'rule-dlq', projection } },
  ]),
];

export const queueName = (role: QueueRole): string => {
  switch (role.kind) {
    case 'publisher-dlq':
      return 'publisher-dlq';
    case 'stream-failures':
      return `stream-failures-${role.functionId}`;
    case 'projection-source':
      return `projection-${role.projection}-source`;
    case 'projection-dlq':
      return `projection-${role.projection}-dlq`;
    case 'rule-dlq':
      return `projection-${role.projection}-rule-dlq`;
  }
};

/** `projection-case-status-dlq` → `ProjectionCaseStatusDlq`: CloudFormation output ids are alphanumeric. */
export const outputSuffix = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export const stackOutputKey = (what: 'QueueUrl' | 'QueueArn', queue: string): string => `${what}${outputSuffix(queue)}`;
