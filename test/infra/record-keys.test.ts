// The records' data keys in AWS: their table under the stack key, protected and retained, outside
// AWS Backup, PITR for one day only (a restore would bring back an erased key); the functions that
// seal or open have the table's name and the key's ARN and exactly the grants they need, the KMS ones
// only with the record's encryption context; no function may delete a key. Judged from the template
// against lists written here, not taken from the stack's code.
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { arnOf, type Json, synthStage, type SynthesizedStage } from './support/synth-stage.ts';

type Statement = { Sid?: string; Effect: string; Action?: string | string[]; Resource?: unknown; Condition?: Record<string, Json> };
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Who uses data keys, and how: written here from the kernel's code (commands seal, queries open). */
const SEALS = ['api-commands'];
const OPENS = ['api-queries'];
const TABLE_ACTIONS: Record<string, string[]> = {
  seals: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
  opens: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'],
  none: [],
};
const ENVELOPE_ACTIONS: Record<string, string[]> = { seals: ['kms:Decrypt', 'kms:GenerateDataKey'], opens: ['kms:Decrypt'], none: [] };
const NEVER = ['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate'];
const usageOf = (id: string) => (SEALS.includes(id) ? 'seals' : OPENS.includes(id) ? 'opens' : 'none');

/** The condition that binds a direct KMS call to a record's data key and nothing else. */
const RECORD_BOUND = {
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['record'] },
  Null: { 'kms:EncryptionContextKeys': 'false' },
};
/** DynamoDB using the key for a table's encryption at rest, on the caller's behalf. */
const viaDynamoDb = (c: Statement['Condition']) => JSON.stringify(c?.StringEquals?.['kms:ViaService'] ?? '').includes('dynamodb.');

const statementsOf = (s: SynthesizedStage, id: string): Statement[] => {
  const roleId = s.idOf(s.stack.functions.get(id)!.role);
  return s
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => asArray(p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
};

/** Allowed direct KMS calls on the key (not DynamoDB's own on the caller's behalf) must be record-bound. */
const unboundKeyUse = (statements: Statement[], keyId: string) =>
  statements.filter(
    (st) =>
      st.Effect === 'Allow' &&
      asArray(st.Resource).some((r) => same(r, arnOf(keyId))) &&
      !viaDynamoDb(st.Condition) &&
      !same(st.Condition, RECORD_BOUND),
  );

describe.each(['dev', 'prod'])('record data keys, stage %s', (stage) => {
  const s = synthStage(stage);
  const keyId = s.idOf(s.stack.key);
  const tableId = s.idOf(s.stack.recordKeys.table);
  const onTable = (st: Statement) => asArray(st.Resource).some((r) => same(r, arnOf(tableId)));
  const dynamoWildcard = (st: Statement) => asArray(st.Resource).some((r) => r === '*' || JSON.stringify(r).includes('table/*'));

  it('the keys table: the stack key, deletion protection, retained, PITR of one day (the shortest DynamoDB allows)', () => {
    const table = s.resource(tableId);
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.Properties.SSESpecification).toEqual({ KMSMasterKeyId: arnOf(keyId), SSEEnabled: true, SSEType: 'KMS' });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 1 });
    expect(table.Properties.StreamSpecification).toBeUndefined();
  });

  it('no AWS Backup selection names the keys table (a kept copy would undo erasure)', () => {
    for (const [id, selection] of s.ofType('AWS::Backup::BackupSelection')) {
      const text = JSON.stringify(selection.Properties);
      expect(text, id).not.toContain(`"${tableId}"`);
      expect(text, id).not.toContain('"*"');
    }
  });

  it.each(functionDefinitions.map((d) => [d.id] as const))(
    '%s: the keys table and the key ARN in its environment only if it uses data keys',
    (id) => {
      const env = (s.resource(s.idOf(s.stack.functions.get(id)!.fn)).Properties.Environment as { Variables: Json }).Variables;
      if (usageOf(id) === 'none') {
        expect(env).not.toHaveProperty('KEYS_TABLE');
        expect(env).not.toHaveProperty('DATA_KEY_ARN');
      } else {
        expect(env.KEYS_TABLE).toEqual({ Ref: tableId });
        expect(env.DATA_KEY_ARN).toEqual(arnOf(keyId));
      }
    },
  );

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: exactly its actions on the keys table, and never a delete', (id) => {
    const statements = statementsOf(s, id);
    const allowed = statements
      .filter((st) => st.Effect === 'Allow' && onTable(st))
      .flatMap((st) => asArray(st.Action))
      .sort();
    expect(allowed).toEqual(TABLE_ACTIONS[usageOf(id)]);
    const denied = statements
      .filter((st) => st.Effect === 'Deny' && onTable(st) && st.Condition === undefined)
      .flatMap((st) => asArray(st.Action));
    for (const action of NEVER) expect(denied, action).toContain(action);
    // Nor through a wildcard resource or action (only X-Ray's and ListStreams, which have no resource, are on "*").
    const broad = statements
      .filter((st) => st.Effect === 'Allow' && (dynamoWildcard(st) || onTable(st)))
      .flatMap((st) => asArray(st.Action))
      .filter((a) => a.startsWith('dynamodb:') && (a.includes('*') || NEVER.includes(a)));
    expect(broad).toEqual([]);
    if (usageOf(id) !== 'seals') expect(denied).toContain('dynamodb:PutItem');
  });

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: direct KMS calls only with the record as encryption context', (id) => {
    const statements = statementsOf(s, id);
    const envelope = statements
      .filter((st) => st.Effect === 'Allow' && same(st.Condition, RECORD_BOUND))
      .flatMap((st) => {
        expect(st.Resource).toEqual(arnOf(keyId));
        return asArray(st.Action);
      })
      .sort();
    expect(envelope).toEqual(ENVELOPE_ACTIONS[usageOf(id)]);
    // The functions that hold data keys have no other direct use of the key (the tables' encryption
    // goes through DynamoDB), so the condition above cannot be sidestepped by a broader allow.
    if (usageOf(id) !== 'none') expect(unboundKeyUse(statements, keyId)).toEqual([]);
  });

  it('a broader allow is caught: an unconditioned Decrypt, or one without the Null test', () => {
    const resource = arnOf(keyId);
    expect(unboundKeyUse([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource }], keyId)).toHaveLength(1);
    const noNull = { 'ForAllValues:StringEquals': RECORD_BOUND['ForAllValues:StringEquals'] };
    expect(unboundKeyUse([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource, Condition: noNull }], keyId)).toHaveLength(1);
    expect(unboundKeyUse([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource, Condition: RECORD_BOUND }], keyId)).toEqual([]);
  });
});
