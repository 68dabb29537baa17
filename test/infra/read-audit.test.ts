// Reads on record in the template: the access-records table (stack key, PITR, retained, its reader
// index), who may put and query it and that no function may rewrite it, the access log's caller and
// source address, and the alarm on one caller's read volume.
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { accessRecordsTable } from '../../infra/definitions/tables.ts';
import { type Json, synthStage } from './support/synth-stage.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Sid?: string };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe.each([
  ['dev', 1000],
  ['prod', 300],
])('reads on record, stage %s', (stage, threshold) => {
  const { stack, resource, ofType, idOf } = synthStage(stage);
  const tableId = idOf(stack.accessRecordsTable);
  const mentionsTable = (s: Statement) => JSON.stringify(s.Resource).includes(`"${tableId}"`);
  const statementsOf = (functionId: string): Statement[] => {
    const policy = stack.functions.get(functionId)!.role.node.tryFindChild('DefaultPolicy')!;
    const doc = resource(idOf(policy)).Properties.PolicyDocument as { Statement: Statement[] };
    return doc.Statement;
  };

  it('keeps the table under the stack key, with PITR and the reader index, retained and protected', () => {
    const table = resource(tableId);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [idOf(stack.key), 'Arn'] } },
    });
    expect(table.Properties).not.toHaveProperty('TimeToLiveSpecification');
    expect((table.Properties.GlobalSecondaryIndexes as Json[]).map((i) => i.IndexName)).toEqual(
      accessRecordsTable.globalIndexes.map((i) => i.name),
    );
  });

  it('lets the API functions put reads and the query function answer the audit, and nothing else touch them', () => {
    for (const { id } of functionDefinitions) {
      const allowed = statementsOf(id)
        .filter((s) => s.Effect === 'Allow' && mentionsTable(s))
        .flatMap(actionsOf)
        .sort();
      const expected = { 'api-commands': ['dynamodb:PutItem'], 'api-queries': ['dynamodb:PutItem', 'dynamodb:Query'] }[id] ?? [];
      expect(allowed, id).toEqual(expected);
    }
  });

  it('denies every function changing or removing a read on record, and putting one to those that record none', () => {
    for (const { id, access } of functionDefinitions) {
      const denied = statementsOf(id)
        .filter((s) => s.Effect === 'Deny' && mentionsTable(s))
        .flatMap(actionsOf);
      expect(denied, id).toEqual(
        expect.arrayContaining([
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:PartiQLUpdate',
          'dynamodb:PartiQLDelete',
        ]),
      );
      expect(denied.includes('dynamodb:PutItem'), id).toBe(!access.accessRecords.includes('PutItem'));
    }
  });

  it('sets the table name only on the functions that use it', () => {
    for (const { id, access } of functionDefinitions) {
      const fn = resource(idOf(stack.functions.get(id)!.fn)).Properties as { Environment: { Variables: Json } };
      expect(fn.Environment.Variables.ACCESS_RECORDS_TABLE !== undefined, id).toBe(access.accessRecords.length > 0);
    }
  });

  it('logs the caller (sub, role, org) and the source address of every request', () => {
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const settings = stages[0]![1].Properties.AccessLogSettings as { Format: string };
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      principalId: '$context.authorizer.claims.sub',
      role: '$context.authorizer.claims.role',
      organisation: '$context.authorizer.claims.org',
      sourceIp: '$context.identity.sourceIp',
      httpMethod: '$context.httpMethod',
      status: '$context.status',
    });
    // Never what was sent or answered.
    expect(Object.values(format).join(' ')).not.toMatch(/requestBody|responseBody|querystring|\$input/i);
  });

  it('counts successful GETs per caller over the access log and alarms on the busiest caller above the stage threshold', () => {
    const rules = ofType('AWS::CloudWatch::InsightRule');
    expect(rules).toHaveLength(1);
    const rule = rules[0]![1];
    // The body is JSON with the log group's name as a token: joined back with the token's logical id in its place.
    const [, parts] = (rule.Properties.RuleBody as { 'Fn::Join': [string, (string | { Ref: string })[]] })['Fn::Join'];
    const body = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : p.Ref)).join('')) as Json;
    expect(body).toEqual({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: [idOf(stack.api.accessLogs)],
      LogFormat: 'JSON',
      Contribution: {
        Keys: ['$.principalId'],
        Filters: [
          { Match: '$.httpMethod', In: ['GET'] },
          { Match: '$.status', In: ['200'] },
          { Match: '$.principalId', NotIn: ['-'] },
        ],
      },
      AggregateOn: 'Count',
    });
    const ruleName = rule.Properties.RuleName as string;
    const alarm = ofType('AWS::CloudWatch::Alarm').find(([, a]) =>
      JSON.stringify(a.Properties).includes(`INSIGHT_RULE_METRIC('${ruleName}'`),
    );
    expect(alarm).toBeDefined();
    expect(alarm![1].Properties).toMatchObject({
      AlarmName: `legal-aid-${stage}-reads-per-caller`,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: idOf(stack.monitoring.topic) }],
    });
  });
});
