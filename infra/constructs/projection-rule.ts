// One projection's delivery path from the shared definitions (events/routing.ts,
// infra/definitions/projection-delivery.ts): the EventBridge rule with its pattern, unchanged, whose
// target is the projection's SQS source queue; the queue's redrive policy to the projection's
// dead-letter queue; and the SQS event source that invokes the projection function with batches and
// partial batch responses. docs/decisions.md says why a queue and not the function as the target.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ProjectionRule as ProjectionRuleDefinition } from '../../events/routing.ts';
import { projectionDelivery, visibilityTimeoutSeconds } from '../definitions/projection-delivery.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export type ProjectionRuleProps = {
  definition: ProjectionRuleDefinition;
  bus: events.IEventBus;
  target: lambda.IFunction;
  key: kms.IKey;
  deadLetterRemoval: RemovalPolicy;
};

export class ProjectionRule extends Construct {
  readonly rule: events.Rule;
  /** What the rule delivers into and the projection function consumes. */
  readonly sourceQueue: sqs.Queue;
  /** Where SQS moves a message the projection failed on maxReceiveCount times. */
  readonly deadLetterQueue: DeadLetterQueue;
  /** Where EventBridge puts an event it could not deliver into the source queue. */
  readonly ruleDeadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ProjectionRuleProps) {
    super(scope, id);
    const { projection } = props.definition;
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      key: props.key,
      removalPolicy: props.deadLetterRemoval,
      purpose: `events projection ${projection} failed on ${projectionDelivery.maxReceiveCount} times (the EventBridge event, unchanged)`,
      isRedriveTarget: true,
    });
    this.ruleDeadLetterQueue = new DeadLetterQueue(this, 'RuleDeadLetters', {
      key: props.key,
      removalPolicy: props.deadLetterRemoval,
      purpose: `events rule ${projection} could not deliver into the projection's queue after its retries (the EventBridge event, why in its attributes)`,
    });
    this.sourceQueue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: Duration.days(projectionDelivery.retentionDays),
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(projection)),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: projectionDelivery.maxReceiveCount },
      removalPolicy: props.deadLetterRemoval,
    });
    this.rule = new events.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: props.definition.description,
      // The shared pattern uses EventBridge's own JSON field names; CDK passes them through as is.
      eventPattern: props.definition.pattern as events.EventPattern,
      targets: [
        new targets.SqsQueue(this.sourceQueue, {
          retryAttempts: projectionDelivery.ruleRetryAttempts,
          maxEventAge: Duration.hours(projectionDelivery.ruleMaxEventAgeHours),
          deadLetterQueue: this.ruleDeadLetterQueue,
        }),
      ],
    });
    props.target.addEventSource(
      new SqsEventSource(this.sourceQueue, {
        batchSize: projectionDelivery.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: projectionDelivery.maxConcurrency,
      }),
    );
  }
}
