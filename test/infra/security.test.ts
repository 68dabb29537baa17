// Security of the synthesized stack: the API is throttled as each stage says and trusts the
// issuer and audience from context; and each function's role may do exactly what its `access` in
// infra/definitions/functions.ts declares. The IAM check walks every statement of every policy on a
// function's role, resolves each resource to the logical id it names, and fails on any action or
// resource the declaration does not imply (stack.test.ts checks that what is declared is granted).
// Encryption at rest with the customer-managed key is pinned in monitoring.test.ts and stack.test.ts.
import { readFileSync } from 'node:fs';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { type FunctionDefinition, functionDefinitions } from '../../infra/definitions/functions.ts';
import { accessRecordsTable, eventsTable, readModelsTable } from '../../infra/definitions/tables.ts';
import { configFromContext, LegalAidStack, stageSettings } from '../../infra/stack.ts';

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties: Json };
type Statement = {
  Effect: string;
  Action?: string | string[];
  Resource?: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
};

const ISSUER = 'https://issuer.example.cn/realms/legal-aid';
const AUDIENCE = 'legal-aid-api';
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Json };

const synth = (stage: string, extra: Json = {}) => {
  const app = new App({
    context: { ...cdkJson.context, stage, jwtIssuer: ISSUER, jwtAudience: AUDIENCE, ...extra, 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new LegalAidStack(app, `LegalAidSecurity-${stage}`, configFromContext(app.node));
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  const idOf = (c: IConstruct) => stack.resolve(stack.getLogicalId((c.node.defaultChild ?? c) as CfnElement)) as string;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  return { stack, resources, idOf, ofType };
};

const dev = synth('dev');
const prod = synth('prod', { jwtIssuerNext: 'https://issuer-next.example.cn/realms/legal-aid' });

describe('API Gateway', () => {
  it.each([
    ['dev', dev],
    ['prod', prod],
  ] as const)('%s: every stage is throttled at the stage setting (dev 20/s burst 40, prod 500/s burst 1000)', (stage, { ofType }) => {
    const expected = stage === 'prod' ? { rateLimit: 500, burstLimit: 1000 } : { rateLimit: 20, burstLimit: 40 };
    expect(stageSettings(stage).throttle).toEqual(expected);
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    expect(stages.length).toBe(stage === 'prod' ? 2 : 1);
    for (const [id, s] of stages) {
      expect(s.Properties.DefaultRouteSettings, id).toEqual({
        ThrottlingRateLimit: expected.rateLimit,
        ThrottlingBurstLimit: expected.burstLimit,
      });
      // No route may lift the stage's limit (the public disclosure route has a lower one of its own).
      for (const [key, r] of Object.entries((s.Properties.RouteSettings ?? {}) as Record<string, Json>)) {
        expect(r.ThrottlingRateLimit as number, key).toBeLessThanOrEqual(expected.rateLimit);
        expect(r.ThrottlingBurstLimit as number, key).toBeLessThanOrEqual(expected.burstLimit);
      }
    }
  });

  it.each([
    ['dev', dev],
    ['prod', prod],
  ] as const)('%s: JWT authorizers trust exactly the issuer(s) and audience from context', (stage, { ofType }) => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer').map(([, a]) => a.Properties);
    const issuers = stage === 'prod' ? [ISSUER, 'https://issuer-next.example.cn/realms/legal-aid'] : [ISSUER];
    expect(authorizers.map((a) => a.JwtConfiguration)).toEqual(issuers.map((Issuer) => ({ Issuer, Audience: [AUDIENCE] })));
    for (const a of authorizers) expect(a).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    // Every route but the public ones goes through an authorizer.
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
      const key = route.Properties.RouteKey as string;
      expect(route.Properties.AuthorizationType, key).toBe(
        ['GET /health', 'GET /openapi.json', 'GET /public/statistics'].includes(key) ? 'NONE' : 'JWT',
      );
    }
  });
});

// ---- least privilege ------------------------------------------------------------------------------

const WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const KMS_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KMS_WRITE = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Decrypt'];
const SQS_SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A statement's resource as the logical id it names: `Table`, `Table/index/*`, `Table#StreamArn`, or `*`. */
const resolveResource = (r: unknown): string => {
  if (r === '*') return '*';
  const value = r as { 'Fn::GetAtt'?: [string, string]; Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (value['Fn::GetAtt']) {
    const [id, attr] = value['Fn::GetAtt'];
    return attr === 'Arn' ? id : `${id}#${attr}`;
  }
  if (value.Ref) return value.Ref;
  if (value['Fn::Join']) {
    const [sep, parts] = value['Fn::Join'];
    if (sep === '' && parts.length === 2 && parts[1] === '/index/*') return `${resolveResource(parts[0])}/index/*`;
  }
  return `unresolved ${JSON.stringify(r)}`;
};

type Allowed = Map<string, Set<string>>;
const allow = (allowed: Allowed, resource: string, actions: readonly string[]) => {
  const set = allowed.get(resource) ?? new Set<string>();
  for (const a of actions) set.add(a);
  allowed.set(resource, set);
};

/** What the declaration implies: (resource → actions), from `access` and the trigger, nothing else. */
const impliedBy = (def: FunctionDefinition, s: ReturnType<typeof synth>): Allowed => {
  const { stack, idOf } = s;
  const handler = stack.functions.get(def.id)!;
  const allowed: Allowed = new Map();
  const key = idOf(stack.key);
  const tables = [
    [idOf(stack.eventsTable), eventsTable, def.access.events],
    [idOf(stack.readModelsTable), readModelsTable, def.access.readModels],
    [idOf(stack.accessRecordsTable), accessRecordsTable, def.access.accessRecords],
  ] as const;
  for (const [id, table, declared] of tables) {
    if (declared.length === 0) continue;
    const actions = declared.map((a) => `dynamodb:${a}`);
    allow(allowed, id, actions);
    if (declared.includes('Query') && table.globalIndexes.length > 0) allow(allowed, `${id}/index/*`, actions);
    allow(allowed, key, actions.some((a) => WRITE.includes(a)) ? [...KMS_READ, ...KMS_WRITE] : KMS_READ);
  }
  // Data keys (test/infra/record-keys.test.ts judges the conditions): the keys table and the key.
  const keysTable = idOf(stack.recordKeys.table);
  if (def.access.personal === 'seals') {
    allow(allowed, keysTable, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem']);
    allow(allowed, key, [...KMS_READ, ...KMS_WRITE, 'kms:GenerateDataKey']);
  }
  if (def.access.personal === 'opens') {
    allow(allowed, keysTable, ['dynamodb:GetItem', 'dynamodb:BatchGetItem']);
    allow(allowed, key, KMS_READ);
  }
  if (def.access.putEvents) allow(allowed, idOf(stack.bus.bus), ['events:PutEvents']);
  if (def.access.deadLetter) {
    allow(allowed, idOf(stack.publisherDeadLetters), SQS_SEND);
    allow(allowed, key, KMS_WRITE);
  }
  if (def.trigger.kind === 'events-stream') {
    allow(allowed, `${idOf(stack.eventsTable)}#StreamArn`, STREAM_READ);
    allow(allowed, '*', ['dynamodb:ListStreams']);
    allow(allowed, key, KMS_READ);
    allow(allowed, idOf(stack.streamFailures.get(def.id)!), SQS_SEND);
    allow(allowed, key, KMS_WRITE);
  }
  if (def.trigger.kind === 'projection') {
    // The SQS event source: receive, delete, hide again and read the attributes of its own queue.
    allow(allowed, idOf(stack.projections.get(def.trigger.projection)!.sourceQueue), [
      'sqs:ReceiveMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueUrl',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ]);
    allow(allowed, key, ['kms:Decrypt']);
  }
  allow(allowed, idOf(handler.logGroup), ['logs:CreateLogStream', 'logs:PutLogEvents']);
  allow(allowed, '*', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  return allowed;
};

/** Every (action, resource) the function's role is granted, from every policy attached to it. */
const grantedTo = (def: FunctionDefinition, s: ReturnType<typeof synth>) => {
  const roleId = s.idOf(s.stack.functions.get(def.id)!.role);
  const inline = (s.resources[roleId]!.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
  const attached = s
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => asArray(p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .map(([, p]) => p.Properties as unknown as { PolicyDocument: { Statement: Statement[] } });
  const managed = s
    .ofType('AWS::IAM::ManagedPolicy')
    .filter(([, p]) => asArray(p.Properties.Roles as Json[]).some((r) => r.Ref === roleId));
  return { statements: [...inline, ...attached].flatMap((p) => p.PolicyDocument.Statement), managed, roleId };
};

/** Grants of the function's role beyond what `declared` implies. */
const excessOf = (def: FunctionDefinition, declared: FunctionDefinition, s: ReturnType<typeof synth>): string[] => {
  const { statements } = grantedTo(def, s);
  const allowed = impliedBy(declared, s);
  const excess: string[] = [];
  for (const st of statements) {
    if (st.NotAction !== undefined || st.NotResource !== undefined) excess.push(`NotAction/NotResource: ${JSON.stringify(st)}`);
    if (st.Effect !== 'Allow') continue;
    for (const resource of asArray(st.Resource).map(resolveResource)) {
      for (const action of asArray(st.Action)) {
        if (!allowed.get(resource)?.has(action)) excess.push(`${action} on ${resource}`);
      }
    }
  }
  return excess;
};

describe.each([
  ['dev', dev],
  ['prod', prod],
] as const)('least privilege, stage %s', (_stage, s) => {
  it.each(functionDefinitions.map((d) => [d.id, d] as const))('%s: its role may do only what its access declares', (_id, def) => {
    const { statements, managed, roleId } = grantedTo(def, s);
    expect(statements.length).toBeGreaterThan(0);
    expect(managed).toEqual([]);
    expect(s.resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    expect(excessOf(def, def, s)).toEqual([]);
  });

  it('a grant beyond the declaration is caught: the query API judged against narrower declarations', () => {
    const queries = functionDefinitions.find((d) => d.id === 'api-queries')!;
    const noReadModels = excessOf(queries, { ...queries, access: { ...queries.access, readModels: [] } }, s);
    expect(noReadModels).toEqual(expect.arrayContaining([`dynamodb:Query on ${s.idOf(s.stack.readModelsTable)}`]));
    const commands = functionDefinitions.find((d) => d.id === 'api-commands')!;
    // Read-only on every table (its reads on record too), so the encrypting KMS actions are beyond it as well.
    const readOnly = excessOf(
      commands,
      { ...commands, access: { ...commands.access, events: ['GetItem', 'Query'], accessRecords: [], personal: 'opens' } },
      s,
    );
    expect(readOnly).toEqual(
      expect.arrayContaining([`dynamodb:PutItem on ${s.idOf(s.stack.eventsTable)}`, `kms:GenerateDataKey* on ${s.idOf(s.stack.key)}`]),
    );
  });

  it('the walker resolves what it is given and refuses what it does not know', () => {
    expect(resolveResource({ 'Fn::GetAtt': ['T', 'Arn'] })).toBe('T');
    expect(resolveResource({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['T', 'Arn'] }, '/index/*']] })).toBe('T/index/*');
    expect(resolveResource({ 'Fn::GetAtt': ['T', 'StreamArn'] })).toBe('T#StreamArn');
    expect(resolveResource('arn:aws:dynamodb:*:*:table/*')).toMatch(/^unresolved/);
    // A function declared to read the events table only may not write it, nor touch the bus.
    const reader = functionDefinitions.find(
      (d) => d.access.events.includes('Query') && !d.access.events.includes('PutItem') && !d.access.putEvents,
    )!;
    const implied = impliedBy(reader, s);
    expect(implied.get(s.idOf(s.stack.eventsTable))?.has('dynamodb:PutItem')).toBe(false);
    expect(implied.has(s.idOf(s.stack.bus.bus))).toBe(false);
  });
});
