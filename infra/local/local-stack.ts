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
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { createCaseStatusProjection } from '../../functions/projections/case-status.ts';
import { createFundingProjection } from '../../functions/projections/funding.ts';
import { createQualityProjection } from '../../functions/projections/quality.ts';
import { createReadModelTable } from '../../functions/lib/read-models/read-model-table.ts';
import { createPublisher } from '../../functions/publisher/publisher.ts';
import { projectionRules, type ProjectionName } from '../../events/routing.ts';
import { apiAudience, maxTokenAgeSeconds as defaultMaxTokenAge } from '../definitions/auth.ts';
import { eventsTable, readModelsTable, tables } from '../definitions/tables.ts';
import { queueUrl, startAwsEmulator, type EmulatorFaults } from './aws-emulator.ts';
import { ensureTables, localTableName } from './create-tables.ts';
import { createDeadLetterStore } from './dead-letters.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { removeEndpoints, writeEndpoints } from './endpoints-file.ts';
import { localCredentials, localDynamoClient, localRegion, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { startHttpServer } from './http-server.ts';
import { createJwtGate } from './jwt-gate.ts';
import { createLocalBus, type BusEvent } from './local-bus.ts';
import { assertPortFree, freePort } from './ports.ts';
import { checkpointsTable, createCheckpointStore } from './stream-checkpoints.ts';
import { createStreamPoller } from './stream-poller.ts';

export const PUBLISHER_DLQ = 'stream-publisher-dlq';
export const projectionDlq = (projection: ProjectionName) => `projection-${projection}-dlq`;

export type ProjectionTarget = (event: BusEvent) => Promise<unknown>;

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
  /** Tries of a bus target before its event is dead-lettered. */
  busAttempts?: number;
  /** The oldest token the gate accepts, in seconds (infra/definitions/auth.ts by default). */
  maxTokenAgeSeconds?: number;
  /** Tests only: wraps each projection's target as the bus invokes it (to make one fail for an event). */
  wrapProjection?: (projection: ProjectionName, target: ProjectionTarget) => ProjectionTarget;
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
      dynamo = await startDynamoDbLocal({ port: options.dynamoPort ?? (await freePort()), dataDir: dataDir ? join(dataDir, 'dynamodb') : null });
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
    };
    const logger = (serviceName: string) => new Logger({ serviceName, logLevel });
    const store = createEventStore({ client, tableName: names.events });
    const caseStatus = createCaseStatusTable({ client, tableName: names.readModels });
    const readModels = createReadModelTable({ client, tableName: names.readModels });

    const deadLetters = createDeadLetterStore(dataDir ? join(dataDir, 'dead-letters.jsonl') : null);
    const projections: Record<ProjectionName, (event: BusEvent) => Promise<unknown>> = {
      'case-status': createCaseStatusProjection({ store, caseStatus, logger: logger('projection-case-status') }),
      quality: createQualityProjection({ store, readModels, logger: logger('projection-quality') }),
      funding: createFundingProjection({ store, readModels, logger: logger('projection-funding') }),
    };
    const busName = `${tablePrefix}legal-aid-bus`;
    const busLogger = logger('local-bus');
    const bus = createLocalBus({
      busName,
      region: localRegion,
      rules: projectionRules.map((r) => ({
        name: r.projection,
        pattern: r.pattern,
        target: options.wrapProjection ? options.wrapProjection(r.projection, projections[r.projection]) : projections[r.projection],
        deadLetterQueue: projectionDlq(r.projection),
      })),
      deadLetters,
      attempts: busAttempts,
      onDeliveryError: (rule, event, error) => busLogger.warn('delivery failed', { rule, eventId: event.id, error: error as Error }),
    });
    stops.push(() => Promise.race([bus.idle(), sleep(5000)]));

    const emulator = await startAwsEmulator({ port: await freePort(), bus, deadLetters, faults: options.faults ?? {} });
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
      // EventBridge keeps what PutEvents accepted; the local bus holds it in memory only. So the
      // position is saved only once the batch's deliveries have ended (delivered or dead-lettered):
      // a stack killed in between publishes the batch again on restart, and projections skip what
      // they already applied, instead of losing the deliveries that were in flight.
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
    const issuer = await createDevIssuer({ issuer: `http://127.0.0.1:${port}`, keyFile: dataDir ? join(dataDir, 'dev-issuer-key.json') : null, tokenLifetimeSeconds: maxTokenAgeSeconds });
    const http = await startHttpServer({
      port,
      issuer,
      gate: createJwtGate({ issuer: issuer.issuer, audiences: apiAudience, jwks: issuer.jwks, maxTokenAgeSeconds }),
      handlers: {
        'api-commands': createCommandHandler({ store, clock: () => new Date(), logger: logger('api-commands') }),
        'api-queries': createQueryHandler({ caseStatus, eventsTable: { client, tableName: names.events }, readModels: { client, tableName: names.readModels }, clock: () => new Date(), logger: logger('api-queries') }),
      },
      health: () => {
        // Polling: a poll ended or began within 5 s (the first one begins as the poller starts).
        const pollerFresh = Date.now() - Math.max(poller.stats.lastPollAt, poller.stats.lastPollStartedAt) < 5000;
        return { ok: pollerFresh, components: { dynamodb: dynamoEndpoint, streamPoller: pollerFresh ? 'polling' : 'stalled', bus: bus.stats } };
      },
      onError: (error) => pollerLogger.error('http server failed', { error: error as Error }),
    });
    stops.push(http.stop);
    if (dataDir) {
      writeEndpoints(dataDir, { pid: process.pid, api: http.url, awsEmulator: emulator.endpoint, dynamodb: dynamoEndpoint, eventsTable: names.events, busName });
      stops.push(async () => removeEndpoints(dataDir));
    }

    /** Waits until every event written so far has been published and delivered. */
    const settle = async (timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      const since = Date.now();
      while (Date.now() < deadline) {
        if (poller.stats.caughtUp && poller.stats.lastPollAt > since) {
          await bus.idle();
          return;
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
      client,
      store,
      bus,
      poller,
      deadLetters,
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
