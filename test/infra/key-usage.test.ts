// The stack's customer-managed key protects the bus, its archive and every log group, and the key
// policy lets each AWS service use it only on this account's behalf (a source-account or source-ARN
// condition, or the encryption context that names the resource). The rebuild job cannot take the
// API's concurrency.
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { arnOf, type Json, synthStage } from './support/synth-stage.ts';

type KeyStatement = {
  Sid?: string;
  Effect: string;
  Principal: { AWS?: unknown; Service?: unknown };
  Action: string | string[];
  Condition?: Record<string, Json>;
};

describe.each(['dev', 'prod'])('the stack key, stage %s', (stage) => {
  const s = synthStage(stage);
  const keyId = s.idOf(s.stack.key);
  const statements = (s.resource(keyId).Properties.KeyPolicy as { Statement: KeyStatement[] }).Statement;
  const serviceStatements = statements.filter((st) => st.Principal.Service !== undefined);
  const text = (v: unknown) => JSON.stringify(v);

  it('the bus and its archive are encrypted with it', () => {
    const buses = s.ofType('AWS::Events::EventBus');
    expect(buses).toHaveLength(1);
    expect(buses[0]![1].Properties.KmsKeyIdentifier).toEqual(arnOf(keyId));
    const archives = s.ofType('AWS::Events::Archive');
    expect(archives).toHaveLength(1);
    expect(archives[0]![1].Properties.KmsKeyIdentifier).toEqual(arnOf(keyId));
  });

  it('every log group (functions and API access logs) is encrypted with it', () => {
    const groups = s.ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(functionDefinitions.length);
    for (const [id, group] of groups) expect(group.Properties.KmsKeyId, id).toEqual(arnOf(keyId));
  });

  it('every statement for an AWS service is conditioned on this account or the resource it serves', () => {
    expect(serviceStatements.length).toBeGreaterThanOrEqual(4);
    for (const st of serviceStatements) {
      const keys = Object.values(st.Condition ?? {}).flatMap((c) => Object.keys(c));
      expect(
        keys.some((k) => ['aws:SourceAccount', 'aws:SourceArn'].includes(k) || k.startsWith('kms:EncryptionContext:')),
        text(st),
      ).toBe(true);
    }
  });

  it('EventBridge: for this stage’s bus, its archive and the dead-letter queues of its rules only', () => {
    const events = serviceStatements.filter((st) => st.Principal.Service === 'events.amazonaws.com');
    expect(events.length).toBeGreaterThanOrEqual(2);
    // The grant CDK makes for a rule's encrypted SQS target can only name the account: naming the rule
    // would make the key depend on the rule that depends on the queue that depends on the key.
    const sendsToQueues = (st: (typeof events)[number]) =>
      text(st.Action).includes('kms:Encrypt') && !text(st.Condition).includes('legal-aid-');
    const queueGrants = events.filter(sendsToQueues);
    expect(queueGrants.length).toBeLessThanOrEqual(1);
    for (const st of queueGrants) expect(st.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    for (const st of events.filter((st) => !sendsToQueues(st))) expect(text(st.Condition), text(st)).toContain(`legal-aid-${stage}`);
  });

  it('CloudWatch alarms: this account and this stage’s alarms only', () => {
    const alarms = serviceStatements.filter((st) => st.Principal.Service === 'cloudwatch.amazonaws.com');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(text(alarms[0]!.Condition!.ArnLike)).toContain(`:alarm:legal-aid-${stage}-*`);
  });

  it('CloudWatch Logs: the regional principal, for log groups of this account and region', () => {
    const logs = serviceStatements.filter((st) => text(st.Principal.Service).includes('"logs."'));
    expect(logs).toHaveLength(1);
    expect(logs[0]!.Principal.Service).toEqual({ 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
    expect(logs[0]!.Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*'],
          ],
        },
      },
    });
  });
});

describe('reserved concurrency', () => {
  const s = synthStage('prod');

  it('the rebuild job has a small reserved concurrency; the API functions share the unreserved pool', () => {
    const concurrencyOf = (id: string) => s.resource(s.idOf(s.stack.functions.get(id)!.fn)).Properties.ReservedConcurrentExecutions;
    const rebuild = concurrencyOf('rebuild');
    expect(rebuild).toBeGreaterThan(0);
    expect(rebuild).toBeLessThanOrEqual(20);
    for (const d of functionDefinitions.filter((f) => f.trigger.kind === 'http')) expect(concurrencyOf(d.id), d.id).toBeUndefined();
  });
});
