// Builds the stack for one stage the way infra/app.ts does (cdk.json context, cdk-nag registered),
// without bundling assets, and synthesizes it into a temporary cloud assembly so that tests can read
// both the template and CDK's validation report (where cdk-nag 3 reports).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { enableNagChecks } from '../../../infra/constructs/nag.ts';
import { configFromContext, LegalAidStack, stackNameFor } from '../../../infra/stack.ts';

export const JWT_ISSUER = 'https://issuer.example.cn/realms/legal-aid';
export const JWT_AUDIENCE = 'legal-aid-api';

export type Json = Record<string, unknown>;
export type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string; Metadata?: Json };

/** One violation as CDK's validation-report.json lists it (cdk-nag findings among them). */
export type ReportedViolation = {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
  acknowledgedId?: string;
  reason?: string;
  acknowledgedAt?: string;
};
export type PluginReport = {
  pluginName: string;
  conclusion: string;
  violations: ReportedViolation[];
  suppressedViolations?: ReportedViolation[];
};
export type ValidationReport = { pluginReports: PluginReport[] };

const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as { context: Json };

export type SynthesizedStage = {
  app: App;
  stack: LegalAidStack;
  template: Template;
  resources: Record<string, Resource>;
  report: ValidationReport;
  /** Annotations (metadata messages) of the stack artifact: level and text. */
  messages: { level: string; text: string; path: string }[];
  /** The manifest entry of the stack artifact (stack tags, termination protection...). */
  artifact: { properties: Json };
  idOf: (construct: IConstruct) => string;
  resource: (logicalId: string) => Resource;
  ofType: (type: string) => [string, Resource][];
};

export const synthStage = (stage: string, extraContext: Record<string, string> = {}): SynthesizedStage => {
  const outdir = mkdtempSync(join(tmpdir(), `cdk-${stage}-`));
  try {
    const app = new App({
      outdir,
      context: {
        ...cdkJson.context,
        stage,
        jwtIssuer: JWT_ISSUER,
        jwtAudience: JWT_AUDIENCE,
        ...extraContext,
        'aws:cdk:bundling-stacks': [],
      },
    });
    const stackName = stackNameFor(stage);
    const stack = new LegalAidStack(app, stackName, configFromContext(app.node));
    enableNagChecks(app);
    // Throws if cdk-nag reports an error that is not acknowledged.
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { properties: Json }> };
    const artifact = assembly.getStackArtifact(stack.artifactId);
    const template = Template.fromJSON(artifact.template as Json);
    const messages = artifact.messages.map((m) => ({ level: String(m.level), text: String(m.entry.data), path: m.id }));
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const resource = (logicalId: string): Resource => {
      const found = resources[logicalId];
      if (!found) throw new Error(`no resource ${logicalId}`);
      return found;
    };
    return {
      app,
      stack,
      template,
      resources,
      report,
      messages,
      artifact: manifest.artifacts[stack.artifactId]!,
      idOf: (construct) => stack.resolve(stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement)) as string,
      resource,
      ofType: (type) => Object.entries(resources).filter(([, r]) => r.Type === type),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
