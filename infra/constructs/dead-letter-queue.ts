// A dead-letter queue: encrypted with the stack's key, TLS only, messages kept as long as SQS allows
// so that an operator has two weeks to look at what failed and redrive it (docs/operations.md).
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { projectionDelivery } from '../definitions/projection-delivery.ts';
import { acknowledgeNag } from './nag.ts';

export type DeadLetterQueueProps = {
  key: kms.IKey;
  /** What lands here, in a few words ("events the publisher could not put on the bus"): alarm text and docs. */
  purpose: string;
  /** On stack deletion: kept in prod, where a queue may still hold what an operator has to redrive. */
  removalPolicy: RemovalPolicy;
  /** Named by another queue's redrive policy (cdk-nag then knows it is a dead-letter queue). */
  isRedriveTarget?: boolean;
};

export class DeadLetterQueue extends sqs.Queue {
  readonly purpose: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: Duration.days(projectionDelivery.retentionDays),
      removalPolicy: props.removalPolicy,
    });
    this.purpose = props.purpose;
    if (props.isRedriveTarget) return;
    // cdk-nag only recognises a queue as a DLQ when another queue's redrive policy names it; this
    // one is a DLQ of a Lambda/EventBridge failure destination or of the publisher's own code.
    acknowledgeNag(
      this,
      'AwsSolutions-SQS3',
      `This queue is itself a dead-letter queue (${props.purpose}); nothing consumes it automatically, ` +
        'an alarm fires on its first message and an operator redrives it (docs/operations.md), so a DLQ of the DLQ would add nothing.',
    );
  }
}
