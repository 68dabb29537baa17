// The custom EventBridge bus the stream publisher puts case events on, with an archive of every
// event it carries so that projections can be replayed from the bus as well as from the store. Both
// are encrypted with the stack's key instead of an AWS-owned one.
import { type Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export type CaseEventBusProps = { busName: string; archiveRetention: Duration; key: kms.IKey };

export class CaseEventBus extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.CfnArchive;

  constructor(scope: Construct, id: string, props: CaseEventBusProps) {
    super(scope, id);
    // `kmsKey` also adds the key-policy statement for EventBridge, conditioned on this account, this bus
    // and its encryption context.
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName, kmsKey: props.key });
    // L1 on purpose: an archive without an event pattern keeps every event of the bus, whereas
    // the L2 Archive requires a pattern. So the key policy for the archive is added here, as
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/encryption-archives.html gives it: the
    // archive's operations carry the bus ARN as encryption context.
    this.archive = new events.CfnArchive(this, 'Archive', {
      sourceArn: this.bus.eventBusArn,
      description: `Every event of ${props.busName}`,
      retentionDays: props.archiveRetention.toDays(),
      kmsKeyIdentifier: props.key.keyArn,
    });
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeArchive',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncrypt*'],
        resources: ['*'],
        // The ARN from the name: the bus's own ARN attribute would make the key depend on the bus.
        conditions: {
          StringEquals: {
            'kms:EncryptionContext:aws:events:event-bus:arn': Stack.of(this).formatArn({
              service: 'events',
              resource: 'event-bus',
              resourceName: props.busName,
            }),
          },
        },
      }),
    );
  }
}
