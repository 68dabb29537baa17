// After a point-in-time restore the stack switches to the restored events table by context
// (docs/operations.md, "Restore the event store"): every function, the stream mapping and the backup
// use it, the append-only denies cover it, and the stack's own table stays, retained and protected.
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { tableEnv } from '../../functions/lib/table-env.ts';
import { configFromContext } from '../../infra/stack.ts';
import { JWT_AUDIENCE, JWT_ISSUER, type Json, synthStage } from './support/synth-stage.ts';

const RESTORED = 'legal-aid-prod-events-restored-20260602T0930';
const STREAM_ARN = `arn:aws-cn:dynamodb:cn-north-1:123456789012:table/${RESTORED}/stream/2026-06-02T10:15:00.000`;

describe('switching to a restored events table', () => {
  const s = synthStage('prod', { restoredEventsStreamArn: STREAM_ARN });
  const ownTableId = s.idOf(s.stack.eventsTable);

  it('every function reads the restored table’s name; the publisher reads its stream', () => {
    for (const d of functionDefinitions) {
      const env = (s.resource(s.idOf(s.stack.functions.get(d.id)!.fn)).Properties.Environment as { Variables: Json }).Variables;
      expect(env[tableEnv.events], d.id).toBe(RESTORED);
    }
    // The projections' mappings read their SQS queues; only the stream mapping names a table.
    const mappings = s.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.StartingPosition !== undefined);
    expect(mappings.map(([, m]) => m.Properties.EventSourceArn)).toEqual([STREAM_ARN]);
  });

  it('grants name the restored table; every role denies rewriting both it and the original', () => {
    const policies = JSON.stringify(s.ofType('AWS::IAM::Policy').map(([, p]) => p.Properties.PolicyDocument));
    expect(policies).toContain(`:table/${RESTORED}`);
    for (const d of functionDefinitions) {
      const roleId = s.idOf(s.stack.functions.get(d.id)!.role);
      const denies = s
        .ofType('AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
        .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement)
        .filter((st) => st.Effect === 'Deny');
      expect(JSON.stringify(denies), d.id).toContain(`:table/${RESTORED}`);
      expect(JSON.stringify(denies), d.id).toContain(`"${ownTableId}"`);
    }
  });

  it('the backup selects the restored table; the original table stays in the stack, retained and protected', () => {
    const selection = s.ofType('AWS::Backup::BackupSelection')[0]![1].Properties.BackupSelection as { Resources: unknown[] };
    expect(JSON.stringify(selection.Resources)).toContain(`:table/${RESTORED}`);
    expect(s.resource(ownTableId)).toMatchObject({ DeletionPolicy: 'Retain', Properties: { DeletionProtectionEnabled: true } });
    expect((s.template.toJSON().Outputs as Record<string, { Value: unknown }>).EventsTableName!.Value).toBe(RESTORED);
  });

  it('refuses anything but a DynamoDB stream ARN', () => {
    for (const bad of [RESTORED, `arn:aws:dynamodb:cn-north-1:123456789012:table/${RESTORED}`, 'arn:aws:sqs:cn-north-1:123456789012:q']) {
      const app = new App({ context: { stage: 'prod', jwtIssuer: JWT_ISSUER, jwtAudience: JWT_AUDIENCE, restoredEventsStreamArn: bad } });
      expect(() => configFromContext(app.node), bad).toThrow(/restoredEventsStreamArn/);
    }
  });
});
