// The whole deployed system in one stack: event store and read-model tables, the functions from the
// shared definitions with exactly the access each declares, the stream → publisher mapping, the bus
// with its archive and projection rules, the HTTP API, and the alarms and dashboard that watch them.
// See /DESIGN.md for the flow and docs/operations.md for running it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, Node } from 'constructs';
import { projectionRules, type ProjectionName } from '../events/routing.ts';
import { publisherStreamSource, queueName, stackOutputKey, type QueueRole } from './definitions/projection-delivery.ts';
import { routes } from '../functions/api/routes.ts';
import { observabilityEnv } from '../functions/lib/observability.ts';
import { CaseEventBus } from './constructs/case-event-bus.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { DefinedTable } from './constructs/defined-table.ts';
import { ReadVolumeAlarm } from './constructs/read-volume-alarm.ts';
import { type BackupRetention, EventStoreBackup } from './constructs/event-store-backup.ts';
import { HandlerFunction } from './constructs/handler-function.ts';
import { type ApiRoute, HttpApi } from './constructs/http-api.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { AnalyticsExport } from './constructs/analytics-export.ts';
import { acknowledgeNag } from './constructs/nag.ts';
import { ProjectionRule } from './constructs/projection-rule.ts';
import { RecordKeys, viaDynamoDb } from './constructs/record-keys.ts';
import { DATA_KEY_ARN_ENV } from '../functions/lib/aws-clients.ts';
import { tableEnv } from '../functions/lib/table-env.ts';
import { apiAudience } from './definitions/auth.ts';
import { type FunctionDefinition, functionDefinitions, type TableAction, writeActions } from './definitions/functions.ts';
import { accessRecordsTable, eventsTable, readModelsTable } from './definitions/tables.ts';

/** Repository root: entries in functions.ts are relative to it. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The HTTP routes: the shared table the local server and the API Lambdas read too. */
export const apiRoutes: readonly ApiRoute[] = routes;

/** Environment variable names the functions read besides the table names (tableEnv). */
export const functionEnv = {
  eventBusName: 'EVENT_BUS_NAME',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** The function's id: Powertools' `service` (log key and metric dimension). */
  serviceName: observabilityEnv.serviceName,
  logLevel: observabilityEnv.logLevel,
  /** The `stage` dimension of the custom metrics. */
  stage: observabilityEnv.stage,
} as const;

/** Tags on the stack (CloudFormation copies them to every resource it can tag) and on each resource. */
export const stackTags = (stage: string): Record<string, string> => ({ project: 'legal-aid-case-backend', stage });

/** The unauthenticated disclosure route, and its limits: anyone may call it, a CDN in front takes the load. */
export const PUBLIC_DISCLOSURE_ROUTE = 'GET /public/statistics';
export const PUBLIC_DISCLOSURE_THROTTLE = { rateLimit: 10, burstLimit: 20 };

/** Stack name per stage: `LegalAid-dev`, `LegalAid-prod`. */
export const stackNameFor = (stage: string): string => `LegalAid-${stage}`;

/** `stream-failures-stream-publisher` → `StreamFailuresStreamPublisher`: output ids are alphanumeric. */
const outputSuffix = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export type StackConfig = {
  stage: string;
  jwtIssuer: string;
  jwtAudience: readonly string[];
  /**
   * During an issuer change only: the new issuer. API Gateway's JWT authorizer trusts exactly one
   * issuer, so the stack then deploys a second HTTP API (same routes, same functions) whose authorizer
   * trusts this one; clients move to its URL as they move to the new issuer (docs/operations.md).
   */
  jwtIssuerNext?: string;
  /**
   * After a point-in-time restore only: the stream ARN of the restored events table. The functions,
   * the stream mapping, the alarms and the backup then use that table; the stack's own stays, retained
   * and protected, as the evidence of what happened (docs/operations.md, "Restore the event store").
   */
  restoredEventsStreamArn?: string;
};

/** `arn:<partition>:dynamodb:<region>:<account>:table/<name>/stream/<label>` → the table name. */
const RESTORED_STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/([A-Za-z0-9_.-]{3,255})\/stream\/[^/]+$/;

const isHttpsUrl = (value: unknown): value is string =>
  typeof value === 'string' && URL.canParse(value) && new URL(value).protocol === 'https:';

/** Reads and checks the stack's context values (cdk.json, or `-c key=value`). */
export const configFromContext = (node: Node): StackConfig => {
  const stage: unknown = node.tryGetContext('stage');
  const jwtIssuer: unknown = node.tryGetContext('jwtIssuer');
  const audience: unknown = node.tryGetContext('jwtAudience') ?? apiAudience;
  const jwtIssuerNext: unknown = node.tryGetContext('jwtIssuerNext');
  const restored: unknown = node.tryGetContext('restoredEventsStreamArn');
  if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`context "stage" must be a short lower-case name, got ${JSON.stringify(stage)}`);
  }
  if (!isHttpsUrl(jwtIssuer)) {
    throw new Error(`context "jwtIssuer" must be an https URL, got ${JSON.stringify(jwtIssuer)}`);
  }
  if (jwtIssuerNext !== undefined && jwtIssuerNext !== '' && (!isHttpsUrl(jwtIssuerNext) || jwtIssuerNext === jwtIssuer)) {
    throw new Error(`context "jwtIssuerNext" must be an https URL other than jwtIssuer, got ${JSON.stringify(jwtIssuerNext)}`);
  }
  const jwtAudience = typeof audience === 'string' ? audience.split(',').map((a) => a.trim()) : audience;
  if (!Array.isArray(jwtAudience) || jwtAudience.length === 0 || !jwtAudience.every((a) => typeof a === 'string' && a !== '')) {
    throw new Error(`context "jwtAudience" must be a non-empty string or list of strings, got ${JSON.stringify(audience)}`);
  }
  if (restored !== undefined && restored !== '' && (typeof restored !== 'string' || !RESTORED_STREAM_ARN.test(restored))) {
    throw new Error(`context "restoredEventsStreamArn" must be the stream ARN of a DynamoDB table, got ${JSON.stringify(restored)}`);
  }
  if (stage === 'prod' && new URL(jwtIssuer).hostname.endsWith('.invalid')) {
    throw new Error('context "jwtIssuer" is still the placeholder; set the real issuer for prod');
  }
  return {
    stage,
    jwtIssuer,
    jwtAudience: jwtAudience as string[],
    ...(typeof jwtIssuerNext === 'string' && jwtIssuerNext !== '' ? { jwtIssuerNext } : {}),
    ...(typeof restored === 'string' && restored !== '' ? { restoredEventsStreamArn: restored } : {}),
  };
};

export type LegalAidStackProps = StackProps & StackConfig;

export type StageSettings = {
  logRetention: logs.RetentionDays;
  logLevel: 'DEBUG' | 'INFO';
  /**
   * On stack deletion, for everything whose loss does not lose the truth: read models, log groups,
   * dead-letter queues (their messages can be re-derived from the store). The event store, the keys
   * table and the key are always retained.
   */
  removal: RemovalPolicy;
  /** Deletion protection of the rebuildable tables; the event store always has it. */
  rebuildableDeletionProtection: boolean;
  /** CloudFormation refuses to delete the stack. */
  terminationProtection: boolean;
  throttle: { rateLimit: number; burstLimit: number };
  /** AWS Backup of the event store (besides PITR, which every stage has), or none. */
  backup: BackupRetention | null;
  /** Successful GETs by one caller in 5 minutes that raise `<api>-reads-per-caller` (infra/constructs/read-volume-alarm.ts). */
  readsPerCallerThreshold: number;
};

/**
 * `prod` keeps everything on stack deletion, protects every table from deletion and the stack from
 * termination, keeps logs a year and backs the event store up with AWS Backup. Every other stage
 * (`dev`, a developer's own) can be torn down: only the event store, the keys table and the key
 * survive a `cdk destroy`. PITR is on in every stage (the keys table's for one day only).
 */
export const stageSettings = (stage: string): StageSettings =>
  stage === 'prod'
    ? {
        logRetention: logs.RetentionDays.ONE_YEAR,
        logLevel: 'INFO',
        removal: RemovalPolicy.RETAIN,
        rebuildableDeletionProtection: true,
        terminationProtection: true,
        // National peak ≈ 250 requests/s (docs/operations.md, capacity plan); twice that before throttling.
        throttle: { rateLimit: 500, burstLimit: 1000 },
        // A week of dailies, a year of month-ends: full copies, so each kept one costs the table's size
        // (docs/operations.md, "Back up and restore the event store").
        backup: { dailyDays: 7, monthlyDays: 365 },
        // A reviewer working a queue reads a case every minute or so, with its history and lists: a few
        // dozen requests in 5 minutes. 300 is a script or a bulk copy, not casework.
        readsPerCallerThreshold: 300,
      }
    : {
        logRetention: logs.RetentionDays.ONE_MONTH,
        logLevel: 'DEBUG',
        removal: RemovalPolicy.DESTROY,
        rebuildableDeletionProtection: false,
        terminationProtection: false,
        throttle: { rateLimit: 20, burstLimit: 40 },
        backup: null,
        // Developers' scripts and load tests read in bursts in dev; only a runaway loop should page anyone.
        readsPerCallerThreshold: 1000,
      };

/** The one function that appends events; it does so with PutItem conditional on a new version only. */
const APPENDING_FUNCTION = 'api-commands';

/**
 * What no function may do to the events table: change or remove an event, in any of the API's forms
 * (single item, batch, PartiQL), or the table itself. PutItem is denied too except to the appending
 * function. IAM cannot require a condition expression, so the append-only rule for that one function
 * is its code's `attribute_not_exists` condition; the deny makes every other path impossible.
 */
const eventsTableDenied = (appends: boolean): string[] => [
  'DeleteItem',
  'UpdateItem',
  'BatchWriteItem',
  'PartiQLInsert',
  'PartiQLUpdate',
  'PartiQLDelete',
  'DeleteTable',
  'UpdateTable',
  ...(appends ? [] : ['PutItem' satisfies TableAction]),
];

/**
 * The same for the reads on record (access-records): kept as they were written, PutItem only for the
 * functions that record reads, each put conditional on a new key in their code.
 */
const accessRecordsDenied = (records: boolean): string[] => eventsTableDenied(records);

const ARCHIVE_RETENTION = Duration.days(365);

export class LegalAidStack extends Stack {
  readonly key: kms.Key;
  /** The stack's own events table. */
  readonly eventsTable: DefinedTable;
  /** The events table in use: the stack's own, or the restored one (context restoredEventsStreamArn). */
  readonly events: dynamodb.ITable;
  readonly readModelsTable: DefinedTable;
  /** The records' data keys (envelope encryption of personal data) and who may use them. */
  readonly recordKeys: RecordKeys;
  /** Every read of personal data on record: append-only, retained and protected in every stage. */
  readonly accessRecordsTable: DefinedTable;
  readonly bus: CaseEventBus;
  readonly publisherDeadLetters: DeadLetterQueue;
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  readonly streamFailures: ReadonlyMap<string, DeadLetterQueue>;
  readonly projections: ReadonlyMap<string, ProjectionRule>;
  readonly api: HttpApi;
  /** The second API of an issuer change (context jwtIssuerNext), else null. */
  readonly apiNext: HttpApi | null;
  readonly monitoring: Monitoring;
  /** Events without personal fields as Parquet in S3, the Glue table and the Athena workgroup. */
  readonly analytics: AnalyticsExport;
  /** AWS Backup of the event store, in the stages whose settings ask for it (prod). */
  readonly backup: EventStoreBackup | null;

  constructor(scope: Construct, id: string, props: LegalAidStackProps) {
    const settings = stageSettings(props.stage);
    super(scope, id, {
      ...props,
      terminationProtection: props.terminationProtection ?? settings.terminationProtection,
      tags: { ...stackTags(props.stage), ...props.tags },
    });
    for (const [key, value] of Object.entries(stackTags(props.stage))) Tags.of(this).add(key, value);

    // One customer-managed key for the tables, the queues, the bus and its archive, the log groups and
    // the alarm topic.
    this.key = new kms.Key(this, 'DataKey', {
      description: `legal-aid ${props.stage}: event store, read models, dead-letter queues, event bus and archive, logs, alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const busName = `legal-aid-${props.stage}`;
    // EventBridge writes what a rule cannot deliver to its dead-letter queue, which uses this key; only
    // for rules on this stage's bus in this account (the confused-deputy conditions of
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeDeadLetterQueues',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${busName}/*` },
        },
      }),
    );
    // CloudWatch Logs encrypts the log groups with this key: the regional principal, and only for log
    // groups of this account and region, named by the encryption context Logs always sends
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). The groups'
    // own ARNs cannot be named here: each group refers to the key, so that would be a cycle.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
        },
      }),
    );

    // The event store is retained and protected in every stage: events are the truth.
    this.eventsTable = new DefinedTable(this, 'EventsTable', {
      definition: eventsTable,
      key: this.key,
      removalPolicy: eventsTable.rebuildable ? settings.removal : RemovalPolicy.RETAIN,
      deletionProtection: eventsTable.rebuildable ? settings.rebuildableDeletionProtection : true,
    });
    this.events = props.restoredEventsStreamArn
      ? dynamodb.Table.fromTableAttributes(this, 'RestoredEventsTable', {
          tableName: RESTORED_STREAM_ARN.exec(props.restoredEventsStreamArn)![1]!,
          tableStreamArn: props.restoredEventsStreamArn,
          encryptionKey: this.key,
        })
      : this.eventsTable;
    this.backup = settings.backup
      ? new EventStoreBackup(this, 'EventStoreBackup', {
          stage: props.stage,
          table: this.events,
          key: this.key,
          retention: settings.backup,
        })
      : null;
    this.readModelsTable = new DefinedTable(this, 'ReadModelsTable', {
      definition: readModelsTable,
      key: this.key,
      removalPolicy: readModelsTable.rebuildable ? settings.removal : RemovalPolicy.RETAIN,
      deletionProtection: readModelsTable.rebuildable ? settings.rebuildableDeletionProtection : true,
    });

    // Retained and protected in every stage, outside AWS Backup, PITR one day (record-keys.ts).
    this.recordKeys = new RecordKeys(this, 'RecordKeys', { key: this.key });
    // Reads on record are evidence, as events are: never rebuildable, retained and protected everywhere.
    this.accessRecordsTable = new DefinedTable(this, 'AccessRecordsTable', {
      definition: accessRecordsTable,
      key: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });

    this.bus = new CaseEventBus(this, 'EventBus', { busName, archiveRetention: ARCHIVE_RETENTION, key: this.key });
    this.publisherDeadLetters = new DeadLetterQueue(this, 'PublisherDeadLetters', {
      key: this.key,
      removalPolicy: settings.removal,
      purpose: 'events the stream publisher could not put on the bus, each with its PutEvents entry',
    });

    const functions = new Map<string, HandlerFunction>();
    for (const definition of functionDefinitions) {
      if (definition.id !== APPENDING_FUNCTION && definition.access.events.some((a) => writeActions.includes(a))) {
        throw new Error(`${definition.id} declares a write on the events table; only ${APPENDING_FUNCTION} appends events`);
      }
      const handler = new HandlerFunction(this, `Fn-${definition.id}`, {
        definition,
        projectRoot: PROJECT_ROOT,
        environment: {
          [tableEnv.events]: this.events.tableName,
          [tableEnv.readModels]: this.readModelsTable.tableName,
          ...(definition.access.accessRecords.length > 0 ? { [tableEnv.accessRecords]: this.accessRecordsTable.tableName } : {}),
          [functionEnv.eventBusName]: this.bus.bus.eventBusName,
          [functionEnv.serviceName]: definition.id,
          [functionEnv.logLevel]: settings.logLevel,
          [functionEnv.stage]: props.stage,
          ...(definition.access.deadLetter ? { [functionEnv.deadLetterQueueUrl]: this.publisherDeadLetters.queueUrl } : {}),
          // Only where data keys are used: a function without them cannot even name the table.
          ...(definition.access.personal !== 'none'
            ? { [tableEnv.keys]: this.recordKeys.table.tableName, [DATA_KEY_ARN_ENV]: this.key.keyArn }
            : {}),
        },
        logRetention: settings.logRetention,
        logRemovalPolicy: settings.removal,
        key: this.key,
      });
      this.grantAccess(definition, handler.fn);
      this.recordKeys.grantTo(handler.fn, definition.access.personal);
      functions.set(definition.id, handler);
    }
    this.functions = functions;

    const streamFailuresByFunction = new Map<string, DeadLetterQueue>();
    for (const definition of functionDefinitions.filter((d) => d.trigger.kind === 'events-stream')) {
      const streamFailures = new DeadLetterQueue(this, `StreamFailures-${definition.id}`, {
        key: this.key,
        removalPolicy: settings.removal,
        purpose: `stream batches ${definition.id} failed on or that outlived the maximum record age (shard and sequence range, not the events)`,
      });
      streamFailuresByFunction.set(definition.id, streamFailures);
      functions.get(definition.id)!.fn.addEventSource(
        new DynamoEventSource(this.events, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: publisherStreamSource.batchSize,
          bisectBatchOnError: true,
          retryAttempts: publisherStreamSource.retryAttempts,
          reportBatchItemFailures: true,
          // Within the stream's 24 h retention; older records go to the failure queue for a replay.
          maxRecordAge: Duration.hours(publisherStreamSource.maxRecordAgeHours),
          onFailure: new SqsDlq(streamFailures),
        }),
      );
    }
    this.streamFailures = streamFailuresByFunction;

    const projections = new Map<string, ProjectionRule>();
    const projectionTargets: { projection: string; functionId: string }[] = [];
    for (const rule of projectionRules) {
      const target = functionDefinitions.find((d) => d.trigger.kind === 'projection' && d.trigger.projection === rule.projection);
      if (!target) throw new Error(`no function has trigger projection "${rule.projection}"`);
      projections.set(
        rule.projection,
        new ProjectionRule(this, `Projection-${rule.projection}`, {
          definition: rule,
          bus: this.bus.bus,
          target: functions.get(target.id)!.fn,
          key: this.key,
          deadLetterRemoval: settings.removal,
        }),
      );
      projectionTargets.push({ projection: rule.projection, functionId: target.id });
    }
    this.projections = projections;

    const httpApi = (apiId: string, apiName: string, jwtIssuer: string) =>
      new HttpApi(this, apiId, {
        apiName,
        jwtIssuer,
        jwtAudience: props.jwtAudience,
        routes: apiRoutes,
        functions: new Map([...functions].map(([fnId, h]) => [fnId, h.fn])),
        throttle: settings.throttle,
        publicRoutes: {
          'GET /health':
            'GET /health is the one route the shared route table marks public: a liveness probe for monitors and ' +
            'load balancers that answers {"status":"ok"} without reading any data or identifying anyone; the stage throttle bounds it.',
          'GET /openapi.json':
            'GET /openapi.json is marked public in the shared route table: the OpenAPI description of the API (routes and ' +
            'request/response schemas, generated from the same zod schemas), no case or personal data, for integrators of workstations ' +
            'before they hold a token; the stage throttle bounds it.',
          [PUBLIC_DISCLOSURE_ROUTE]:
            'GET /public/statistics is the public disclosure of Legal Aid Law Art 58: aggregated counts per agency, city and province, ' +
            'small counts suppressed by rule data so no person can be singled out, no personal data; its own route throttle bounds it ' +
            'below the stage, and its answers are cacheable (Cache-Control, ETag).',
        },
        routeThrottles: { [PUBLIC_DISCLOSURE_ROUTE]: PUBLIC_DISCLOSURE_THROTTLE },
        logRetention: settings.logRetention,
        logRemovalPolicy: settings.removal,
        logKey: this.key,
      });
    this.api = httpApi('HttpApi', `legal-aid-${props.stage}`, props.jwtIssuer);
    this.apiNext = props.jwtIssuerNext ? httpApi('HttpApiNext', `legal-aid-${props.stage}-next`, props.jwtIssuerNext) : null;

    this.analytics = new AnalyticsExport(this, 'Analytics', {
      bus: this.bus.bus,
      transform: functions.get('analytics-transform')!.fn,
      stage: props.stage,
      removalPolicy: settings.removal,
      queriesDir: join(PROJECT_ROOT, 'analytics', 'queries'),
    });

    const deadLetterQueues = [
      { name: 'publisher', queue: this.publisherDeadLetters },
      ...[...streamFailuresByFunction].map(([fnId, queue]) => ({ name: `stream-failures-${fnId}`, queue })),
      ...[...projections].flatMap(([projection, rule]) => [
        { name: `projection-${projection}`, queue: rule.deadLetterQueue },
        { name: `projection-${projection}-rule`, queue: rule.ruleDeadLetterQueue },
      ]),
    ];
    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: props.stage,
      key: this.key,
      functions: new Map([...functions].map(([fnId, h]) => [fnId, h.fn])),
      streamConsumers: [...streamFailuresByFunction.keys()],
      httpFunctions: functionDefinitions.filter((d) => d.trigger.kind === 'http').map((d) => d.id),
      projections: projectionTargets.map((t) => ({
        ...t,
        rule: projections.get(t.projection)!.rule,
        bus: this.bus.bus,
        sourceQueue: projections.get(t.projection)!.sourceQueue,
      })),
      deadLetterQueues,
      apis: [this.api.api, ...(this.apiNext ? [this.apiNext.api] : [])],
      tables: [
        { name: 'events', table: this.events },
        { name: 'read-models', table: this.readModelsTable },
        { name: 'keys', table: this.recordKeys.table },
      ],
    });

    for (const api of [this.api, ...(this.apiNext ? [this.apiNext] : [])]) {
      new ReadVolumeAlarm(api, 'ReadsPerCaller', {
        apiName: api.api.httpApiName ?? `legal-aid-${props.stage}`,
        accessLogs: api.accessLogs,
        threshold: settings.readsPerCallerThreshold,
        topic: this.monitoring.topic,
        dashboard: this.monitoring.dashboard,
      });
    }

    // Last, once every grant (definitions, event sources, tracing) is in the roles' policies.
    for (const definition of functionDefinitions) this.acknowledgeWildcards(definition, functions.get(definition.id)!);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    if (this.apiNext) {
      new CfnOutput(this, 'ApiUrlNext', {
        value: this.apiNext.url,
        description: `Base URL of the HTTP API that trusts ${props.jwtIssuerNext}`,
      });
    }
    new CfnOutput(this, 'EventBusName', { value: this.bus.bus.eventBusName });
    new CfnOutput(this, 'EventsTableName', { value: this.events.tableName });
    new CfnOutput(this, 'ReadModelsTableName', { value: this.readModelsTable.tableName });
    new CfnOutput(this, 'KeysTableName', {
      value: this.recordKeys.table.tableName,
      description: 'Data keys of the records (never back up by hand)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: 'Subscribe on-call to this topic' });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'AnalyticsBucketName', {
      value: this.analytics.bucket.bucketName,
      description: 'Parquet of the events, personal fields left out',
    });
    new CfnOutput(this, 'AnalyticsWorkGroup', {
      value: this.analytics.workgroup.ref,
      description: 'Athena workgroup with the named queries of analytics/queries',
    });
    // What the runbooks (docs/operations.md) need: the bus and its archive, each dead-letter queue,
    // and each projection's rule and function.
    new CfnOutput(this, 'EventBusArn', { value: this.bus.bus.eventBusArn });
    new CfnOutput(this, 'EventArchiveArn', { value: this.bus.archive.attrArn, description: 'Source of StartReplay' });
    // Every queue by its name in infra/definitions/projection-delivery.ts: `npm run redrive -- --stage`
    // finds them here.
    const queueOf = (role: QueueRole) => {
      switch (role.kind) {
        case 'publisher-dlq':
          return this.publisherDeadLetters;
        case 'stream-failures':
          return streamFailuresByFunction.get(role.functionId)!;
        case 'projection-source':
          return projections.get(role.projection)!.sourceQueue;
        case 'projection-dlq':
          return projections.get(role.projection)!.deadLetterQueue;
        case 'rule-dlq':
          return projections.get(role.projection)!.ruleDeadLetterQueue;
      }
    };
    const roles: QueueRole[] = [
      { kind: 'publisher-dlq' },
      ...[...streamFailuresByFunction.keys()].map((functionId): QueueRole => ({ kind: 'stream-failures', functionId })),
      ...[...projections.keys()].flatMap((p): QueueRole[] => [
        { kind: 'projection-source', projection: p as ProjectionName },
        { kind: 'projection-dlq', projection: p as ProjectionName },
        { kind: 'rule-dlq', projection: p as ProjectionName },
      ]),
    ];
    for (const role of roles) {
      const queue = queueOf(role);
      const description =
        queue instanceof DeadLetterQueue
          ? queue.purpose
          : `events for projection ${role.kind === 'projection-source' ? role.projection : ''}`;
      new CfnOutput(this, stackOutputKey('QueueUrl', queueName(role)), { value: queue.queueUrl, description });
      new CfnOutput(this, stackOutputKey('QueueArn', queueName(role)), { value: queue.queueArn });
    }
    for (const { projection, functionId } of projectionTargets) {
      new CfnOutput(this, `ProjectionRuleArn${outputSuffix(projection)}`, { value: projections.get(projection)!.rule.ruleArn });
      new CfnOutput(this, `ProjectionFunctionName${outputSuffix(projection)}`, { value: functions.get(functionId)!.fn.functionName });
    }
    // Jobs an operator invokes (the rebuild, docs/operations.md).
    for (const definition of functionDefinitions.filter((d) => d.trigger.kind === 'job')) {
      new CfnOutput(this, `JobFunctionName${outputSuffix(definition.id)}`, {
        value: functions.get(definition.id)!.fn.functionName,
        description: definition.description,
      });
    }
  }

  /**
   * The IAM5 (wildcard) findings each function's policy has, acknowledged one by one with why. They
   * follow from the definition's access, so a new grant that adds a wildcard fails cdk-nag until it is
   * explained here, and one that disappears fails the stale-acknowledgement test.
   */
  private acknowledgeWildcards({ id, access, trigger }: FunctionDefinition, handler: HandlerFunction): void {
    const policy = handler.role.node.tryFindChild('DefaultPolicy');
    if (!policy) return;
    const ack = (finding: string, reason: string) => acknowledgeNag(policy, `AwsSolutions-IAM5[${finding}]`, reason);

    const writesTable = [...access.events, ...access.readModels, ...access.accessRecords].some((a) => writeActions.includes(a));
    const writesEncrypted = writesTable || access.deadLetter || trigger.kind === 'events-stream';
    if (writesEncrypted) {
      const reason =
        `${id} writes to a table or queue encrypted with the stack's customer-managed key; DynamoDB and SQS use the key on its ` +
        "behalf with the GenerateDataKey*/ReEncrypt* variants (the set CDK grants and DynamoDB's own key policy allows). " +
        'The statement names the one key ARN (DataKey), so the wildcard is over KMS actions on that key only.';
      ack('Action::kms:GenerateDataKey*', reason);
      ack('Action::kms:ReEncrypt*', reason);
    }
    const tables = [
      [this.eventsTable, eventsTable, access.events],
      [this.readModelsTable, readModelsTable, access.readModels],
      [this.accessRecordsTable, accessRecordsTable, access.accessRecords],
    ] as const;
    for (const [table, definition, actions] of tables) {
      if (!actions.includes('Query') || definition.globalIndexes.length === 0) continue;
      const logicalId = this.resolve(this.getLogicalId(table.node.defaultChild as CfnElement)) as string;
      ack(
        `Resource::<${logicalId}.Arn>/index/*`,
        `${id} queries the global secondary indexes of the ${definition.logicalName} table (${definition.globalIndexes.map((i) => i.name).join(', ')}: ` +
          'the list queries); the wildcard is over the indexes of that one table, not over other tables.',
      );
    }
    ack(
      'Resource::*',
      [
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so they are granted on "*".',
        ...(trigger.kind === 'events-stream'
          ? ['The stream event source mapping also needs dynamodb:ListStreams, which has no resource-level permission either.']
          : []),
      ].join(' '),
    );
  }

  /**
   * Grants exactly what the definition's `access` declares (triggers add their own reads), and denies
   * every function what would rewrite history: the explicit deny wins over any allow, also one added
   * later by mistake.
   */
  private grantAccess({ id, access }: FunctionDefinition, fn: lambda.IFunction): void {
    const tables = [
      [this.events, eventsTable, access.events],
      [this.readModelsTable, readModelsTable, access.readModels],
      [this.accessRecordsTable, accessRecordsTable, access.accessRecords],
    ] as const;
    for (const [table, definition, actions] of tables) {
      if (actions.length === 0) continue;
      // The list queries go through the global secondary indexes, which only Query reaches.
      const indexes = actions.includes('Query') && definition.globalIndexes.length > 0 ? [`${table.tableArn}/index/*`] : [];
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn, ...indexes] }),
      );
      // What DynamoDB needs of the caller for a table under a customer-managed key: decrypt to read,
      // and the encrypting actions as well to write (the set CDK's own table grants use). Only through
      // DynamoDB: the function's own KMS calls are the data-key envelope's, which record-keys.ts allows
      // with the record's encryption context alone.
      const writes = actions.some((a) => writeActions.includes(a));
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'] : [])],
          resources: [this.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': viaDynamoDb } },
        }),
      );
    }
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DenyRewritingEvents',
        effect: iam.Effect.DENY,
        actions: eventsTableDenied(id === APPENDING_FUNCTION).map((a) => `dynamodb:${a}`),
        resources: [...new Set([this.events.tableArn, this.eventsTable.tableArn])],
      }),
    );
    // Reads on record are append-only for code, as events are: the API functions put a new item
    // (their code's condition is attribute_not_exists), nothing may change or remove one.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DenyRewritingReads',
        effect: iam.Effect.DENY,
        actions: accessRecordsDenied(access.accessRecords.includes('PutItem')).map((a) => `dynamodb:${a}`),
        resources: [this.accessRecordsTable.tableArn],
      }),
    );
    if (access.putEvents) this.bus.bus.grantPutEventsTo(fn);
    if (access.deadLetter) this.publisherDeadLetters.grantSendMessages(fn);
  }
}
