// cdk-nag 3 (AWS Solutions pack) as a CDK policy-validation plugin, and the one way this stack
// acknowledges a finding: on the exact resource, for one rule (for IAM wildcard findings, one
// `[Action::…]`/`[Resource::…]` finding), with a reason that says why it is acceptable here.
//
// Acknowledgements use the namespaced id CDK prints (`AwsSolutions::AwsSolutions-…`): cdk-nag still
// reports the finding and CDK moves it to `suppressedViolations` of validation-report.json with the
// reason and the construct that acknowledged it — an audit trail, and a way for the tests to prove
// that no acknowledgement is stale (test/infra/nag.test.ts).
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Name under which the pack reports (validation-report.json `pluginName`). */
export const NAG_PACK = 'AwsSolutions';

/** Registers the AWS Solutions pack on the app: synthesis fails on any error it reports. */
export const enableNagChecks = (app: IConstruct): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
};

const MIN_REASON_LENGTH = 40;

/**
 * Acknowledges one cdk-nag finding on one resource. `rule` is the finding id as cdk-nag reports it,
 * e.g. `AwsSolutions-SQS3` or `AwsSolutions-IAM5[Action::kms:ReEncrypt*]`. The construct may be an L2
 * whose default child is the reported CfnResource; stacks and apps are refused (no blanket ones).
 */
export const acknowledgeNag = (resource: IConstruct, rule: `${typeof NAG_PACK}-${string}`, reason: string): void => {
  const target = CfnResource.isCfnResource(resource) ? resource : resource.node.defaultChild;
  if (!target || !CfnResource.isCfnResource(target) || Stack.isStack(resource)) {
    throw new Error(`cdk-nag acknowledgement of ${rule} must name a resource, not ${resource.node.path}`);
  }
  if (/^AwsSolutions-IAM5$/.test(rule)) {
    throw new Error(`acknowledge each IAM5 finding on its own ([Action::…] or [Resource::…]), not ${rule} as a whole`);
  }
  if (reason.trim().length < MIN_REASON_LENGTH) throw new Error(`reason for ${rule} on ${target.node.path} is too short to say why`);
  Validations.of(target).acknowledge({ id: `${NAG_PACK}::${rule}`, reason });
};
