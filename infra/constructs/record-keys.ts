// The records' data keys (functions/lib/privacy/key-store.ts) in AWS: their table, and what each
// function may do with it and with the stack key that wraps them. A lost key is a record whose
// personal data can never be read again, and a kept one is an erasure undone, so the table is
// protected from deletion, retained on stack deletion, never in an AWS Backup plan, and its PITR keeps
// the fewest days DynamoDB allows (docs/security.md, "Backups and erasure").
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { PersonalAccess } from '../definitions/functions.ts';
import { keysTable } from '../definitions/tables.ts';
import { DefinedTable } from './defined-table.ts';

/**
 * PITR of the keys table: the minimum DynamoDB accepts (1 to 35). A key destroyed by erasure stays
 * restorable this long, and no longer (RecoveryPeriodInDays,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html).
 */
export const KEYS_RECOVERY_PERIOD_DAYS = 1;

/** The encryption context key every data key is made and unwrapped under (functions/lib/privacy/key-wrappers.ts). */
export const RECORD_CONTEXT_KEY = 'record';

/**
 * Item actions on the keys table. Sealing reads a record's key and puts a new one (the put's condition
 * `attribute_not_exists(pk)` cannot overwrite a live key; IAM cannot require a condition expression, so
 * that is the code's), and erasure puts the tombstone; opening reads keys one or a page at a time.
 */
const tableActions: Record<PersonalAccess, readonly string[]> = {
  seals: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'],
  opens: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
  none: [],
};

/** Direct KMS calls: make a data key (sealers) and unwrap one (both). */
const envelopeActions: Record<PersonalAccess, readonly string[]> = {
  seals: ['kms:GenerateDataKey', 'kms:Decrypt'],
  opens: ['kms:Decrypt'],
  none: [],
};

/**
 * What no function may do to the keys table: remove or rewrite a key in any of the API's forms, or
 * the table itself. Erasure is a tombstone put, never a delete; a function that only opens may not put
 * either. The explicit deny wins over any allow, also one added later by mistake.
 */
const deniedTableActions = (access: PersonalAccess): string[] => [
  'dynamodb:DeleteItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:DeleteTable',
  'dynamodb:UpdateTable',
  ...(access === 'seals' ? [] : ['dynamodb:PutItem']),
];

/**
 * DynamoDB calling KMS for a table under a customer-managed key on the caller's behalf: its endpoint
 * name in kms:ViaService (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service;
 * the AWS managed key aws/dynamodb is conditioned the same way). URL_SUFFIX makes it
 * `amazonaws.com.cn` in the China partition.
 */
export const viaDynamoDb = `dynamodb.${Aws.REGION}.${Aws.URL_SUFFIX}`;

export type RecordKeysProps = { key: kms.IKey };

export class RecordKeys extends Construct {
  readonly table: DefinedTable;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, { key }: RecordKeysProps) {
    super(scope, id);
    this.key = key;
    this.table = new DefinedTable(this, 'Table', {
      definition: keysTable,
      key,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      recoveryPeriodDays: KEYS_RECOVERY_PERIOD_DAYS,
    });
  }

  /** Grants the function exactly what its personal access needs, and denies every function what would remove a key. */
  grantTo(fn: lambda.IFunction, access: PersonalAccess): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DenyRemovingDataKeys',
        effect: iam.Effect.DENY,
        actions: deniedTableActions(access),
        resources: [this.table.tableArn],
      }),
    );
    if (access === 'none') return;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...tableActions[access]], resources: [this.table.tableArn] }));
    // DynamoDB's own use of the stack key for the table (encryption at rest), on the caller's behalf.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'kms:Decrypt',
          'kms:DescribeKey',
          ...(access === 'seals' ? ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'] : []),
        ],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': viaDynamoDb } },
      }),
    );
    // The envelope: the function's own calls, only with the record's id as the encryption context and
    // nothing else. ForAllValues alone is also true of a request with no context at all, hence the Null
    // test (kms:EncryptionContextKeys, https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: access === 'seals' ? 'SealWithRecordDataKeys' : 'OpenWithRecordDataKeys',
        actions: [...envelopeActions[access]],
        resources: [this.key.keyArn],
        conditions: {
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [RECORD_CONTEXT_KEY] },
          Null: { 'kms:EncryptionContextKeys': 'false' },
        },
      }),
    );
  }
}
