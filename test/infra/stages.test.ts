// Stages from context: prod keeps and protects everything, dev can be torn down except the event
// store; names and tags carry the stage; every log group has the stage's retention.
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { configFromContext, stackNameFor } from '../../infra/stack.ts';
import { App } from 'aws-cdk-lib';
import { JWT_AUDIENCE, JWT_ISSUER, synthStage } from './support/synth-stage.ts';

const prod = synthStage('prod');
const dev = synthStage('dev');

describe('prod', () => {
  const { stack, resource, ofType, idOf } = prod;

  it('keeps every table on stack deletion and replacement, with deletion protection and PITR', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    const keysTableId = idOf(stack.recordKeys.table);
    expect(tables.map(([id]) => id).sort()).toEqual(
      [idOf(stack.eventsTable), idOf(stack.readModelsTable), keysTableId, idOf(stack.accessRecordsTable)].sort(),
    );
    for (const [id, table] of tables) {
      expect(table.DeletionPolicy, id).toBe('Retain');
      expect(table.UpdateReplacePolicy, id).toBe('Retain');
      expect(table.Properties.DeletionProtectionEnabled, id).toBe(true);
      // The keys table keeps one day only (test/infra/record-keys.test.ts), the others AWS's default 35.
      expect(table.Properties.PointInTimeRecoverySpecification, id).toEqual(
        id === keysTableId ? { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 1 } : { PointInTimeRecoveryEnabled: true },
      );
    }
  });

  it('keeps the key, the log groups and the dead-letter queues on stack deletion', () => {
    expect(resource(idOf(stack.key)).DeletionPolicy).toBe('Retain');
    for (const type of ['AWS::Logs::LogGroup', 'AWS::SQS::Queue']) {
      const found = ofType(type);
      expect(found.length).toBeGreaterThan(0);
      for (const [id, r] of found) expect(r.DeletionPolicy, id).toBe('Retain');
    }
  });

  it('has termination protection', () => {
    expect(stack.terminationProtection).toBe(true);
    expect(prod.artifact.properties.terminationProtection).toBe(true);
  });

  it('keeps logs one year and logs at INFO', () => {
    for (const [id, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays, id).toBe(365);
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_LOG_LEVEL).toBe('INFO');
    }
  });

  it('refuses the placeholder issuer', () => {
    const app = new App({ context: { stage: 'prod', jwtIssuer: 'https://auth.example.invalid/', jwtAudience: JWT_AUDIENCE } });
    expect(() => configFromContext(app.node)).toThrow(/placeholder/);
  });
});

describe('dev', () => {
  const { stack, resource, ofType, idOf } = dev;

  it('keeps and protects the event store, but lets the read models, logs and queues go', () => {
    const events = resource(idOf(stack.eventsTable));
    expect(events.DeletionPolicy).toBe('Retain');
    expect(events.Properties.DeletionProtectionEnabled).toBe(true);
    const readModels = resource(idOf(stack.readModelsTable));
    expect(readModels.DeletionPolicy).toBe('Delete');
    expect(readModels.Properties.DeletionProtectionEnabled).toBe(false);
    expect(readModels.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    for (const type of ['AWS::Logs::LogGroup', 'AWS::SQS::Queue']) {
      for (const [id, r] of ofType(type)) expect(r.DeletionPolicy, id).toBe('Delete');
    }
    expect(resource(idOf(stack.key)).DeletionPolicy).toBe('Retain');
  });

  it('has no termination protection and keeps logs a month', () => {
    expect(stack.terminationProtection).toBe(false);
    for (const [id, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays, id).toBe(30);
  });
});

describe.each([
  ['dev', dev],
  ['prod', prod],
] as const)('names and tags, stage %s', (stage, synthesized) => {
  const { stack, resource, ofType, idOf } = synthesized;

  it('the stack is named and tagged for the stage', () => {
    expect(stack.stackName).toBe(stackNameFor(stage));
    expect(stack.stackName).toBe(`LegalAid-${stage}`);
    expect(synthesized.artifact.properties.tags).toEqual({ project: 'legal-aid-case-backend', stage });
  });

  it('every taggable resource carries the project and stage tags', () => {
    const tagged = Object.entries(synthesized.resources).filter(([, r]) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(10);
    for (const [id, r] of tagged) {
      expect(r.Properties.Tags, id).toEqual(
        expect.arrayContaining([
          { Key: 'project', Value: 'legal-aid-case-backend' },
          { Key: 'stage', Value: stage },
        ]),
      );
    }
  });

  it('bus, API, topic, dashboard and alarms are named after the stage', () => {
    expect(resource(idOf(stack.bus.bus)).Properties.Name).toBe(`legal-aid-${stage}`);
    expect(resource(idOf(stack.api.api)).Properties.Name).toBe(`legal-aid-${stage}`);
    expect(resource(idOf(stack.monitoring.topic)).Properties.TopicName).toBe(`legal-aid-${stage}-alarms`);
    expect(resource(idOf(stack.monitoring.dashboard)).Properties.DashboardName).toBe(`legal-aid-${stage}`);
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) expect(alarm.Properties.AlarmName, id).toMatch(new RegExp(`^legal-aid-${stage}-`));
  });

  it('every function runs as its own service, in its stage', () => {
    for (const definition of functionDefinitions) {
      const fn = resource(idOf(stack.functions.get(definition.id)!.fn));
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: definition.id,
        STAGE: stage,
      });
    }
  });
});

describe.each([
  ['dev', dev],
  ['prod', prod],
] as const)('log retention, stage %s', (_stage, synthesized) => {
  const { stack, resource, ofType, idOf } = synthesized;

  it('every log group has a retention, and every log the stack writes goes to one of them', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    // one per function + the API access logs
    expect(groups).toHaveLength(functionDefinitions.length + 1);
    for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
    const groupIds = new Set(groups.map(([id]) => id));
    for (const definition of functionDefinitions) {
      const handler = stack.functions.get(definition.id)!;
      const fn = resource(idOf(handler.fn));
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: idOf(handler.logGroup) } });
      expect(groupIds.has(idOf(handler.logGroup))).toBe(true);
    }
    const [, apiStage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    const destination = (apiStage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] } }).DestinationArn[
      'Fn::GetAtt'
    ][0];
    expect(groupIds.has(destination)).toBe(true);
  });

  it('no log group is created outside the stack (no LogRetention custom resource, no implicit /aws/lambda group)', () => {
    expect(ofType('Custom::LogRetention')).toEqual([]);
    expect(ofType('AWS::Lambda::Function').every(([, fn]) => fn.Properties.LoggingConfig !== undefined)).toBe(true);
  });
});

describe('issuer change: context jwtIssuerNext', () => {
  const NEXT = 'https://idp-next.example.cn/realms/legal-aid';
  const changing = synthStage('prod', { jwtIssuerNext: NEXT, jwtAudience: `${JWT_AUDIENCE},legal-aid-api-next` });
  const nag = changing.report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');

  it('a second HTTP API whose authorizer trusts the new issuer; the first keeps the old one; both take both audiences', () => {
    const authorizers = changing.ofType('AWS::ApiGatewayV2::Authorizer').map(([, a]) => a.Properties.JwtConfiguration);
    expect(authorizers).toHaveLength(2);
    expect(authorizers).toEqual(
      expect.arrayContaining([
        { Issuer: JWT_ISSUER, Audience: [JWT_AUDIENCE, 'legal-aid-api-next'] },
        { Issuer: NEXT, Audience: [JWT_AUDIENCE, 'legal-aid-api-next'] },
      ]),
    );
    const apis = changing.ofType('AWS::ApiGatewayV2::Api').map(([, a]) => a.Properties.Name);
    expect(apis.sort()).toEqual(['legal-aid-prod', 'legal-aid-prod-next']);
    const routeKeys = changing.ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    const unique = [...new Set(routeKeys)];
    expect(routeKeys.length).toBe(2 * unique.length);
    const outputs = changing.template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'ApiUrlNext']));
  });

  it('each API has its 5xx alarm, and cdk-nag stays clean', () => {
    const apiAlarms = changing.ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.Namespace === 'AWS/ApiGateway');
    expect(apiAlarms).toHaveLength(2);
    expect(nag?.violations).toEqual([]);
  });

  it('is absent otherwise, and refuses a non-https or unchanged next issuer', () => {
    expect(prod.stack.apiNext).toBeNull();
    for (const bad of ['http://idp.example.cn/', JWT_ISSUER]) {
      const app = new App({ context: { stage: 'prod', jwtIssuer: JWT_ISSUER, jwtAudience: JWT_AUDIENCE, jwtIssuerNext: bad } });
      expect(() => configFromContext(app.node), bad).toThrow(/jwtIssuerNext/);
    }
  });
});
