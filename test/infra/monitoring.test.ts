// Alarms (one per dead-letter queue, per function for errors and throttles, per stream consumer for
// iterator age and failed entries, per projection for lag), the encrypted topic they notify, the
// dashboard, and KMS encryption of everything that holds data.
import { describe, expect, it } from 'vitest';
import { projectionRules } from '../../events/routing.ts';
import { METRICS_NAMESPACE, metricNames } from '../../functions/lib/observability.ts';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { projectionDelivery } from '../../infra/definitions/projection-delivery.ts';
import { arnOf, type Json, type Resource, synthStage } from './support/synth-stage.ts';

const streamConsumers = functionDefinitions.filter((d) => d.trigger.kind === 'events-stream');
const httpFunctions = functionDefinitions.filter((d) => d.trigger.kind === 'http');
const projectionFunctions = projectionRules.map((rule) => ({
  rule,
  definition: functionDefinitions.find((d) => d.trigger.kind === 'projection' && d.trigger.projection === rule.projection)!,
}));

describe.each(['dev', 'prod'])('monitoring, stage %s', (stage) => {
  const { stack, ofType, idOf } = synthStage(stage);
  const alarms = ofType('AWS::CloudWatch::Alarm');
  const topicId = idOf(stack.monitoring.topic);

  type AlarmProps = {
    Namespace?: string;
    MetricName?: string;
    Dimensions?: { Name: string; Value: unknown }[];
    Statistic?: string;
    ExtendedStatistic?: string;
    Threshold: number;
    ComparisonOperator: string;
    EvaluationPeriods: number;
    TreatMissingData: string;
    AlarmActions: unknown[];
    OKActions: unknown[];
  };
  const props = (alarm: Resource) => alarm.Properties as unknown as AlarmProps;
  const alarmsOn = (namespace: string, metricName: string, dimension: { Name: string; Value: unknown }) =>
    alarms.filter(
      ([, a]) =>
        props(a).Namespace === namespace &&
        props(a).MetricName === metricName &&
        JSON.stringify(props(a).Dimensions).includes(JSON.stringify(dimension)),
    );
  const functionRef = (id: string) => ({ Name: 'FunctionName', Value: { Ref: idOf(stack.functions.get(id)!.fn) } });

  it('every alarm notifies the topic on ALARM and on OK, and treats missing data as fine', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) {
      expect(props(alarm).AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(props(alarm).OKActions, id).toEqual([{ Ref: topicId }]);
      expect(props(alarm).TreatMissingData, id).toBe('notBreaching');
      expect(props(alarm).ComparisonOperator, id).toBe('GreaterThanThreshold');
    }
  });

  const sourceQueueIds = new Set([...stack.projections.values()].map((p) => idOf(p.sourceQueue)));

  it('one alarm per dead-letter queue: any visible message', () => {
    const queues = ofType('AWS::SQS::Queue').filter(([id]) => !sourceQueueIds.has(id));
    // publisher + stream failures per stream consumer + per projection rule its DLQ and its rule's DLQ
    expect(queues).toHaveLength(1 + streamConsumers.length + 2 * projectionRules.length);
    for (const [queueId] of queues) {
      const found = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [queueId, 'QueueName'] },
      });
      expect(found, queueId).toHaveLength(1);
      expect(props(found[0]![1])).toMatchObject({ Threshold: 0, EvaluationPeriods: 1, Statistic: 'Maximum' });
    }
  });

  it('every queue with a redrive policy names a dead-letter queue that has an alarm', () => {
    const queues = ofType('AWS::SQS::Queue');
    expect(sourceQueueIds.size).toBe(projectionRules.length);
    for (const [queueId, queue] of queues.filter(([id]) => sourceQueueIds.has(id))) {
      const dlq = (queue.Properties.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } }).deadLetterTargetArn[
        'Fn::GetAtt'
      ][0];
      expect(
        alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }),
        queueId,
      ).toHaveLength(1);
    }
  });

  it("each projection's source queue: the age of its oldest message (the lag SQS sees)", () => {
    for (const queueId of sourceQueueIds) {
      const found = alarmsOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [queueId, 'QueueName'] },
      });
      expect(found, queueId).toHaveLength(1);
      expect(props(found[0]![1])).toMatchObject({ Statistic: 'Maximum', Threshold: projectionDelivery.oldestMessageAlarmSeconds });
    }
  });

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: an errors alarm and a throttles alarm', (id) => {
    for (const metricName of ['Errors', 'Throttles']) {
      const found = alarmsOn('AWS/Lambda', metricName, functionRef(id));
      expect(found, metricName).toHaveLength(1);
      expect(props(found[0]![1])).toMatchObject({ Threshold: 0, Statistic: 'Sum' });
    }
  });

  it.each(streamConsumers.map((d) => [d.id] as const))('%s: iterator age of the events stream', (id) => {
    const found = alarmsOn('AWS/Lambda', 'IteratorAge', functionRef(id));
    expect(found).toHaveLength(1);
    const alarm = props(found[0]![1]);
    expect(alarm).toMatchObject({ Statistic: 'Maximum', Threshold: 60_000 });
    expect(alarm.EvaluationPeriods).toBeGreaterThanOrEqual(3);
  });

  it.each(streamConsumers.map((d) => [d.id] as const))('%s: failed entries, the metric the publisher emits', (id) => {
    const found = alarmsOn(METRICS_NAMESPACE, metricNames.publisherFailedEntries, { Name: 'service', Value: id });
    expect(found).toHaveLength(1);
    const alarm = props(found[0]![1]);
    expect(alarm.Dimensions).toEqual([
      { Name: 'service', Value: id },
      { Name: 'stage', Value: stage },
    ]);
    expect(alarm).toMatchObject({ Statistic: 'Sum', Threshold: 0 });
  });

  it.each(projectionFunctions.map((p) => [p.rule.projection, p.definition.id] as const))(
    'projection %s: lag (p99 of now − recordedAt)',
    (_projection, functionId) => {
      const found = alarmsOn(METRICS_NAMESPACE, metricNames.projectionLagMs, { Name: 'service', Value: functionId });
      expect(found).toHaveLength(1);
      const alarm = props(found[0]![1]);
      expect(alarm.Dimensions).toEqual([
        { Name: 'service', Value: functionId },
        { Name: 'stage', Value: stage },
      ]);
      expect(alarm).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 60_000 });
    },
  );

  it.each(httpFunctions.map((d) => [d.id] as const))('%s: a burst of AccessDenied, the metric the HTTP handler emits', (id) => {
    const found = alarmsOn(METRICS_NAMESPACE, metricNames.accessDenied, { Name: 'service', Value: id });
    expect(found).toHaveLength(1);
    const alarm = props(found[0]![1]);
    expect(alarm.Dimensions).toEqual([
      { Name: 'service', Value: id },
      { Name: 'stage', Value: stage },
    ]);
    expect(alarm).toMatchObject({ Statistic: 'Sum', Threshold: 50 });
  });

  it('an alarm on API 5xx answers', () => {
    expect(alarmsOn('AWS/ApiGateway', '5xx', { Name: 'ApiId', Value: { Ref: idOf(stack.api.api) } })).toHaveLength(1);
  });

  it('nothing more than that: the alarm count adds up', () => {
    const expected =
      1 +
      streamConsumers.length +
      2 * projectionRules.length + // DLQs
      2 * functionDefinitions.length + // errors, throttles
      2 * streamConsumers.length + // iterator age, failed entries
      2 * projectionRules.length + // lag, age of the oldest queued message
      httpFunctions.length + // AccessDenied
      1 + // API 5xx
      1; // one caller's read volume (test/infra/read-audit.test.ts)
    expect(alarms).toHaveLength(expected);
  });

  it('one dashboard with the alarms and the key metrics', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const text of [
      '"type\\":\\"alarm\\"',
      'IteratorAge',
      metricNames.publisherFailedEntries,
      metricNames.projectionLagMs,
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Throttles',
      'Duration',
      '5xx',
      'Latency',
      'FailedInvocations',
      'ConsumedWriteCapacityUnits',
    ]) {
      expect(body, text).toContain(text);
    }
    for (const [id] of alarms) expect(body, id).toContain(id);
  });
});

describe.each(['dev', 'prod'])('encryption at rest, stage %s', (stage) => {
  const { stack, resource, ofType, idOf } = synthStage(stage);
  const keyId = idOf(stack.key);

  it('one customer-managed key, rotated', () => {
    expect(ofType('AWS::KMS::Key')).toHaveLength(1);
    expect(resource(keyId).Properties.EnableKeyRotation).toBe(true);
  });

  it('both tables are encrypted with the key', () => {
    for (const [id, table] of ofType('AWS::DynamoDB::Table')) {
      expect(table.Properties.SSESpecification, id).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(keyId) });
    }
  });

  it('every queue is encrypted with the key', () => {
    for (const [id, queue] of ofType('AWS::SQS::Queue')) expect(queue.Properties.KmsMasterKeyId, id).toEqual(arnOf(keyId));
  });

  it('the alarm topic is encrypted with the key, refuses non-TLS publishing, and CloudWatch may use the key', () => {
    const topics = ofType('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    expect(topics[0]![1].Properties.KmsMasterKeyId).toEqual(arnOf(keyId));
    const topicId = topics[0]![0];
    const denies = ofType('AWS::SNS::TopicPolicy')
      .filter(([, p]) => JSON.stringify(p.Properties.Topics).includes(`"${topicId}"`))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement)
      .filter((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }));
    expect(denies).toHaveLength(1);
    const keyStatements = (resource(keyId).Properties.KeyPolicy as { Statement: Json[] }).Statement;
    expect(keyStatements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });
});
