import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { loadRegistry } from '../../functions/lib/registry/load-registry.ts';
import { testTables } from '../support/dynamo.ts';

// `npm run registry -- load`: how a stage's registry gets its roots and a province its first list,
// since nobody stands above a provincial department to register it over the API.

const dir = mkdtempSync(join(tmpdir(), 'registry-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let tables: Awaited<ReturnType<typeof testTables>>;
beforeAll(async () => {
  tables = await testTables('registry-cli');
});

const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        'scripts/registry.ts',
        'load',
        '--endpoint',
        tables.endpoint,
        '--table',
        tables.eventsTableName,
        ...args,
      ],
      { cwd: process.cwd(), env: { ...process.env, DYNAMODB_ENDPOINT: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

const register = (organisationId: string, kind: string, parentId: string | null, divisionCode: string) => ({
  organisationId,
  key: `jiangsu:${organisationId}:register`,
  command: {
    type: 'RegisterOrganisation',
    data: { organisationId, kind, name: organisationId, parentId, divisionCode, validFrom: '2000-01-01', contacts: [] },
  },
});
const file = (name: string, entries: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(entries));
  return path;
};
const registry = async () => (await loadRegistry(createEventStore({ client: tables.client, tableName: tables.eventsTableName }))).registry;

describe('loading organisations from a file', () => {
  const jiangsu = [
    register('justice-department:js', 'provincial-department', null, '320000'),
    register('justice-bureau:nj', 'city-bureau', 'justice-department:js', '320100'),
    register('agency:nj-city', 'legal-aid-agency', 'justice-bureau:nj', '320100'),
  ];

  it('appends each change through the decider, and a second load appends nothing', async () => {
    const path = file('jiangsu.json', jiangsu);
    const first = await run(['--file', path]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('3 changes appended, 0 already there');
    const again = await run(['--file', path]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 changes appended, 3 already there');
    const r = await registry();
    expect(r.provinceOf('agency:nj-city', '2026-12-01')).toBe('justice-department:js');
    expect(r.get('agency:nj-city')?.kind).toBe('legal-aid-agency');
  });

  it('refuses a file with an invalid entry before writing anything: exit 2 naming the entry and the field', async () => {
    const bad = [
      register('justice-bureau:sz', 'city-bureau', 'justice-department:js', '320500'),
      register('agency:sz-city', 'legal-aid-agency', 'justice-bureau:sz', '32O500'),
    ];
    const r = await run(['--file', file('bad.json', bad)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/entry 1 at command\.data\.divisionCode/);
    expect((await registry()).get('justice-bureau:sz')).toBeNull();
  });

  it('stops at a change the decider refuses (exit 1, naming it and why); the changes before it stay, and a fixed file goes on', async () => {
    const orphan = [
      register('justice-bureau:wx', 'city-bureau', 'justice-department:js', '320200'),
      register('agency:wx-city', 'legal-aid-agency', 'justice-bureau:nowhere', '320200'),
    ];
    const refused = await run(['--file', file('orphan.json', orphan)]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/REFUSED jiangsu:agency:wx-city:register \(agency:wx-city, RegisterOrganisation\): PARENT_\w+/);
    expect((await registry()).get('justice-bureau:wx')?.kind).toBe('city-bureau');
    expect((await registry()).get('agency:wx-city')).toBeNull();

    const fixed = [orphan[0], register('agency:wx-city', 'legal-aid-agency', 'justice-bureau:wx', '320200')];
    const resumed = await run(['--file', file('fixed.json', fixed)]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('1 changes appended, 1 already there');
  });

  it('takes exactly one source and answers a usage error with exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--seed', '--file', 'x.json'])).code).toBe(2);
  });
});
