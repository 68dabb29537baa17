// AWS Backup of the event store: a vault under the stack's key whose recovery points nobody can
// delete early, and a plan that copies the table every day and keeps a month-end copy a year.
// PITR (35 days, on every table) restores to the second; these backups survive what PITR does not:
// PITR switched off, or a table deleted longer than 35 days ago. Restoring: docs/operations.md.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag.ts';

export type BackupRetention = { dailyDays: number; monthlyDays: number };

export type EventStoreBackupProps = {
  stage: string;
  table: dynamodb.ITable;
  key: kms.IKey;
  retention: BackupRetention;
};

export class EventStoreBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: EventStoreBackupProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `legal-aid-${props.stage}-event-store`,
      encryptionKey: props.key,
      // Recovery points of the truth go only when their lifecycle says so.
      blockRecoveryPointDeletion: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `legal-aid-${props.stage}-event-store`,
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          // 03:00 UTC, out of office hours in China (11:00 Beijing is busy, but a DynamoDB backup
          // uses no table capacity and does not affect its performance).
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '3' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(props.retention.dailyDays),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '4', day: '1' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(props.retention.monthlyDays),
        }),
      ],
    });
    const selection = this.plan.addSelection('EventStore', {
      resources: [backup.BackupResource.fromDynamoDbTable(props.table)],
      allowRestores: false,
    });
    acknowledgeNag(
      selection.node.findChild('Role'),
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AWS Backup assumes this role for the one backup selection (the events table); AWSBackupServiceRolePolicyForBackup is the policy AWS ' +
        'maintains for exactly that service role, with the DynamoDB backup and KMS actions AWS Backup needs as they evolve. Restores are not allowed to it.',
    );
  }
}
