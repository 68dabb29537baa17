import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The real CLI, bundling with the local esbuild: offline, no Docker, no AWS credentials.
const out = mkdtempSync(join(tmpdir(), 'cdk-out-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('cdk synth', () => {
  it('writes a template with every function bundled', { timeout: 120_000 }, async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', CDK_DISABLE_VERSION_CHECK: '1' };
    await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '--output', out], { env, timeout: 110_000 });
    const template = JSON.parse(readFileSync(join(out, 'LegalAid-dev.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { Runtime?: string; Code?: unknown } }> };
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs24.x');
    expect(functions.length).toBeGreaterThanOrEqual(4);
    const assets = JSON.parse(readFileSync(join(out, 'LegalAid-dev.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string } }> };
    const bundles = Object.values(assets.files).map((f) => join(out, f.source.path, 'index.mjs')).filter(existsSync);
    expect(bundles.length).toBeGreaterThanOrEqual(4);
  });
});
