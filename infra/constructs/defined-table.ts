// A DynamoDB table built from its shared definition (infra/definitions/tables.ts), so the deployed
// table and the local one have the same keys, indexes and stream.
// `Table`, not `TableV2`: TableV2 cannot render a customer-managed key in an environment-agnostic
// stack (its replica SSE specification needs a concrete region).
import type { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../definitions/tables.ts';

export type DefinedTableProps = {
  definition: TableDefinition;
  key: kms.IKey;
  removalPolicy: RemovalPolicy;
  /** Refuse DeleteTable (console, CLI, CloudFormation) until switched off. */
  deletionProtection: boolean;
  /**
   * Days PITR keeps (1 to 35, AWS's default 35): the keys table keeps the fewest, as a restore would
   * bring back a key destroyed within the period (docs/security.md, "Backups and erasure").
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html
   */
  recoveryPeriodDays?: number;
};

const attribute = ({ name, type }: KeyAttribute): dynamodb.Attribute => ({
  name,
  type: type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

export class DefinedTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, { definition, key, removalPolicy, deletionProtection, recoveryPeriodDays }: DefinedTableProps) {
    if (
      recoveryPeriodDays !== undefined &&
      !(Number.isInteger(recoveryPeriodDays) && recoveryPeriodDays >= 1 && recoveryPeriodDays <= 35)
    ) {
      throw new Error(`PITR recovery period must be 1 to 35 days, got ${recoveryPeriodDays}`);
    }
    super(scope, id, {
      partitionKey: attribute(definition.partitionKey),
      sortKey: attribute(definition.sortKey),
      ...(definition.stream === 'NEW_IMAGE' ? { stream: dynamodb.StreamViewType.NEW_IMAGE } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        ...(recoveryPeriodDays !== undefined ? { recoveryPeriodInDays: recoveryPeriodDays } : {}),
      },
      // What cannot be rebuilt must not be deletable by a stray console click either (the stack
      // decides per stage; the event store is always protected).
      deletionProtection,
      removalPolicy,
    });
    for (const index of definition.globalIndexes) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
      });
    }
  }
}
