// The function side of the monitoring contract: the metrics the Lambda entries emit have the
// namespace, names and dimensions the alarms ask for (monitoring.test.ts), and the log keys carry the
// envelope's correlation ids. Plain calls, no AWS.
import middy from '@middy/core';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createObservability,
  flushMetrics,
  httpKeys,
  logContext,
  METRICS_NAMESPACE,
  metricNames,
  projectedEventKeys,
  recordProjectionLag,
  recordPublisherFailedEntries,
  streamBatchKeys,
} from '../../functions/lib/observability.ts';

const context = { functionName: 'fn', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

const envelope = {
  eventId: '6f1c2f3e-8a9b-4c5d-9e0f-1a2b3c4d5e6f',
  type: 'ApplicationReceived',
  stream: 'case#0b7c8f7e-1d2a-4b3c-8d4e-5f6a7b8c9d0e',
  version: 3,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  recordedAt: '2025-01-01T00:00:00.000Z',
};
const projected = (extra: Record<string, unknown> = {}) => ({ id: 'bus-1', 'detail-type': envelope.type, detail: envelope, ...extra });

const withEnv = (env: Record<string, string>) => {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
};
afterEach(() => vi.unstubAllEnvs());

describe('metrics', () => {
  it('namespace and dimensions are the ones the alarms ask for: service (function id) and stage', () => {
    withEnv({ POWERTOOLS_SERVICE_NAME: 'stream-publisher', STAGE: 'prod' });
    const { metrics } = createObservability();
    recordPublisherFailedEntries(metrics, 2);
    const emf = metrics.serializeMetrics();
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['service', 'stage']],
        Metrics: [{ Name: metricNames.publisherFailedEntries, Unit: 'Count' }],
      },
    ]);
    expect(emf).toMatchObject({ service: 'stream-publisher', stage: 'prod', [metricNames.publisherFailedEntries]: 2 });
  });

  it('projection lag: now − recordedAt for an applied live event; nothing for replays or duplicates', () => {
    withEnv({ POWERTOOLS_SERVICE_NAME: 'projection-case-status', STAGE: 'dev' });
    const { metrics } = createObservability();
    const now = Date.parse(envelope.recordedAt) + 1234;
    recordProjectionLag(metrics, projected({ 'replay-name': 'rebuild-1' }), 'applied', now);
    recordProjectionLag(metrics, projected(), 'duplicate', now);
    expect(metrics.hasStoredMetrics()).toBe(false);
    recordProjectionLag(metrics, projected(), 'applied', now);
    expect(metrics.serializeMetrics()).toMatchObject({
      [metricNames.projectionLagMs]: 1234,
      service: 'projection-case-status',
      stage: 'dev',
    });
  });

  it('flushMetrics publishes after each invocation, also a failed one, and only when there is something', async () => {
    const { metrics } = createObservability();
    const publish = vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    vi.spyOn(metrics, 'captureColdStartMetric').mockImplementation(() => undefined);
    const ok = middy(async () => 'applied').use(flushMetrics(metrics));
    await ok({}, context);
    expect(publish).not.toHaveBeenCalled();
    const emitting = middy(async () => {
      recordPublisherFailedEntries(metrics, 0);
    }).use(flushMetrics(metrics));
    await emitting({}, context);
    expect(publish).toHaveBeenCalledTimes(1);
    const failing = middy(async () => {
      recordPublisherFailedEntries(metrics, 1);
      throw new Error('boom');
    }).use(flushMetrics(metrics));
    await expect(failing({}, context)).rejects.toThrow('boom');
    expect(publish).toHaveBeenCalledTimes(2);
  });
});

describe('log keys', () => {
  it('a projected event: the envelope ids, stream, version, and the replay', () => {
    expect(projectedEventKeys(projected({ 'replay-name': 'r1' }))).toEqual({
      correlationId: 'corr-1',
      causationId: 'cause-1',
      eventId: envelope.eventId,
      eventType: envelope.type,
      stream: envelope.stream,
      version: 3,
      busEventId: 'bus-1',
      replayName: 'r1',
    });
    expect(projectedEventKeys(null)).toMatchObject({ correlationId: null, version: null });
  });

  it('a stream batch: size and sequence range; the event ids when it holds one record', () => {
    const record = (seq: string) => ({
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: seq,
        NewImage: {
          correlationId: { S: 'corr-1' },
          causationId: { NULL: true },
          eventId: { S: envelope.eventId },
          stream: { S: envelope.stream },
          version: { N: '3' },
        },
      },
    });
    expect(streamBatchKeys({ Records: [record('100')] } as unknown as DynamoDBStreamEvent)).toEqual({
      records: 1,
      firstSequenceNumber: '100',
      lastSequenceNumber: '100',
      correlationId: 'corr-1',
      causationId: null,
      eventId: envelope.eventId,
      stream: envelope.stream,
      version: 3,
    });
    expect(streamBatchKeys({ Records: [record('100'), record('200')] } as unknown as DynamoDBStreamEvent)).toEqual({
      records: 2,
      firstSequenceNumber: '100',
      lastSequenceNumber: '200',
    });
  });

  it('an HTTP request: the correlation id the command handler stores, bounded; nothing from the body', () => {
    const event = {
      routeKey: 'POST /applications',
      headers: { 'x-correlation-id': 'x'.repeat(500), authorization: 'Bearer secret' },
      requestContext: { requestId: 'r-1' },
      body: '{"idNumber":"110…"}',
    };
    const keys = httpKeys(event as never);
    expect(keys).toEqual({ correlationId: 'x'.repeat(200), requestId: 'r-1', routeKey: 'POST /applications' });
    expect(httpKeys({ routeKey: 'GET /health', headers: {}, requestContext: { requestId: 'r-2' } } as never).correlationId).toBe('r-2');
  });

  it('never logs the event, even when POWERTOOLS_LOGGER_LOG_EVENT asks for it', async () => {
    withEnv({ POWERTOOLS_LOGGER_LOG_EVENT: 'true' });
    const { logger } = createObservability();
    const info = vi.spyOn(logger, 'info');
    await middy(async () => 'applied').use(logContext(logger, projectedEventKeys))(projected(), context);
    expect(info).not.toHaveBeenCalled();
  });

  it('logContext replaces the keys at the start of each invocation', async () => {
    const { logger } = createObservability();
    const appended: unknown[] = [];
    vi.spyOn(logger, 'appendKeys').mockImplementation((keys) => {
      appended.push(keys);
    });
    const reset = vi.spyOn(logger, 'resetKeys');
    const handler = middy(async () => 'applied').use(logContext(logger, projectedEventKeys));
    await handler(projected(), context);
    await handler(projected({ 'replay-name': 'r2' }), context);
    expect(reset).toHaveBeenCalledTimes(2);
    expect(appended).toEqual([projectedEventKeys(projected()), projectedEventKeys(projected({ 'replay-name': 'r2' }))]);
  });
});
