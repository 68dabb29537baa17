// Powertools wiring shared by the Lambda entries (`*.lambda.ts`): one JSON logger and one EMF metrics
// buffer per cold start, and small middy middlewares that put the correlation ids of what is being
// handled on every log line and flush the metrics after each invocation. Nothing here reads the
// event beyond a few fields already in memory; no extra AWS call, no extra parse.
//
// The names below are read by CDK too (infra/constructs/monitoring.ts), so an alarm and the code that
// feeds it cannot disagree on a metric's namespace, name or dimensions.
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';

/** CloudWatch namespace of every custom metric (EMF) the functions emit. */
export const METRICS_NAMESPACE = 'LegalAid';

/** Custom metric names; dimensions are always `service` (the function id) and `stage`. */
export const metricNames = {
  /** Events the publisher could not put on the bus in one invocation (dead-lettered or reported back). */
  publisherFailedEntries: 'PublisherFailedEntries',
  /** now − envelope.recordedAt when a projection applies a live (not replayed) event. */
  projectionLagMs: 'ProjectionLagMs',
  /** A request refused with 403 (wrong role, another organisation's record, out of case scope). */
  accessDenied: 'AccessDenied',
} as const;

/**
 * Environment the functions read for observability. CDK sets all of them
 * (`POWERTOOLS_SERVICE_NAME` is the function id of infra/definitions/functions.ts).
 */
export const observabilityEnv = {
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  stage: 'STAGE',
} as const;

export type Observability = { logger: Logger; metrics: Metrics };

/** Built once at module scope of an entry; service name and log level come from the environment. */
export const createObservability = (): Observability => ({
  logger: new Logger(),
  metrics: new Metrics({
    namespace: METRICS_NAMESPACE,
    defaultDimensions: { stage: process.env[observabilityEnv.stage] ?? 'local' },
  }),
});

type Keys = Record<string, string | number | null>;

/**
 * Lambda context (request id, cold start, function name) plus the keys `keysOf` takes from the event,
 * on every log line of the invocation. Keys are replaced at the start of each invocation rather than
 * cleared at its end, so errors logged by a later onError handler still carry them.
 */
export const logContext = <TEvent>(logger: Logger, keysOf: (event: TEvent) => Keys): MiddlewareObj<TEvent> => {
  // Never the event itself, whatever POWERTOOLS_LOGGER_LOG_EVENT says: events and bodies hold personal data.
  const lambdaContext = injectLambdaContext(logger, { logEvent: false }) as MiddlewareObj<TEvent>;
  return {
    before: async (request) => {
      await lambdaContext.before?.(request);
      logger.resetKeys();
      logger.appendKeys(keysOf(request.event));
    },
  };
};

/** Cold-start metric on the first invocation; stored metrics flushed (one EMF line) after each one. */
export const flushMetrics = <TEvent>(metrics: Metrics): MiddlewareObj<TEvent> => {
  const flush = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return {
    before: () => {
      metrics.captureColdStartMetric();
    },
    after: flush,
    onError: flush,
  };
};

const MAX_KEY_LENGTH = 200;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.slice(0, MAX_KEY_LENGTH) : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * HTTP API: the correlation id the command handler stores in the envelope (the caller's
 * `x-correlation-id`, else API Gateway's request id), the request id and the route. No header
 * other than the correlation id and nothing from the body (it holds personal data).
 */
export const httpKeys = (event: APIGatewayProxyEventV2): Keys => ({
  correlationId: text(event.headers?.['x-correlation-id']) ?? text(event.requestContext?.requestId),
  requestId: text(event.requestContext?.requestId),
  routeKey: text(event.routeKey),
});

/** A projection's EventBridge event: the envelope's ids, stream and version, and the replay if any. */
export const projectedEventKeys = (event: unknown): Keys => {
  const e = (event ?? {}) as { id?: unknown; 'replay-name'?: unknown; detail?: Record<string, unknown> };
  const detail = e.detail ?? {};
  return {
    correlationId: text(detail.correlationId),
    causationId: text(detail.causationId),
    eventId: text(detail.eventId),
    eventType: text(detail.type),
    stream: text(detail.stream),
    version: num(detail.version),
    busEventId: text(e.id),
    replayName: text(e['replay-name']),
  };
};

/**
 * A projection's SQS batch: its size and first message id; for a batch of one message (the common
 * case at low load), the keys of the EventBridge event it carries, as projectedEventKeys reads them.
 */
export const sqsBatchKeys = (event: SQSEvent): Keys => {
  const records = event.Records ?? [];
  const keys: Keys = { records: records.length, messageId: text(records[0]?.messageId) };
  if (records.length !== 1) return keys;
  let body: unknown = null;
  try {
    body = JSON.parse(records[0]!.body);
  } catch {
    // An unreadable body is the handler's to report; the log line keeps the batch keys.
  }
  return { ...keys, ...projectedEventKeys(body) };
};

type StreamImage = Record<string, { S?: string; N?: string } | undefined>;

/**
 * A stream batch: its size and sequence range (what the on-failure queue reports too); for a batch of
 * one record, that event's ids, read straight from the attribute values without unmarshalling.
 */
export const streamBatchKeys = (event: DynamoDBStreamEvent): Keys => {
  const records = event.Records ?? [];
  const keys: Keys = {
    records: records.length,
    firstSequenceNumber: text(records[0]?.dynamodb?.SequenceNumber),
    lastSequenceNumber: text(records.at(-1)?.dynamodb?.SequenceNumber),
  };
  if (records.length !== 1) return keys;
  const image = (records[0]!.dynamodb?.NewImage ?? {}) as StreamImage;
  return {
    ...keys,
    correlationId: text(image.correlationId?.S),
    causationId: text(image.causationId?.S),
    eventId: text(image.eventId?.S),
    stream: text(image.stream?.S),
    version: num(Number(image.version?.N)),
  };
};

/**
 * ProjectionLagMs for an event a projection has just applied: now − recordedAt. Replays (events
 * carrying `replay-name`) and duplicates say nothing about how fresh the read model is and are skipped.
 */
export const recordProjectionLag = (metrics: Metrics, event: unknown, outcome: unknown, now: number = Date.now()): void => {
  const e = (event ?? {}) as { 'replay-name'?: unknown; detail?: { recordedAt?: unknown } };
  if (outcome !== 'applied' || e['replay-name'] !== undefined) return;
  const recordedAt = typeof e.detail?.recordedAt === 'string' ? Date.parse(e.detail.recordedAt) : Number.NaN;
  if (Number.isNaN(recordedAt)) return;
  metrics.addMetric(metricNames.projectionLagMs, MetricUnit.Milliseconds, Math.max(0, now - recordedAt));
};

/** PublisherFailedEntries for one publisher invocation (0 included, so the metric's absence means no runs). */
export const recordPublisherFailedEntries = (metrics: Metrics, count: number): void => {
  metrics.addMetric(metricNames.publisherFailedEntries, MetricUnit.Count, count);
};

/** AccessDenied for one refused request (the structured `access denied` log line says who and why). */
export const recordAccessDenied = (metrics: Metrics): void => {
  metrics.addMetric(metricNames.accessDenied, MetricUnit.Count, 1);
};
