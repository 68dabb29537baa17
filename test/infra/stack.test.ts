// CDK assertions on the synthesized stack. Expectations come from the shared definitions (tables,
// functions, routing rules), so the test checks that the stack deploys what they declare.
// Asset bundling is skipped ('aws:cdk:bundling-stacks': []): no esbuild run, the test stays fast.
import { readFileSync } from 'node:fs';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { projectionRules } from '../../events/routing.ts';
import { type FunctionDefinition, functionDefinitions } from '../../infra/definitions/functions.ts';
import { tableEnv } from '../../functions/lib/table-env.ts';
import { projectionDelivery, stackOutputKey, stackQueues } from '../../infra/definitions/projection-delivery.ts';
import { eventsTable, readModelsTable, type TableDefinition } from '../../infra/definitions/tables.ts';
import { routes as sharedRoutes } from '../../functions/api/routes.ts';
import { projectionModules } from '../../functions/projections/registry.ts';
import { configFromContext, functionEnv, LegalAidStack } from '../../infra/stack.ts';

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const JWT_ISSUER = 'https://issuer.test.invalid/realms/legal-aid';
const JWT_AUDIENCE = 'legal-aid-test-audience';
const STAGE = 'test';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Json };
const app = new App({
  context: {
    ...cdkJson.context,
    stage: STAGE,
    jwtIssuer: JWT_ISSUER,
    jwtAudience: JWT_AUDIENCE,
    'aws:cdk:bundling-stacks': [],
  },
});
const stack = new LegalAidStack(app, 'LegalAidTest', configFromContext(app.node));
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, Resource>;

const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const resource = (logicalId: string): Resource => {
  const found = resources[logicalId];
  if (!found) throw new Error(`no resource ${logicalId}`);
  return found;
};
const ofType = (type: string): [string, Resource][] => Object.entries(resources).filter(([, r]) => r.Type === type);
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

const handler = (id: string) => {
  const h = stack.functions.get(id);
  if (!h) throw new Error(`no function ${id}`);
  return h;
};
const functionId = (id: string) => idOf(handler(id).fn);
const keyId = idOf(stack.key);
const eventsTableId = idOf(stack.eventsTable);
const readModelsTableId = idOf(stack.readModelsTable);
const busId = idOf(stack.bus.bus);
const publisherDlqId = idOf(stack.publisherDeadLetters);

const keySchema = (def: { partitionKey: { name: string }; sortKey: { name: string } }) => [
  { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
  { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
];

const expectTableFromDefinition = (logicalId: string, def: TableDefinition) => {
  const table = resource(logicalId);
  expect(table.Type).toBe('AWS::DynamoDB::Table');
  expect(table.Properties.KeySchema).toEqual(keySchema(def));
  expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
  expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(keyId) });
  const gsis = (table.Properties.GlobalSecondaryIndexes ?? []) as Json[];
  expect(gsis.map((g) => ({ name: g.IndexName, keys: g.KeySchema, projection: g.Projection }))).toEqual(
    def.globalIndexes.map((i) => ({ name: i.name, keys: keySchema(i), projection: { ProjectionType: 'ALL' } })),
  );
  return table;
};

describe('tables', () => {
  it('has exactly the tables of the definitions it deploys and one rotating customer-managed key', () => {
    expect(
      ofType('AWS::DynamoDB::Table')
        .map(([id]) => id)
        .sort(),
    ).toEqual([eventsTableId, readModelsTableId, idOf(stack.recordKeys.table), idOf(stack.accessRecordsTable)].sort());
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(resource(keyId).Properties.EnableKeyRotation).toBe(true);
  });

  it('events table: keys, NEW_IMAGE stream, PITR, KMS, retained', () => {
    const table = expectTableFromDefinition(eventsTableId, eventsTable);
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('read-models table: keys, GSIs, PITR, KMS, no stream', () => {
    expect(readModelsTable.globalIndexes.length).toBeGreaterThan(0);
    const table = expectTableFromDefinition(readModelsTableId, readModelsTable);
    expect(table.Properties.StreamSpecification).toBeUndefined();
  });
});

describe('functions', () => {
  it('one Lambda function per definition', () => {
    expect(
      ofType('AWS::Lambda::Function')
        .map(([id]) => id)
        .sort(),
    ).toEqual(functionDefinitions.map((d) => functionId(d.id)).sort());
  });

  it.each(functionDefinitions.map((d) => [d.id, d] as const))('%s: Node 24 on arm64, sized and wired as defined', (id, def) => {
    const fn = resource(functionId(id));
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: def.memoryMb,
      Timeout: def.timeoutSeconds,
    });
    const env = (fn.Properties.Environment as { Variables: Json }).Variables;
    expect(env).toMatchObject({
      [tableEnv.events]: { Ref: eventsTableId },
      [tableEnv.readModels]: { Ref: readModelsTableId },
      [functionEnv.eventBusName]: { Ref: busId },
      [functionEnv.serviceName]: id,
      [functionEnv.logLevel]: 'DEBUG',
      [functionEnv.stage]: STAGE,
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    if (def.access.deadLetter) expect(env[functionEnv.deadLetterQueueUrl]).toEqual({ Ref: publisherDlqId });
    else expect(env).not.toHaveProperty(functionEnv.deadLetterQueueUrl);

    const logGroupId = idOf(handler(id).logGroup);
    expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    expect(resource(logGroupId).Properties.RetentionInDays).toBe(30);
  });
});

describe('stream → publisher', () => {
  const streamFunctions = functionDefinitions.filter((d) => d.trigger.kind === 'events-stream');

  it('one event source mapping, from the events table stream to the stream-triggered function', () => {
    expect(streamFunctions).toHaveLength(1);
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: functionId(streamFunctions[0]!.id) },
      EventSourceArn: { 'Fn::GetAtt': [eventsTableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const maxAge = mapping.Properties.MaximumRecordAgeInSeconds as number;
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(24 * 3600);

    const destination = (mapping.Properties.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': [string, string] } } })
      .OnFailure.Destination['Fn::GetAtt'];
    expect(destination[1]).toBe('Arn');
    expect(resource(destination[0]).Type).toBe('AWS::SQS::Queue');
    expect(destination[0]).not.toBe(publisherDlqId);
  });
});

describe('event bus', () => {
  it('a custom bus per stage with an archive of all its events', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    expect(resource(busId).Properties.Name).toBe(`legal-aid-${STAGE}`);
    const archives = ofType('AWS::Events::Archive');
    expect(archives).toHaveLength(1);
    const [, archive] = archives[0]!;
    expect(archive.Properties.SourceArn).toEqual(arnOf(busId));
    expect(archive.Properties.EventPattern).toBeUndefined();
    expect(archive.Properties.RetentionDays).toBeGreaterThanOrEqual(365);
  });

  it('one rule per projection rule', () => {
    expect(projectionRules.length).toBeGreaterThan(0);
    // And the analytics rule, into its Firehose stream (test/infra/analytics.test.ts).
    template.resourceCountIs('AWS::Events::Rule', projectionRules.length + 1);
  });

  it.each(projectionRules.map((r) => [r.projection, r] as const))(
    "rule %s: the shared pattern, on the bus, into its projection's SQS queue with retries and a DLQ",
    (projection, rule) => {
      const queueId = idOf(stack.projections.get(projection)!.sourceQueue);
      const matching = ofType('AWS::Events::Rule').filter(([, r]) =>
        (r.Properties.Targets as Json[]).some((t) => JSON.stringify(t.Arn) === JSON.stringify(arnOf(queueId))),
      );
      expect(matching).toHaveLength(1);
      const [, synthesized] = matching[0]!;
      expect(synthesized.Properties.EventPattern).toEqual(rule.pattern);
      expect(synthesized.Properties.EventBusName).toEqual({ Ref: busId });
      expect(synthesized.Properties.State).toBe('ENABLED');

      const targets = synthesized.Properties.Targets as Json[];
      expect(targets).toHaveLength(1);
      expect(targets[0]!.RetryPolicy).toEqual({
        MaximumRetryAttempts: projectionDelivery.ruleRetryAttempts,
        MaximumEventAgeInSeconds: projectionDelivery.ruleMaxEventAgeHours * 3600,
      });
      const dlq = (targets[0]!.DeadLetterConfig as { Arn: { 'Fn::GetAtt': [string, string] } }).Arn['Fn::GetAtt'];
      expect(resource(dlq[0]).Type).toBe('AWS::SQS::Queue');
      expect(dlq[0]).toBe(idOf(stack.projections.get(projection)!.ruleDeadLetterQueue));
    },
  );

  it('the registry of projections, the routing rules and the function definitions name the same projections', () => {
    const names = Object.keys(projectionModules).sort();
    expect(projectionRules.map((r) => r.projection).sort()).toEqual(names);
    expect(functionDefinitions.flatMap((d) => (d.trigger.kind === 'projection' ? [d.trigger.projection] : [])).sort()).toEqual(names);
    expect([...stack.projections.keys()].sort()).toEqual(names);
  });

  it('every projection rule target is an SQS queue with a dead-letter queue, and nothing else', () => {
    const analyticsRuleId = idOf(stack.analytics.rule);
    for (const [ruleId, r] of ofType('AWS::Events::Rule').filter(([id]) => id !== analyticsRuleId)) {
      for (const t of r.Properties.Targets as Json[]) {
        const targetId = (t.Arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        expect(resource(targetId).Type, ruleId).toBe('AWS::SQS::Queue');
        expect(t.DeadLetterConfig, ruleId).toBeDefined();
      }
    }
  });

  it.each(projectionRules.map((r) => [r.projection] as const))(
    'projection %s: its queue has a redrive policy to its DLQ, and feeds its function in batches with partial batch responses',
    (projection) => {
      const p = stack.projections.get(projection)!;
      const queue = resource(idOf(p.sourceQueue));
      expect(queue.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: arnOf(idOf(p.deadLetterQueue)),
        maxReceiveCount: projectionDelivery.maxReceiveCount,
      });
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
        6 * functionDefinitions.find((d) => d.id === `projection-${projection}`)!.timeoutSeconds,
      );
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
        ([, m]) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(arnOf(idOf(p.sourceQueue))),
      );
      expect(mappings).toHaveLength(1);
      expect(mappings[0]![1].Properties).toMatchObject({
        FunctionName: { Ref: functionId(`projection-${projection}`) },
        BatchSize: projectionDelivery.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: projectionDelivery.maxConcurrency },
      });
    },
  );

  it('every projection function is fed by an SQS event source with ReportBatchItemFailures, and by nothing else', () => {
    for (const def of functionDefinitions.filter((d) => d.trigger.kind === 'projection')) {
      const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
        ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: functionId(def.id) }),
      );
      expect(mappings, def.id).toHaveLength(1);
      const source = (mappings[0]![1].Properties.EventSourceArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(resource(source).Type).toBe('AWS::SQS::Queue');
      expect(mappings[0]![1].Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      // No asynchronous invocation left to lose an event: no permission for EventBridge to invoke it.
      const invokers = ofType('AWS::Lambda::Permission').filter(([, perm]) =>
        JSON.stringify(perm.Properties.FunctionName).includes(`"${functionId(def.id)}"`),
      );
      expect(invokers.map(([, perm]) => perm.Properties.Principal)).not.toContain('events.amazonaws.com');
    }
  });
});

describe('dead-letter queues', () => {
  it('every queue is encrypted with the stack key and refuses non-TLS access', () => {
    const queues = ofType('AWS::SQS::Queue');
    // publisher DLQ + stream failures + per projection: its source queue, its DLQ, its rule's DLQ
    expect(queues).toHaveLength(2 + 3 * projectionRules.length);
    const policies = ofType('AWS::SQS::QueuePolicy');
    for (const [queueId, queue] of queues) {
      expect(queue.Properties.KmsMasterKeyId).toEqual(arnOf(keyId));
      const denies = policies
        .filter(([, p]) => JSON.stringify(p.Properties.Queues).includes(`"${queueId}"`))
        .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement)
        .filter((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }));
      expect(denies, queueId).toHaveLength(1);
    }
  });

  it('EventBridge may use the key to write the rule dead-letter queues', () => {
    const statements = (resource(keyId).Properties.KeyPolicy as { Statement: Json[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      }),
    );
  });
});

describe('HTTP API', () => {
  it('a JWT authorizer with the issuer and audience from context', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: JWT_ISSUER, Audience: [JWT_AUDIENCE] },
    });
  });

  it('exactly the routes of the shared route table, each to its function, authorized unless public', () => {
    expect(sharedRoutes.length).toBeGreaterThan(0);
    const [authorizerId] = ofType('AWS::ApiGatewayV2::Authorizer').map(([id]) => id);
    const routes = ofType('AWS::ApiGatewayV2::Route');
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(sharedRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of sharedRoutes) {
      const [, synthesized] = routes.find(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
      if (route.authenticated) {
        expect(synthesized.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(synthesized.Properties.AuthorizationType).toBe('NONE');
        expect(synthesized.Properties.AuthorizerId).toBeUndefined();
      }
      const target = synthesized.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = resource(target['Fn::Join'][1][1].Ref);
      expect(integration.Properties.IntegrationUri).toEqual(arnOf(functionId(route.function)));
    }
  });

  it('routes the health check without auth', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /health', AuthorizationType: 'NONE' });
  });

  it('a throttled, auto-deployed $default stage with access logs', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('outputs', () => {
  it('API URL, bus name and table names', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'EventBusName',
        'EventsTableName',
        'ReadModelsTableName',
        'AlarmTopicArn',
        'DashboardName',
        'EventBusArn',
        'EventArchiveArn',
      ]),
    );
    expect(outputs.EventBusName!.Value).toEqual({ Ref: busId });
    expect(outputs.EventsTableName!.Value).toEqual({ Ref: eventsTableId });
    expect(outputs.ReadModelsTableName!.Value).toEqual({ Ref: readModelsTableId });
  });

  it("every queue's URL and ARN under the name the redrive looks for", () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const queues = stackQueues(projectionRules.map((r) => r.projection));
    expect(queues).toHaveLength(ofType('AWS::SQS::Queue').length);
    const seen = new Set<string>();
    for (const q of queues) {
      const url = outputs[stackOutputKey('QueueUrl', q.name)]?.Value as { Ref: string } | undefined;
      expect(url, q.name).toBeDefined();
      expect(resource(url!.Ref).Type).toBe('AWS::SQS::Queue');
      expect(outputs[stackOutputKey('QueueArn', q.name)]!.Value).toEqual(arnOf(url!.Ref));
      seen.add(url!.Ref);
    }
    // One queue per name.
    expect(seen.size).toBe(queues.length);
    expect(outputs[stackOutputKey('QueueUrl', 'publisher-dlq')]!.Value).toEqual({ Ref: publisherDlqId });
  });
});

// --- IAM: each function may do what its `access` declares, and nothing more --------------------

const ITEM_ACTIONS = [
  'GetItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'ConditionCheckItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Allow statements of the policies attached to the function's role. */
const statementsOf = (id: string): Statement[] => {
  const roleId = idOf(handler(id).fn.role!);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow');
};
/** Actions allowed on resources that mention the logical id (table, its indexes, its stream...). */
const actionsOn = (statements: Statement[], logicalId: string): Set<string> =>
  new Set(statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId}"`)).flatMap((s) => asArray(s.Action)));
const allActions = (statements: Statement[]): Set<string> => new Set(statements.flatMap((s) => asArray(s.Action)));

/** Each item action is allowed exactly when the definition declares it. */
const expectTableAccess = (actions: Set<string>, declared: readonly string[]) => {
  expect(declared.every((a) => ITEM_ACTIONS.includes(a))).toBe(true);
  for (const a of ITEM_ACTIONS) expect(actions.has(`dynamodb:${a}`), a).toBe(declared.includes(a));
};

describe('IAM', () => {
  it.each(functionDefinitions.map((d) => [d.id, d] as const))('%s: grants exactly its declared access', (id, def: FunctionDefinition) => {
    const statements = statementsOf(id);
    expect(statements.length).toBeGreaterThan(0);
    expectTableAccess(actionsOn(statements, eventsTableId), def.access.events);
    expectTableAccess(actionsOn(statements, readModelsTableId), def.access.readModels);

    // No data action on a wildcard resource: only what has no resource-level permission.
    const onWildcard = [...new Set(statements.filter((s) => asArray(s.Resource).includes('*')).flatMap((s) => asArray(s.Action)))];
    expect(onWildcard.filter((a) => !['dynamodb:ListStreams', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'].includes(a))).toEqual(
      [],
    );

    // Its own role, no AWS-managed policy; logs only to its own log group.
    const role = resource(idOf(handler(id).role));
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logActions = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('logs:')));
    expect(logActions.map((s) => s.Resource)).toEqual([arnOf(idOf(handler(id).logGroup))]);

    const all = allActions(statements);
    expect(all.has('events:PutEvents')).toBe(def.access.putEvents);
    if (def.access.putEvents) expect(actionsOn(statements, busId).has('events:PutEvents')).toBe(true);

    const sendsTo = ofType('AWS::SQS::Queue')
      .map(([queueId]) => queueId)
      .filter((queueId) => actionsOn(statements, queueId).has('sqs:SendMessage'));
    const expectedQueues = [
      ...(def.access.deadLetter ? [publisherDlqId] : []),
      ...(def.trigger.kind === 'events-stream' ? [expect.not.stringMatching(`^${publisherDlqId}$`)] : []),
    ];
    expect(sendsTo).toEqual(expect.arrayContaining(expectedQueues));
    expect(sendsTo).toHaveLength(expectedQueues.length);

    // Only the stream-triggered function reads the stream.
    const streamArn = JSON.stringify({ 'Fn::GetAtt': [eventsTableId, 'StreamArn'] });
    const onStream = statements.filter((s) => JSON.stringify(s.Resource).includes(streamArn)).flatMap((s) => asArray(s.Action));
    expect(onStream.includes('dynamodb:GetRecords')).toBe(def.trigger.kind === 'events-stream');
  });

  it('the publisher cannot write or read either table', () => {
    const all = allActions(statementsOf('stream-publisher'));
    expect(all.has('dynamodb:PutItem')).toBe(false);
    expect(all.has('dynamodb:Query')).toBe(false);
    expect(all.has('dynamodb:GetItem')).toBe(false);
    expect(all.has('events:PutEvents')).toBe(true);
  });

  it('the query function writes nothing but its reads on record', () => {
    const accessRecordsId = idOf(stack.accessRecordsTable);
    const statements = statementsOf('api-queries');
    const all = [...allActions(statements)];
    expect(all.length).toBeGreaterThan(0);
    // Every read of personal data is put on record (functions/lib/privacy/read-record.ts): one PutItem, on that table only.
    const elsewhere = statements.filter((s) => s.Effect === 'Allow' && !JSON.stringify(s.Resource).includes(`"${accessRecordsId}"`));
    expect(
      [...allActions(elsewhere)].filter(
        (a) => WRITE.includes(a) || a === 'dynamodb:TransactWriteItems' || a === 'events:PutEvents' || a.startsWith('sqs:'),
      ),
    ).toEqual([]);
  });
});

describe('quality and funding projections, the rebuild job', () => {
  const detailOf = (projection: string) =>
    projectionRules.find((r) => r.projection === projection)!.pattern.detail as { stream: { prefix: string }[]; type: string[] };

  it.each(['quality', 'funding'])('projection %s: its own function and one rule to it, with the exact shared pattern', (projection) => {
    const fnId = functionId(`projection-${projection}`);
    const rules = ofType('AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties.Targets).includes(`"${fnId}"`));
    expect(rules).toHaveLength(0);
    const queueId = idOf(stack.projections.get(projection)!.sourceQueue);
    const viaQueue = ofType('AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties.Targets).includes(`"${queueId}"`));
    expect(viaQueue).toHaveLength(1);
    expect(viaQueue[0]![1].Properties.EventPattern).toEqual(projectionRules.find((r) => r.projection === projection)!.pattern);
    expect(functionDefinitions.find((d) => d.id === `projection-${projection}`)!.access).toEqual({
      events: ['GetItem', 'Query'],
      readModels: ['GetItem', 'PutItem'],
      accessRecords: [],
      putEvents: false,
      deadLetter: false,
      personal: 'none',
    });
  });

  it('quality takes supervision, closing, assignment, deadline, ledger, duty-record and duty-shift events only; funding the types an assessment depends on and its own streams', () => {
    const quality = detailOf('quality');
    expect(quality.stream.map((s) => s.prefix)).toEqual(['case#', 'consultation#', 'duty#', 'duty-shift#', 'service-assessment#']);
    expect(quality.type).toEqual(
      expect.arrayContaining([
        'HearingObserved',
        'CaseFileReviewed',
        'AidedPersonFollowedUp',
        'ComplaintLodged',
        'ComplaintHandled',
        'CaseClosed',
        'AidWorkerAssigned',
        'AidGranted',
        'MaterialsRequested',
        'ObjectionLodged',
        'ConsultationRecorded',
        'DutyRecordOpened',
        'DutyRecordClosed',
        // A duty record's services and a shift's attendance: the duty stations' figures (docs/duty-programme.md).
        'DutyConsultationGiven',
        'DutyShiftPlanned',
        'DutyShiftCheckedIn',
        // The service standard's assessments: the pass rates (docs/service-standard.md).
        'ServiceInspected',
      ]),
    );
    for (const type of ['MeansAssessed', 'ClientMeetingHeld', 'ProgressReported', 'SubsidyApproved', 'FundAllocated', 'DutyPayApproved'])
      expect(quality.type).not.toContain(type);
    const funding = detailOf('funding');
    expect(funding.stream.map((s) => s.prefix)).toEqual(['case#', 'subsidy#', 'fund#']);
    expect(funding.type).toEqual(
      expect.arrayContaining([
        'CaseClosed',
        'CaseFileReviewed',
        'AidWorkerAssigned',
        'SubsidyApproved',
        'SubsidyPaid',
        'FundAllocated',
        'SubsidyPaidFromFund',
        'DutyPayCommitted',
        'DutyPayPaidFromFund',
      ]),
    );
    for (const type of ['HearingObserved', 'MaterialsRequested', 'ConsultationRecorded']) expect(funding.type).not.toContain(type);
  });

  it('the rebuild job: scans the events table, reads and writes the read models, and nothing invokes it but an operator', () => {
    const def = functionDefinitions.find((d) => d.id === 'rebuild')!;
    expect(def).toMatchObject({
      trigger: { kind: 'job' },
      // UpdateItem and DeleteItem: the statistics projection's counters and open deadlines, rebuilt by the same apply.
      access: {
        events: ['Scan'],
        readModels: ['Scan', 'BatchWriteItem', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
        putEvents: false,
        deadLetter: false,
      },
      timeoutSeconds: 900,
    });
    const fnId = functionId('rebuild');
    const statements = statementsOf('rebuild');
    expect(actionsOn(statements, eventsTableId).has('dynamodb:Scan')).toBe(true);
    expect(actionsOn(statements, eventsTableId).has('dynamodb:PutItem')).toBe(false);
    for (const a of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem'])
      expect(actionsOn(statements, readModelsTableId).has(a), a).toBe(true);
    expect(
      ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName).includes(`"${fnId}"`)),
    ).toEqual([]);
    expect(ofType('AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties.Targets).includes(`"${fnId}"`))).toEqual([]);
    expect(ofType('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(`"${fnId}"`))).toEqual(
      [],
    );
    // The operator finds it by its output (docs/operations.md, "Rebuild a projection").
    expect((template.toJSON().Outputs as Record<string, { Value: unknown }>).JobFunctionNameRebuild!.Value).toEqual({ Ref: fnId });
  });
});
