// One EventBridge rule from the shared routing table (events/routing.ts): its pattern, unchanged, to
// its projection function, with bounded retries and a dead-letter queue for what still fails.
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ProjectionRule as ProjectionRuleDefinition } from '../../events/routing.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export type ProjectionRuleProps = {
  definition: ProjectionRuleDefinition;
  bus: events.IEventBus;
  target: lambda.IFunction;
  key: kms.IKey;
  deadLetterRemoval: RemovalPolicy;
  retryAttempts: number;
  maxEventAge: Duration;
};

export class ProjectionRule extends Construct {
  readonly rule: events.Rule;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ProjectionRuleProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      key: props.key,
      removalPolicy: props.deadLetterRemoval,
      purpose: `EventBridge events rule ${props.definition.projection} could not deliver to its projection after its retries`,
    });
    this.rule = new events.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: props.definition.description,
      // The shared pattern uses EventBridge's own JSON field names; CDK passes them through as is.
      eventPattern: props.definition.pattern as events.EventPattern,
      targets: [
        new targets.LambdaFunction(props.target, {
          retryAttempts: props.retryAttempts,
          maxEventAge: props.maxEventAge,
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }
}
