import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// The layer rules (.dependency-cruiser.cjs), as `npm run lint` runs them: each planted wrong-way
// import, in a throwaway tree laid out like this one, fails the check with the rule's name.

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const config = join(repo, '.dependency-cruiser.cjs');

let tree: string | null = null;
afterEach(async () => {
  if (tree) await rm(tree, { recursive: true, force: true });
  tree = null;
});

/** Writes the files into a fresh temporary tree and runs the check over it: its exit code and what it printed. */
const check = async (files: Record<string, string>) => {
  tree = await mkdtemp(join(tmpdir(), 'layer-rules-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(tree, path)), { recursive: true });
    await writeFile(join(tree, path), text);
  }
  const dirs = [...new Set(Object.keys(files).map((p) => p.split('/')[0]!))];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '--config', config, ...dirs], { cwd: tree });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
};

const module = (...imports: string[]) => `${imports.map((i, n) => `import { x${n} } from '${i}';`).join('\n')}\nexport const x = 1;\n`;
const leaf = 'export const x0 = 1;\nexport const x1 = 1;\n';

describe('the layer rules', () => {
  it('pass a tree whose imports run the right way', async () => {
    const { code, output } = await check({
      'events/envelope.ts': leaf,
      'domain/decider.ts': module('../events/envelope.ts'),
      'functions/lib/table-env.ts': module('../../events/envelope.ts'),
      'functions/api/commands.ts': module('../lib/table-env.ts', '../../domain/decider.ts'),
      'infra/stack.ts': module('../functions/lib/table-env.ts'),
    });
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  });

  it.each([
    ['domain-imports-only-events', { 'domain/decider.ts': module('../functions/lib/store.ts'), 'functions/lib/store.ts': leaf }],
    ['events-import-only-events', { 'events/envelope.ts': module('../domain/state.ts'), 'domain/state.ts': leaf }],
    [
      'functions-never-import-infra',
      { 'functions/lib/aws-clients.ts': module('../../infra/definitions/tables.ts'), 'infra/definitions/tables.ts': leaf },
    ],
    [
      'infra-local-never-imported-by-functions',
      { 'functions/rebuild/rebuild.ts': module('../../infra/local/event-pattern.ts'), 'infra/local/event-pattern.ts': leaf },
    ],
    [
      'functions-lib-never-imports-api-or-projections',
      { 'functions/lib/rebuild.ts': module('../projections/registry.ts'), 'functions/projections/registry.ts': leaf },
    ],
    [
      'clients-stand-alone',
      { 'clients/typescript/src/client.ts': module('../../../functions/api/routes.ts'), 'functions/api/routes.ts': leaf },
    ],
    ['no-circular', { 'domain/a.ts': module('./b.ts'), 'domain/b.ts': module('./a.ts') }],
  ])('fail on a planted wrong-way import, naming the rule %s', async (rule, files) => {
    const { code, output } = await check(files);
    expect(code).not.toBe(0);
    expect(output).toContain(`error ${rule}:`);
  });
});
