import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationCommand } from '../../domain/organisation/commands.ts';
import { DomainError } from '../../domain/errors.ts';
import { organisationStream, registryIndexStream } from '../../domain/streams.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { createPlanRunner } from '../../functions/lib/command-runner.ts';
import { createEventStore, type AppendMeta, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { loadRegistry, type LoadedRegistry } from '../../functions/lib/registry/load-registry.ts';
import { runRegistryCommand } from '../../functions/lib/registry/registry-command.ts';
import { registryCommandPlan } from '../../functions/lib/registry/registry-plan.ts';
import { createRegistrySource, type RegistrySource } from '../../functions/lib/registry/registry-source.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { testTables } from '../support/dynamo.ts';

// Registry commands through the one command runner (registry-plan.ts): the organisation's events
// and the index entry in one transaction, retries answered from the first copy, and no decision on
// a snapshot older than the index head it appends at.

const actor: AppendMeta['actor'] = { id: 'admin-hz-city', role: 'administrator', organisation: 'justice-bureau:hz' };
const meta = (key?: string): AppendMeta => ({
  actor,
  workstation: null,
  correlationId: randomUUID(),
  ...(key ? { idempotency: { key, requestHash: 'b'.repeat(64) } } : {}),
});
const station = (organisationId: string, parentId: string, divisionCode = '330108'): OrganisationCommand => ({
  type: 'RegisterOrganisation',
  data: {
    organisationId,
    kind: 'township-workstation',
    name: '测试工作站',
    parentId,
    divisionCode,
    validFrom: '2026-06-01',
    contacts: [],
  },
});

let store: EventStore;
let runner: ReturnType<typeof createPlanRunner>;
beforeAll(async () => {
  const tables = await testTables('registry-plan');
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName });
  runner = createPlanRunner({ store, catalogue });
  await loadSeed(store);
}, 120_000);

const plan = (source: RegistrySource, organisationId: string, command: OrganisationCommand, m = meta()) =>
  registryCommandPlan({ source, organisationId, command, meta: m, authorise: () => {} });

describe('a registry command on the plan runner', () => {
  it('writes its events and one index entry naming it, in one transaction, each chain intact', async () => {
    const before = (await store.readStream(registryIndexStream)).length;
    const outcome = await runner.execute(
      plan(createRegistrySource(store), 'workstation:hz-binjiang-a', station('workstation:hz-binjiang-a', 'agency:hz-binjiang')),
    );
    expect(outcome.events.map((e) => e.type)).toEqual(['OrganisationRegistered']);
    expect(outcome.events[0]!.occurredAt).toBe('2026-06-01T00:00:00+08:00');
    const index = await store.readStream(registryIndexStream);
    expect(index).toHaveLength(before + 1);
    expect(index.at(-1)!.data).toEqual({ organisationId: 'workstation:hz-binjiang-a', types: ['OrganisationRegistered'] });
    expect(verifyChain(index)).toBeNull();
    expect((await loadRegistry(store)).registry.parentOf('workstation:hz-binjiang-a', '2026-06-01')).toBe('agency:hz-binjiang');
  });

  it('answers a retry under the same key from the first copy, writing nothing more to either stream', async () => {
    const source = createRegistrySource(store);
    const rename: OrganisationCommand = { type: 'RenameOrganisation', data: { name: '长河法律援助工作站', effectiveFrom: '2026-07-01' } };
    const first = await runner.execute(plan(source, 'workstation:hz-binjiang-a', rename, meta('rename-binjiang-a-1')));
    const indexAfterFirst = (await store.readStream(registryIndexStream)).length;
    const again = await runner.execute(plan(source, 'workstation:hz-binjiang-a', rename, meta('rename-binjiang-a-1')));
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await store.readStream(registryIndexStream)).toHaveLength(indexAfterFirst);
    expect(await store.readStream(organisationStream('workstation:hz-binjiang-a'))).toHaveLength(2);
  });

  it('never decides on a snapshot older than the index head: a stale copy handed out is replaced before deciding', async () => {
    const stale = await loadRegistry(store);
    // The agency closes after the stale snapshot was taken...
    await runRegistryCommand(
      store,
      stale,
      'agency:hz-yuhang',
      { type: 'CloseOrganisation', data: { reason: '机构调整', effectiveFrom: '2026-05-01' } },
      meta(),
    );
    // ...and a source hands out that stale snapshot first (a refresh begun before the index was read).
    let calls = 0;
    const fresh = createRegistrySource(store);
    const lagging: RegistrySource = { current: async (): Promise<LoadedRegistry> => (calls++ === 0 ? stale : fresh.current()) };
    const error = await runner
      .execute(plan(lagging, 'workstation:hz-yuhang-1', station('workstation:hz-yuhang-1', 'agency:hz-yuhang', '330110')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PARENT_NOT_OPEN');
    expect(calls).toBeGreaterThan(1);
    expect(await store.readStream(organisationStream('workstation:hz-yuhang-1'))).toHaveLength(0);
  });
});
