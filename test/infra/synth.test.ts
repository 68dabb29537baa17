import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ValidationReport } from './support/synth-stage.ts';

// The real CLI, bundling with the local esbuild and checking with cdk-nag: offline, no Docker, no AWS
// credentials. One run per stage; prod needs a real (non-placeholder) issuer.
const outs: string[] = [];
afterAll(() => outs.forEach((out) => rmSync(out, { recursive: true, force: true })));

const synth = async (stage: string, context: readonly string[]) => {
  const out = mkdtempSync(join(tmpdir(), `cdk-out-${stage}-`));
  outs.push(out);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', CDK_DISABLE_VERSION_CHECK: '1' };
  await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '--output', out, ...context.flatMap((c) => ['-c', c])], {
    env,
    timeout: 170_000,
  });
  return out;
};

const stages = [
  ['dev', []],
  ['prod', ['stage=prod', 'jwtIssuer=https://issuer.example.cn/']],
] as const;
// Both runs at once: each is mostly esbuild and the CLI waiting on the app.
let outdirs: Promise<Map<string, string>> | undefined;
const outFor = async (stage: string) => {
  outdirs ??= Promise.all(stages.map(async ([s, context]) => [s, await synth(s, context)] as const)).then((pairs) => new Map(pairs));
  return (await outdirs).get(stage)!;
};

describe.each(stages)('cdk synth, stage %s', (stage) => {
  it('writes a template with every function bundled, and cdk-nag finds nothing open', { timeout: 180_000 }, async () => {
    const out = await outFor(stage);
    const stackName = `LegalAid-${stage}`;
    const template = JSON.parse(readFileSync(join(out, `${stackName}.template.json`), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Runtime?: string; Code?: unknown } }>;
    };
    const functions = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs24.x',
    );
    expect(functions.length).toBeGreaterThanOrEqual(4);
    const assets = JSON.parse(readFileSync(join(out, `${stackName}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string } }>;
    };
    const bundles = Object.values(assets.files)
      .map((f) => join(out, f.source.path, 'index.mjs'))
      .filter(existsSync);
    expect(bundles.length).toBeGreaterThanOrEqual(4);

    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8')) as ValidationReport;
    const nag = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(nag?.conclusion).toBe('success');
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
    expect(nag?.suppressedViolations?.length).toBeGreaterThan(0);
  });
});
