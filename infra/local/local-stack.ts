import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { createCommandHandler } from '../../functions/api/commands.ts';
import { createQueryHandler } from '../../functions/api/queries.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { createBusEventApplier } from '../../functions/projections/apply-bus-event.ts';
import { projectionModules } from '../../functions/projections/registry.ts';
import { createSqsBatchHandler, type AppliedRecord } from '../../functions/projections/sqs-batch.ts';
import { createPublisher } from '../../functions/publisher/publisher.ts';
import { analyticsRule, projectionRules, type ProjectionName } from '../../events/routing.ts';
import { envelopeSchema } from '../../events/envelope.ts';
import { createRecordPlaces } from '../../functions/lib/analytics/record-place.ts';
import { createRegistrySource } from '../../functions/lib/registry/registry-source.ts';
import { createParquetWriter } from './analytics/parquet-writer.ts';
import { apiAudience, maxTokenAgeSeconds as defaultMaxTokenAge } from '../definitions/auth.ts';
import { projectionDelivery, publisherStreamSource, queueName, visibilityTimeoutSeconds } from '../definitions/projection-delivery.ts';
import { accessRecordsTable, eventsTable, keysTable, readModelsTable, tables } from '../definitions/tables.ts';
import { localKeyStore } from './local-keys.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { queueUrl, startAwsEmulator, type EmulatorFaults } from './aws-emulator.ts';
import { ensureTables, localTableName } from './create-tables.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { removeEndpoints, writeEndpoints } from './endpoints-file.ts';
import { localCredentials, localDynamoClient, localRegion, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { startHttpServer } from './http-server.ts';
import { createJwtGate } from './jwt-gate.ts';
import { createLocalBus, type BusEvent, type LocalRule } from './local-bus.ts';
import { createLocalQueues, type RedrivePolicy } from './local-queues.ts';
import { assertPortFree, freePort } from './ports.ts';
import { createSqsEventSource } from './sqs-event-source.ts';
import { checkpointsTable, createCheckpointStore } from './stream-checkpoints.ts';
import { createStreamPoller } from './stream-poller.ts';

// The stack's queue names (infra/definitions/projection-delivery.ts), as the local queues are named.
export const PUBLISHER_DLQ = queueName({ kind: 'publisher-dlq' });
export const STREAM_FAILURES = queueName({ kind: 'stream-failures', functionId: 'stream-publisher' });
export const projectionSource = (projection: ProjectionName) => queueName({ kind: 'projection-source', projection });
export const projectionDlq = (projection: ProjectionName) => queueName({ kind: 'projection-dlq', projection });
export const ruleDlq = (projection: ProjectionName) => queueName({ kind: 'rule-dlq', projection });
/** Every dead-letter queue of the stack (what an operator redrives). */
export const deadLetterQueueNames = (): string[] => [
  PUBLISHER_DLQ,
  STREAM_FAILURES,
  ...projectionRules.flatMap((r) => [projectionDlq(r.projection), ruleDlq(r.projection)]),
];

/** A projection applying one EventBridge event, as the SQS batch handler calls it per record. */
export type ProjectionTarget = (event: unknown) => Promise<AppliedRecord>;

export type LocalStackOptions = {
  port: number;
  /** Folder for DynamoDB Local's files, the dead-letter store and the dev issuer's key; null: all in memory. */
  dataDir: string | null;
  /** Use a DynamoDB Local that is already running (tests share one) instead of starting one. */
  dynamoEndpoint?: string;
  dynamoPort?: number;
  tablePrefix?: string;
  logLevel?: LogLevel;
  faults?: EmulatorFaults;
  /** Tries of a delivery into a projection's source queue before the event goes to the rule's dead-letter queue. */
  busAttempts?: number;
  /** The oldest token the gate accepts, in seconds (infra/definitions/auth.ts by default). */
  maxTokenAgeSeconds?: number;
  /**
   * Tests only: the projection source queues' visibility timeout, instead of the stack's (six times
   * the function timeout), so that a test sees a failing message's receives in seconds, not minutes.
   */
  visibilityTimeoutSeconds?: number;
  /** Retries of a failing stream batch before its range goes to the stream-failure queue; the stack's by default. */
  streamRetryAttempts?: number;
  /** Tests only: wraps each projection as its SQS batch handler applies a record (to make one fail for an event). */
  wrapProjection?: (projection: ProjectionName, target: ProjectionTarget) => ProjectionTarget;
  /** Tests only: told every event the local bus carries (local-bus.ts `onEvent`), to see what leaves the store. */
  tapBus?: (event: BusEvent) => void;
  /** Tests only: the API's clock (a test moves it past a retention period); the system clock by default. */
  clock?: () => Date;
  /**
   * Where the analytics Parquet files are written (the S3 bucket's stand-in); `analytics` under the
   * data directory by default, none without one. Null: no analytics target on the bus.
   */
  analyticsDir?: string | null;
};

/**
 * The whole system on one machine: DynamoDB Local, the tables from the CDK definitions, the API
 * over HTTP, the stream poller feeding the publisher, and the local bus feeding the projections —
 * every handler the same code Lambda runs.
 */
export const startLocalStack = async (options: LocalStackOptions) => {
  const { port, dataDir, tablePrefix = 'local-', logLevel = 'WARN', busAttempts = 3, maxTokenAgeSeconds = defaultMaxTokenAge } = options;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    await assertPortFree(port, 'the API');
    let dynamo: DynamoDbLocal | null = null;
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      dynamo = await startDynamoDbLocal({
        port: options.dynamoPort ?? (await freePort()),
        dataDir: dataDir ? join(dataDir, 'dynamodb') : null,
      });
      stops.push(dynamo.stop);
      dynamoEndpoint = dynamo.endpoint;
    }
    const client = localDynamoClient(dynamoEndpoint);
    stops.push(async () => client.destroy());
    await ensureTables(client, tablePrefix, [...tables, checkpointsTable]);
    const names = {
      events: localTableName(tablePrefix, eventsTable),
      readModels: localTableName(tablePrefix, readModelsTable),
      checkpoints: localTableName(tablePrefix, checkpointsTable),
      keys: localTableName(tablePrefix, keysTable),
      accessRecords: localTableName(tablePrefix, accessRecordsTable),
    };
    const logger = (serviceName: string) => new Logger({ serviceName, logLevel });
    // Refuses to start with a master key that cannot open this data directory's keys (local-keys.ts).
    const keys = await localKeyStore(client, names.keys, dataDir ? join(dataDir, 'master-key') : null);
    const store = createEventStore({ client, tableName: names.events, sealer: createPersonalSealer({ keys, catalogue }) });
    // The organisation registry every token and scope is admitted against: the seed's provinces,
    // cities, bureaus, agencies and the bodies the dev tokens name, before the API answers anyone
    // (loaded under stable keys, so a restart appends nothing).
    const seeded = await loadSeed(store);
    const caseStatus = createCaseStatusTable({ client, tableName: names.readModels });
    const faults = options.faults ?? {};

    // The queues of the stack, with the redrive policy CDK gives each projection's source queue.
    const projectionNames = Object.keys(projectionModules) as ProjectionName[];
    const visibilitySeconds = (projection: ProjectionName) => options.visibilityTimeoutSeconds ?? visibilityTimeoutSeconds(projection);
    const queues = createLocalQueues({
      file: dataDir ? join(dataDir, 'queues.jsonl') : null,
      region: localRegion,
      redrivePolicies: new Map(
        projectionNames.map((p): [string, RedrivePolicy] => [
          projectionSource(p),
          { deadLetterQueue: projectionDlq(p), maxReceiveCount: projectionDelivery.maxReceiveCount },
        ]),
      ),
    });
    const busName = `${tablePrefix}legal-aid-bus`;
    const busLogger = logger('local-bus');
    // The analytics target (Firehose in AWS): it buffers in memory, off the command path like every
    // bus target; stopped (flushed) after the bus has delivered its last event.
    const analyticsDir = options.analyticsDir !== undefined ? options.analyticsDir : dataDir ? join(dataDir, 'analytics') : null;
    const analyticsLogger = logger('analytics-writer');
    const analytics = analyticsDir
      ? createParquetWriter({
          analyticsDir,
          places: createRecordPlaces({ store, registry: createRegistrySource(store) }),
          onError: (error) => analyticsLogger.error('analytics flush failed', { error: error as Error }),
        })
      : null;
    if (analytics) stops.push(analytics.stop);
    // Each rule's target is its projection's source queue, as in the stack.
    const bus = createLocalBus({
      busName,
      region: localRegion,
      rules: [
        ...projectionRules.map(
          (r): LocalRule => ({
            name: r.projection,
            pattern: r.pattern,
            target: async (event) => {
              if (faults.sqsSend?.(projectionSource(r.projection), event['detail-type']))
                throw Object.assign(new Error('injected failure'), { code: 'SQS.InternalError' });
              queues.send(projectionSource(r.projection), JSON.stringify(event));
            },
            deadLetterQueue: ruleDlq(r.projection),
            targetArn: queues.arnOf(projectionSource(r.projection)),
          }),
        ),
        ...(analytics
          ? [
              {
                name: analyticsRule.name,
                pattern: analyticsRule.pattern,
                target: async (event: BusEvent) => analytics.append(envelopeSchema.parse(event.detail)),
                deadLetterQueue: `${analyticsRule.name}-rule-dlq`,
              },
            ]
          : []),
      ],
      deadLetters: queues,
      attempts: busAttempts,
      onDeliveryError: (rule, event, error) => busLogger.warn('delivery failed', { rule, eventId: event.id, error: error as Error }),
      ...(options.tapBus ? { onEvent: options.tapBus } : {}),
    });
    stops.push(() => Promise.race([bus.idle(), sleep(5000)]));

    // Each projection's function, behind its SQS event source mapping, with the stack's numbers.
    const eventSources = projectionNames.map((projection) => {
      const projectionLogger = logger(`projection-${projection}`);
      const applier = createBusEventApplier(projection, {
        store,
        readModels: { client, tableName: names.readModels },
        logger: projectionLogger,
      });
      const apply = options.wrapProjection ? options.wrapProjection(projection, applier) : applier;
      const source = createSqsEventSource({
        queues,
        queue: projectionSource(projection),
        region: localRegion,
        handler: createSqsBatchHandler(apply, { logger: projectionLogger }),
        batchSize: projectionDelivery.batchSize,
        maxConcurrency: projectionDelivery.maxConcurrency,
        visibilityTimeoutMs: visibilitySeconds(projection) * 1000,
        onError: (error) => projectionLogger.error('projection invocation failed', { error: error as Error }),
      });
      source.start();
      stops.push(source.stop);
      return source;
    });

    const emulator = await startAwsEmulator({
      port: await freePort(),
      bus,
      queues,
      visibilitySeconds: (queue) => {
        const projection = projectionNames.find((p) => projectionSource(p) === queue);
        return projection ? visibilitySeconds(projection) : 30;
      },
      faults,
    });
    stops.push(emulator.stop);
    const awsClientConfig = { endpoint: emulator.endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 };
    const publisher = createPublisher({
      bus: new EventBridgeClient(awsClientConfig),
      busName,
      deadLetter: new SQSClient(awsClientConfig),
      deadLetterUrl: queueUrl(emulator.endpoint, PUBLISHER_DLQ),
      logger: logger('stream-publisher'),
    });

    const streamArn = (await client.send(new DescribeTableCommand({ TableName: names.events }))).Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${names.events} has no stream`);
    const streams = new DynamoDBStreamsClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials });
    const pollerLogger = logger('stream-poller');
    const poller = createStreamPoller({
      streams,
      streamArn,
      checkpoints: createCheckpointStore(client, names.checkpoints, streamArn),
      maxRetryAttempts: options.streamRetryAttempts ?? publisherStreamSource.retryAttempts,
      // The mapping's on-failure destination: the range of what it gave up on, never the records.
      onFailure: async (record) => void queues.send(STREAM_FAILURES, JSON.stringify(record)),
      // EventBridge keeps what PutEvents accepted; the local bus holds it in memory only. So the
      // position is saved only once the batch's deliveries have ended (in a source queue, which is
      // kept on disk, or in a rule's dead-letter queue): a stack killed in between publishes the batch
      // again on restart, and projections skip what they already applied.
      handler: async (batch) => {
        const response = await publisher(batch);
        await bus.idle();
        return response;
      },
      onError: (error) => pollerLogger.error('stream poll failed', { error: error as Error }),
    });
    await poller.start();
    stops.push(poller.stop);

    // The local server is the issuer: its /.well-known/openid-configuration names its keys.
    const issuer = await createDevIssuer({
      issuer: `http://127.0.0.1:${port}`,
      keyFile: dataDir ? join(dataDir, 'dev-issuer-key.json') : null,
      tokenLifetimeSeconds: maxTokenAgeSeconds,
    });
    const apiClock = options.clock ?? (() => new Date());
    const http = await startHttpServer({
      port,
      issuer,
      gate: createJwtGate({ issuer: issuer.issuer, audiences: apiAudience, jwks: issuer.jwks, maxTokenAgeSeconds }),
      handlers: {
        'api-commands': createCommandHandler({
          store,
          keys,
          accessRecords: { client, tableName: names.accessRecords },
          clock: apiClock,
          logger: logger('api-commands'),
        }),
        'api-queries': createQueryHandler({
          caseStatus,
          eventsTable: { client, tableName: names.events },
          readModels: { client, tableName: names.readModels },
          keys,
          accessRecords: { client, tableName: names.accessRecords },
          clock: apiClock,
          logger: logger('api-queries'),
        }),
      },
      health: () => {
        // Polling: a poll ended or began within 5 s (the first one begins as the poller starts).
        const pollerFresh = Date.now() - Math.max(poller.stats.lastPollAt, poller.stats.lastPollStartedAt) < 5000;
        return {
          ok: pollerFresh,
          components: {
            dynamodb: dynamoEndpoint,
            streamPoller: pollerFresh ? 'polling' : 'stalled',
            bus: bus.stats,
            projections: Object.fromEntries(eventSources.map((e) => [e.queue, e.stats])),
          },
        };
      },
      onError: (error) => pollerLogger.error('http server failed', { error: error as Error }),
    });
    stops.push(http.stop);
    if (dataDir) {
      writeEndpoints(dataDir, {
        pid: process.pid,
        api: http.url,
        awsEmulator: emulator.endpoint,
        dynamodb: dynamoEndpoint,
        eventsTable: names.events,
        busName,
      });
      stops.push(async () => removeEndpoints(dataDir));
    }

    /**
     * Waits until every event written so far has been published and each projection's source queue
     * is empty: every message applied, or moved to the dead-letter queue after its receives.
     */
    const settle = async (timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      const since = Date.now();
      while (Date.now() < deadline) {
        if (poller.stats.caughtUp && poller.stats.caughtUpSince > since) {
          await bus.idle();
          // A failing message waits out its visibility timeout between receives: bounded by the deadline too.
          const timer = new AbortController();
          const drained = Promise.all(eventSources.map((e) => e.idle())).then(() => true);
          const late = sleep(Math.max(0, deadline - Date.now()), false, { signal: timer.signal }).catch(() => false);
          const done = await Promise.race([drained, late]);
          timer.abort();
          if (done) return;
          break;
        }
        await sleep(20);
      }
      throw new Error('the local stack did not settle in time');
    };

    return {
      url: http.url,
      dynamoEndpoint,
      eventsTable: names.events,
      readModelsTable: names.readModels,
      keysTable: names.keys,
      client,
      store,
      seeded,
      bus,
      /** The local analytics writer (null without an analytics directory): a test flushes it before it queries. */
      analytics,
      analyticsDir,
      poller,
      queues,
      eventSources,
      issuer,
      emulator,
      settle,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;
