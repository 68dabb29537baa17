// Alarms, the topic they notify and one dashboard. Every alarm sends ALARM and OK to the topic
// (encrypted with the stack key); an operator subscribes to it (docs/operations.md).
//
// Alarms: every dead-letter queue (a message visible at all), every function's errors and throttles,
// the stream consumers' iterator age and the publisher's failed entries, each projection's lag and the
// age of the oldest message in its source queue, each
// HTTP API's 5xx answers, and a burst of refused requests (AccessDenied) at each HTTP function. Custom metrics (EMF, functions/lib/observability.ts) carry the dimensions
// `service` (function id) and `stage`; the alarms here ask for exactly those.
import { Aws, Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, metricNames } from '../../functions/lib/observability.ts';
import { projectionDelivery } from '../definitions/projection-delivery.ts';
import type { DeadLetterQueue } from './dead-letter-queue.ts';

export type MonitoringThresholds = {
  /** Age of the oldest message in a projection's source queue (ApproximateAgeOfOldestMessage, Maximum over 1 min): lag measured by the queue. */
  oldestQueuedMessageSeconds: number;
  /** Oldest stream record a stream consumer has not finished with (IteratorAge, Maximum over 1 min). */
  iteratorAgeMs: number;
  /** Projection lag, p99 over 1 min. */
  projectionLagMs: number;
  /** Consecutive minutes over the iterator-age or lag threshold before the alarm fires. */
  sustainedMinutes: number;
  /**
   * Requests one HTTP function refused with 403 in 5 min. A workstation that asks for what it may not
   * see now and then is normal; this many is a misconfigured client, a wrong role grant, or probing.
   */
  accessDeniedPer5Min: number;
};

export const defaultThresholds: MonitoringThresholds = {
  oldestQueuedMessageSeconds: projectionDelivery.oldestMessageAlarmSeconds,
  iteratorAgeMs: 60_000,
  projectionLagMs: 60_000,
  sustainedMinutes: 5,
  accessDeniedPer5Min: 50,
};

export type MonitoringProps = {
  /** Stage name: alarm, topic and dashboard names, and the `stage` dimension of custom metrics. */
  stage: string;
  key: kms.IKey;
  /** Every function, by its id in infra/definitions/functions.ts. */
  functions: ReadonlyMap<string, lambda.IFunction>;
  /** Ids of the functions fed by the events table stream (the publisher). */
  streamConsumers: readonly string[];
  /** Ids of the functions behind the HTTP API (they count AccessDenied). */
  httpFunctions: readonly string[];
  /** Each projection, the id of the function that applies it, its rule and the SQS queue between them. */
  projections: readonly { projection: string; functionId: string; rule: events.IRule; bus: events.IEventBus; sourceQueue: sqs.IQueue }[];
  /** Every dead-letter queue of the stack, by a short name used in the alarm name. */
  deadLetterQueues: readonly { name: string; queue: DeadLetterQueue }[];
  /** The HTTP API, and during an issuer change the second one (5xx alarm each). */
  apis: readonly apigw.HttpApi[];
  tables: readonly { name: string; table: dynamodb.ITable }[];
  thresholds?: MonitoringThresholds;
};

/** Each alarm by what it watches; the tests pin one per DLQ, function, stream consumer and projection. */
export type StackAlarms = {
  deadLetters: ReadonlyMap<string, cloudwatch.Alarm>;
  functionErrors: ReadonlyMap<string, cloudwatch.Alarm>;
  functionThrottles: ReadonlyMap<string, cloudwatch.Alarm>;
  iteratorAge: ReadonlyMap<string, cloudwatch.Alarm>;
  publisherFailedEntries: ReadonlyMap<string, cloudwatch.Alarm>;
  projectionLag: ReadonlyMap<string, cloudwatch.Alarm>;
  /** Per projection: the oldest message of its source queue (it stops being received, or keeps failing). */
  projectionQueueAge: ReadonlyMap<string, cloudwatch.Alarm>;
  apiServerErrors: ReadonlyMap<string, cloudwatch.Alarm>;
  accessDenied: ReadonlyMap<string, cloudwatch.Alarm>;
};

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: StackAlarms;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { stage } = props;
    const thresholds = props.thresholds ?? defaultThresholds;
    const prefix = `legal-aid-${stage}`;

    // CloudWatch publishes to the encrypted topic with the stack key: only this account's alarms of
    // this stage (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${prefix}-*` },
        },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `${prefix}-alarms`,
      displayName: `legal-aid ${stage} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    const notify = new actions.SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      name: string,
      description: string,
      metric: cloudwatch.IMetric,
      options: {
        threshold: number;
        evaluationPeriods?: number;
      },
    ): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmName: `${prefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold: options.threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.evaluationPeriods ?? 1,
        // No data is no failure: idle queues stop reporting, idle functions emit nothing.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      return created;
    };
    const fn = (functionId: string): lambda.IFunction => {
      const found = props.functions.get(functionId);
      if (!found) throw new Error(`monitoring names unknown function "${functionId}"`);
      return found;
    };
    const customMetric = (metricName: string, functionId: string, statistic: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: functionId, stage }, statistic, period });

    const deadLetters = new Map(
      props.deadLetterQueues.map(
        ({ name, queue }) =>
          [
            name,
            alarm(
              `DeadLetters-${name}`,
              `dlq-${name}`,
              `Dead-letter queue "${name}" holds messages: ${queue.purpose}. Redrive: docs/operations.md.`,
              queue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: FIVE_MINUTES }),
              { threshold: 0 },
            ),
          ] as const,
      ),
    );

    const functionIds = [...props.functions.keys()];
    const functionErrors = new Map(
      functionIds.map(
        (id) =>
          [
            id,
            alarm(
              `Errors-${id}`,
              `${id}-errors`,
              `Function ${id} failed (uncaught error or timeout).`,
              fn(id).metricErrors({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
              { threshold: 0 },
            ),
          ] as const,
      ),
    );
    const functionThrottles = new Map(
      functionIds.map(
        (id) =>
          [
            id,
            alarm(
              `Throttles-${id}`,
              `${id}-throttles`,
              `Function ${id} was throttled (account or reserved concurrency reached).`,
              fn(id).metricThrottles({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
              { threshold: 0 },
            ),
          ] as const,
      ),
    );

    const iteratorAge = new Map(
      props.streamConsumers.map(
        (id) =>
          [
            id,
            alarm(
              `IteratorAge-${id}`,
              `${id}-iterator-age`,
              `${id} is more than ${thresholds.iteratorAgeMs / 1000} s behind the events table stream for ${thresholds.sustainedMinutes} min; records older than the mapping's maximum age go to its failure queue.`,
              fn(id).metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, period: ONE_MINUTE }),
              { threshold: thresholds.iteratorAgeMs, evaluationPeriods: thresholds.sustainedMinutes },
            ),
          ] as const,
      ),
    );
    const publisherFailedEntries = new Map(
      props.streamConsumers.map(
        (id) =>
          [
            id,
            alarm(
              `FailedEntries-${id}`,
              `${id}-failed-entries`,
              `${id} could not put events on the bus after its retries; they are in the publisher dead-letter queue.`,
              customMetric(metricNames.publisherFailedEntries, id, cloudwatch.Stats.SUM, FIVE_MINUTES),
              { threshold: 0 },
            ),
          ] as const,
      ),
    );

    const projectionLag = new Map(
      props.projections.map(
        ({ projection, functionId }) =>
          [
            projection,
            alarm(
              `ProjectionLag-${projection}`,
              `projection-${projection}-lag`,
              `Projection ${projection}: p99 of now − recordedAt above ${thresholds.projectionLagMs / 1000} s for ${thresholds.sustainedMinutes} min; reads are stale.`,
              customMetric(metricNames.projectionLagMs, functionId, cloudwatch.Stats.p(99), ONE_MINUTE),
              { threshold: thresholds.projectionLagMs, evaluationPeriods: thresholds.sustainedMinutes },
            ),
          ] as const,
      ),
    );

    const projectionQueueAge = new Map(
      props.projections.map(
        ({ projection, sourceQueue }) =>
          [
            projection,
            alarm(
              `ProjectionQueueAge-${projection}`,
              `projection-${projection}-queue-age`,
              `Projection ${projection}: the oldest message of its source queue is older than ${thresholds.oldestQueuedMessageSeconds} s for ${thresholds.sustainedMinutes} min; ` +
                `the function is not keeping up, throttled, or failing on messages that will reach its dead-letter queue after ${projectionDelivery.maxReceiveCount} receives.`,
              sourceQueue.metricApproximateAgeOfOldestMessage({ statistic: cloudwatch.Stats.MAXIMUM, period: ONE_MINUTE }),
              { threshold: thresholds.oldestQueuedMessageSeconds, evaluationPeriods: thresholds.sustainedMinutes },
            ),
          ] as const,
      ),
    );

    const apiServerErrors = new Map(
      props.apis.map((api, i) => {
        const name = i === 0 ? 'api' : `api-${i + 1}`;
        return [
          name,
          alarm(
            `ApiServerErrors${i === 0 ? '' : i + 1}`,
            `${name}-5xx`,
            'The HTTP API answered 5xx (a bug or an integration failure: by design it answers errors with a 4xx and a reason).',
            api.metricServerError({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
            { threshold: 0 },
          ),
        ] as const;
      }),
    );

    const accessDenied = new Map(
      props.httpFunctions.map(
        (id) =>
          [
            id,
            alarm(
              `AccessDenied-${id}`,
              `${id}-access-denied`,
              `${id} refused more than ${thresholds.accessDeniedPer5Min} requests with 403 in 5 min: a misconfigured workstation, a wrong role grant, or probing. The "access denied" log lines say who asked for what.`,
              customMetric(metricNames.accessDenied, id, cloudwatch.Stats.SUM, FIVE_MINUTES),
              { threshold: thresholds.accessDeniedPer5Min },
            ),
          ] as const,
      ),
    );

    this.alarms = {
      deadLetters,
      functionErrors,
      functionThrottles,
      iteratorAge,
      publisherFailedEntries,
      projectionLag,
      projectionQueueAge,
      apiServerErrors,
      accessDenied,
    };

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: prefix,
      defaultInterval: Duration.hours(3),
      widgets: this.widgets(props, thresholds),
    });
  }

  private allAlarms(): cloudwatch.IAlarm[] {
    return Object.values(this.alarms).flatMap((m: ReadonlyMap<string, cloudwatch.Alarm>) => [...m.values()]);
  }

  private widgets(props: MonitoringProps, thresholds: MonitoringThresholds): cloudwatch.IWidget[][] {
    const { stage } = props;
    const graph = (title: string, left: cloudwatch.IMetric[], extra: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, ...extra });
    const perFunction = (metricOf: (f: lambda.IFunction) => cloudwatch.Metric) =>
      [...props.functions].map(([id, f]) => metricOf(f).with({ label: id }));
    const minute = { period: ONE_MINUTE };
    const suffix = (i: number) => (i === 0 ? '' : ` (api ${i + 1})`);

    return [
      [new cloudwatch.AlarmStatusWidget({ title: `legal-aid ${stage}: alarms`, alarms: this.allAlarms(), width: 24, height: 4 })],
      [
        graph(
          'API requests and errors',
          props.apis.flatMap((api, i) => [
            api.metricCount({ ...minute, statistic: cloudwatch.Stats.SUM, label: `requests${suffix(i)}` }),
            api.metricClientError({ ...minute, statistic: cloudwatch.Stats.SUM, label: `4xx${suffix(i)}` }),
            api.metricServerError({ ...minute, statistic: cloudwatch.Stats.SUM, label: `5xx${suffix(i)}` }),
          ]),
        ),
        graph(
          'API latency (ms)',
          props.apis.flatMap((api, i) => [
            api.metricLatency({ ...minute, statistic: cloudwatch.Stats.p(50), label: `p50${suffix(i)}` }),
            api.metricLatency({ ...minute, statistic: cloudwatch.Stats.p(99), label: `p99${suffix(i)}` }),
            api.metricIntegrationLatency({ ...minute, statistic: cloudwatch.Stats.p(99), label: `integration p99${suffix(i)}` }),
          ]),
        ),
        graph(
          'Function invocations',
          perFunction((f) => f.metricInvocations({ ...minute, statistic: cloudwatch.Stats.SUM })),
        ),
      ],
      [
        graph(
          'Function errors',
          perFunction((f) => f.metricErrors({ ...minute, statistic: cloudwatch.Stats.SUM })),
        ),
        graph(
          'Function throttles',
          perFunction((f) => f.metricThrottles({ ...minute, statistic: cloudwatch.Stats.SUM })),
        ),
        graph(
          'Function duration p99 (ms)',
          perFunction((f) => f.metricDuration({ ...minute, statistic: cloudwatch.Stats.p(99) })),
        ),
      ],
      [
        graph(
          'Stream iterator age (ms)',
          props.streamConsumers.map((id) =>
            props.functions.get(id)!.metric('IteratorAge', { ...minute, statistic: cloudwatch.Stats.MAXIMUM, label: id }),
          ),
          {
            leftAnnotations: [{ value: thresholds.iteratorAgeMs, label: 'alarm' }],
          },
        ),
        graph(
          'Publisher failed entries',
          props.streamConsumers.map(
            (id) =>
              new cloudwatch.Metric({
                namespace: METRICS_NAMESPACE,
                metricName: metricNames.publisherFailedEntries,
                dimensionsMap: { service: id, stage },
                statistic: cloudwatch.Stats.SUM,
                period: ONE_MINUTE,
                label: id,
              }),
          ),
        ),
        graph(
          'Projection lag (ms)',
          props.projections.flatMap(({ projection, functionId }) =>
            [50, 99].map(
              (p) =>
                new cloudwatch.Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName: metricNames.projectionLagMs,
                  dimensionsMap: { service: functionId, stage },
                  statistic: cloudwatch.Stats.p(p),
                  period: ONE_MINUTE,
                  label: `${projection} p${p}`,
                }),
            ),
          ),
          { leftAnnotations: [{ value: thresholds.projectionLagMs, label: 'alarm (p99)' }] },
        ),
      ],
      [
        graph(
          'Dead-letter queues: messages visible',
          props.deadLetterQueues.map(({ name, queue }) =>
            queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM, label: name }),
          ),
        ),
        graph(
          'Projection rules: invocations and failures',
          props.projections.flatMap(({ projection, rule, bus }) =>
            (['Invocations', 'FailedInvocations'] as const).map(
              (metricName) =>
                new cloudwatch.Metric({
                  namespace: 'AWS/Events',
                  metricName,
                  dimensionsMap: { EventBusName: bus.eventBusName, RuleName: rule.ruleName },
                  statistic: cloudwatch.Stats.SUM,
                  period: ONE_MINUTE,
                  label: `${projection} ${metricName}`,
                }),
            ),
          ),
        ),
        graph(
          'Tables: consumed capacity and throttles',
          props.tables.flatMap(({ name, table }) => [
            table.metricConsumedWriteCapacityUnits({ ...minute, statistic: cloudwatch.Stats.SUM, label: `${name} WCU` }),
            table.metricConsumedReadCapacityUnits({ ...minute, statistic: cloudwatch.Stats.SUM, label: `${name} RCU` }),
            table.metric('WriteThrottleEvents', { ...minute, statistic: cloudwatch.Stats.SUM, label: `${name} write throttles` }),
          ]),
        ),
      ],
    ];
  }
}
