// The whole deployed system in one stack: event store and read-model tables, the functions from the
// shared definitions with exactly the access each declares, the stream → publisher mapping, the bus
// with its archive and projection rules, and the HTTP API. See /DESIGN.md for the flow.
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, Node } from 'constructs';
import { projectionRules } from '../events/routing.ts';
import { routes } from '../functions/api/routes.ts';
import { CaseEventBus } from './constructs/case-event-bus.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { DefinedTable } from './constructs/defined-table.ts';
import { HandlerFunction } from './constructs/handler-function.ts';
import { type ApiRoute, HttpApi } from './constructs/http-api.ts';
import { ProjectionRule } from './constructs/projection-rule.ts';
import { type FunctionDefinition, functionDefinitions } from './definitions/functions.ts';
import { eventsTable, readModelsTable, tableEnv } from './definitions/tables.ts';

/** Repository root: entries in functions.ts are relative to it. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The HTTP routes: the shared table the local server and the API Lambdas read too. */
export const apiRoutes: readonly ApiRoute[] = routes;

/** Environment variable names the functions read besides the table names (tableEnv). */
export const functionEnv = {
  eventBusName: 'EVENT_BUS_NAME',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

export type StackConfig = {
  stage: string;
  jwtIssuer: string;
  jwtAudience: readonly string[];
};

/** Reads and checks the stack's context values (cdk.json, or `-c key=value`). */
export const configFromContext = (node: Node): StackConfig => {
  const stage: unknown = node.tryGetContext('stage');
  const jwtIssuer: unknown = node.tryGetContext('jwtIssuer');
  const audience: unknown = node.tryGetContext('jwtAudience');
  if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`context "stage" must be a short lower-case name, got ${JSON.stringify(stage)}`);
  }
  if (typeof jwtIssuer !== 'string' || !URL.canParse(jwtIssuer) || new URL(jwtIssuer).protocol !== 'https:') {
    throw new Error(`context "jwtIssuer" must be an https URL, got ${JSON.stringify(jwtIssuer)}`);
  }
  const jwtAudience = typeof audience === 'string' ? audience.split(',').map((a) => a.trim()) : audience;
  if (!Array.isArray(jwtAudience) || jwtAudience.length === 0 || !jwtAudience.every((a) => typeof a === 'string' && a !== '')) {
    throw new Error(`context "jwtAudience" must be a non-empty string or list of strings, got ${JSON.stringify(audience)}`);
  }
  if (stage === 'prod' && new URL(jwtIssuer).hostname.endsWith('.invalid')) {
    throw new Error('context "jwtIssuer" is still the placeholder; set the real issuer for prod');
  }
  return { stage, jwtIssuer, jwtAudience: jwtAudience as string[] };
};

export type LegalAidStackProps = StackProps & StackConfig;

type StageSettings = {
  logRetention: logs.RetentionDays;
  /** For what can be rebuilt (read models, logs); the event store is always retained. */
  rebuildableRemoval: RemovalPolicy;
  throttle: { rateLimit: number; burstLimit: number };
};

const stageSettings = (stage: string): StageSettings =>
  stage === 'prod'
    ? { logRetention: logs.RetentionDays.ONE_YEAR, rebuildableRemoval: RemovalPolicy.RETAIN, throttle: { rateLimit: 200, burstLimit: 400 } }
    : { logRetention: logs.RetentionDays.ONE_MONTH, rebuildableRemoval: RemovalPolicy.DESTROY, throttle: { rateLimit: 20, burstLimit: 40 } };

const EVENT_RULE_RETRY_ATTEMPTS = 8;
const EVENT_RULE_MAX_EVENT_AGE = Duration.hours(2);
const ARCHIVE_RETENTION = Duration.days(365);

export class LegalAidStack extends Stack {
  readonly key: kms.Key;
  readonly eventsTable: DefinedTable;
  readonly readModelsTable: DefinedTable;
  readonly bus: CaseEventBus;
  readonly publisherDeadLetters: DeadLetterQueue;
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: LegalAidStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage);

    // One customer-managed key for the tables and the queues.
    this.key = new kms.Key(this, 'DataKey', {
      description: `legal-aid ${props.stage}: event store, read models, dead-letter queues`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // EventBridge writes undeliverable events to the rule dead-letter queues, which use this key.
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeDeadLetterQueues',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
    }));

    this.eventsTable = new DefinedTable(this, 'EventsTable', {
      definition: eventsTable,
      key: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.readModelsTable = new DefinedTable(this, 'ReadModelsTable', {
      definition: readModelsTable,
      key: this.key,
      removalPolicy: readModelsTable.rebuildable ? settings.rebuildableRemoval : RemovalPolicy.RETAIN,
    });

    this.bus = new CaseEventBus(this, 'EventBus', { busName: `legal-aid-${props.stage}`, archiveRetention: ARCHIVE_RETENTION });
    this.publisherDeadLetters = new DeadLetterQueue(this, 'PublisherDeadLetters', { key: this.key });

    const functions = new Map<string, HandlerFunction>();
    for (const definition of functionDefinitions) {
      const handler = new HandlerFunction(this, `Fn-${definition.id}`, {
        definition,
        projectRoot: PROJECT_ROOT,
        environment: {
          [tableEnv.events]: this.eventsTable.tableName,
          [tableEnv.readModels]: this.readModelsTable.tableName,
          [functionEnv.eventBusName]: this.bus.bus.eventBusName,
          [functionEnv.serviceName]: 'legal-aid',
          ...(definition.access.deadLetter ? { [functionEnv.deadLetterQueueUrl]: this.publisherDeadLetters.queueUrl } : {}),
        },
        logRetention: settings.logRetention,
        logRemovalPolicy: settings.rebuildableRemoval,
      });
      this.grantAccess(definition, handler.fn);
      functions.set(definition.id, handler);
    }
    this.functions = functions;

    for (const definition of functionDefinitions.filter((d) => d.trigger.kind === 'events-stream')) {
      const streamFailures = new DeadLetterQueue(this, `StreamFailures-${definition.id}`, { key: this.key });
      functions.get(definition.id)!.fn.addEventSource(new DynamoEventSource(this.eventsTable, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        // Within the stream's 24 h retention; older records go to the failure queue for a replay.
        maxRecordAge: Duration.hours(12),
        onFailure: new SqsDlq(streamFailures),
      }));
    }

    for (const rule of projectionRules) {
      const target = functionDefinitions.find((d) => d.trigger.kind === 'projection' && d.trigger.projection === rule.projection);
      if (!target) throw new Error(`no function has trigger projection "${rule.projection}"`);
      new ProjectionRule(this, `Projection-${rule.projection}`, {
        definition: rule,
        bus: this.bus.bus,
        target: functions.get(target.id)!.fn,
        key: this.key,
        retryAttempts: EVENT_RULE_RETRY_ATTEMPTS,
        maxEventAge: EVENT_RULE_MAX_EVENT_AGE,
      });
    }

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `legal-aid-${props.stage}`,
      jwtIssuer: props.jwtIssuer,
      jwtAudience: props.jwtAudience,
      routes: apiRoutes,
      functions: new Map([...functions].map(([fnId, h]) => [fnId, h.fn])),
      throttle: settings.throttle,
      logRetention: settings.logRetention,
      logRemovalPolicy: settings.rebuildableRemoval,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'EventBusName', { value: this.bus.bus.eventBusName });
    new CfnOutput(this, 'EventsTableName', { value: this.eventsTable.tableName });
    new CfnOutput(this, 'ReadModelsTableName', { value: this.readModelsTable.tableName });
  }

  /** Grants exactly what the definition's `access` declares; triggers add their own reads. */
  private grantAccess({ access }: FunctionDefinition, fn: lambda.IFunction): void {
    const tables = [[this.eventsTable, access.events], [this.readModelsTable, access.readModels]] as const;
    for (const [table, level] of tables) {
      if (level === 'read') table.grantReadData(fn);
      if (level === 'read-write') table.grantReadWriteData(fn);
    }
    if (access.putEvents) this.bus.bus.grantPutEventsTo(fn);
    if (access.deadLetter) this.publisherDeadLetters.grantSendMessages(fn);
  }
}
