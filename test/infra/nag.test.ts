// cdk-nag 3 (AWS Solutions) runs as a CDK validation plugin; its findings are in the cloud assembly's
// validation-report.json. Both stages: no finding left open (error or warning), every acknowledged
// one scoped to the exact resource with a reason, IAM wildcard findings one by one, none stale.
import { CfnResource, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { NAG_PACK } from '../../infra/constructs/nag.ts';
import { synthStage, type SynthesizedStage } from './support/synth-stage.ts';

/** Every acknowledgement recorded in the construct tree: where, which id, why. */
const acknowledgementsIn = (root: IConstruct): { path: string; id: string; reason: string }[] =>
  root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
    );

describe.each(['dev', 'prod'])('cdk-nag AwsSolutions, stage %s', (stage) => {
  const synthesized: SynthesizedStage = synthStage(stage);
  const { report, stack } = synthesized;
  const nag = report.pluginReports.find((r) => r.pluginName === NAG_PACK);

  it('ran, and left no finding open: no error, no warning', () => {
    expect(nag).toBeDefined();
    expect(
      nag!.violations.map((v) => `${v.severity} ${v.ruleName} ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
    ).toEqual([]);
    expect(nag!.conclusion).toBe('success');
    // No other plugin (CDK's own checks) reports anything either.
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });

  it('every acknowledged finding is acknowledged on the resource itself, with a reason', () => {
    const suppressed = nag!.suppressedViolations ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const v of suppressed) {
      expect(v.acknowledgedId).toBe(`${NAG_PACK}::${v.ruleName}`);
      expect(v.reason?.length, v.ruleName).toBeGreaterThanOrEqual(40);
      for (const c of v.violatingConstructs) expect(c.constructPath, v.ruleName).toBe(v.acknowledgedAt);
      // The acknowledging construct is a CloudFormation resource, never the stack or the app.
      const at = stack.node.findAll().find((c) => c.node.path === v.acknowledgedAt);
      expect(at && CfnResource.isCfnResource(at), v.acknowledgedAt).toBe(true);
    }
  });

  it('IAM wildcard findings are acknowledged one [Action::…]/[Resource::…] at a time', () => {
    const iam5 = (nag!.suppressedViolations ?? []).filter((v) => v.ruleName.startsWith('AwsSolutions-IAM5'));
    expect(iam5.length).toBeGreaterThan(0);
    for (const v of iam5) expect(v.ruleName).toMatch(/^AwsSolutions-IAM5\[(Action|Resource)::.+\]$/);
    // What is acknowledged, and nothing broader: no Action::* or service-wide action wildcard.
    expect([...new Set(iam5.map((v) => v.ruleName.replace(/<[^>]+>/, '<table>')))].sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'AwsSolutions-IAM5[Resource::*]',
      // The analytics Firehose: objects under the two prefixes of its bucket it writes (infra/constructs/analytics-export.ts).
      'AwsSolutions-IAM5[Resource::<table>/events/*]',
      'AwsSolutions-IAM5[Resource::<table>/firehose-errors/*]',
      'AwsSolutions-IAM5[Resource::<table>/index/*]',
    ]);
  });

  it('no acknowledgement is stale: each one suppresses a finding on its resource', () => {
    const used = new Set((nag!.suppressedViolations ?? []).map((v) => `${v.acknowledgedAt} ${v.acknowledgedId}`));
    const acknowledgements = acknowledgementsIn(stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(a.id.startsWith(`${NAG_PACK}::`), `${a.path} ${a.id}`).toBe(true);
      expect(used.has(`${a.path} ${a.id}`), `${a.path} ${a.id}`).toBe(true);
    }
  });

  it('the stack has no error or warning annotation', () => {
    expect(synthesized.messages.filter((m) => m.level === 'error' || m.level === 'warning')).toEqual([]);
  });
});
