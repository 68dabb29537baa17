import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCommands } from '../../domain/organisation/seed.ts';
import { organisationStream, registryIndexStream } from '../../domain/streams.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { VersionConflictError } from '../../functions/lib/event-store/errors.ts';
import { createEventStore, type AppendMeta, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { loadRegistry } from '../../functions/lib/registry/load-registry.ts';
import { runRegistryCommand } from '../../functions/lib/registry/registry-command.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { DomainError } from '../../domain/errors.ts';
import { testTables } from '../support/dynamo.ts';

const TODAY = '2026-12-01';
const bureauAdmin: AppendMeta['actor'] = { id: 'bureau-officer-wu', role: 'administrator', organisation: 'justice-bureau:hz-binjiang' };
const meta = (): AppendMeta => ({ actor: bureauAdmin, workstation: null, correlationId: randomUUID() });

let store: EventStore;
beforeAll(async () => {
  const tables = await testTables('registry');
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName });
});

describe('the registry in the event store', () => {
  it('seeds once, however often the seed is loaded', async () => {
    const first = await loadSeed(store);
    expect(first).toMatchObject({ appended: seedCommands.length, skipped: 0 });
    const second = await loadSeed(store);
    expect(second).toMatchObject({ appended: 0, skipped: seedCommands.length });
    const index = await store.readStream(registryIndexStream);
    expect(index).toHaveLength(seedCommands.length);
    expect(verifyChain(index)).toBeNull();
    // One transaction per seed command: on a busy machine DynamoDB Local takes its time.
  }, 120_000);

  it('reloads from the store and answers the tree queries', async () => {
    const { registry } = await loadRegistry(store);
    const today = registry.asOf(TODAY);
    expect(today.bureauOver('agency:hz-xihu')).toBe('justice-bureau:hz-xihu');
    expect(today.provinceOf('detention-centre:hz-1')).toBe('justice-department:zj');
    expect(today.provinceOf('agency:huainan-fengtai')).toBe('justice-department:ah');
    expect(today.liesUnder('agency:hz-jianggan', 'justice-bureau:hz-shangcheng')).toBe(true);
    expect(registry.liesUnder('agency:hz-jianggan', 'justice-bureau:hz-jianggan', '2021-04-08')).toBe(true);
    expect(today.descendants('justice-department:ah', ['city-bureau']).sort()).toEqual([
      'justice-bureau:hf',
      'justice-bureau:huainan',
      'justice-bureau:wh',
    ]);
    const jianggan = await store.readStream(organisationStream('agency:hz-jianggan'));
    expect(jianggan.map((e) => e.type)).toEqual(['OrganisationRegistered', 'OrganisationMerged']);
    expect(jianggan[1]!.occurredAt).toBe('2021-04-09T00:00:00+08:00');
    expect(verifyChain(jianggan)).toBeNull();
  });

  it('serialises registry commands: two decided on one snapshot cannot both be stored', async () => {
    const snapshot = await loadRegistry(store);
    const close = await runRegistryCommand(
      store,
      snapshot,
      'agency:hz-binjiang',
      { type: 'CloseOrganisation', data: { reason: '机构调整', effectiveFrom: '2027-01-01' } },
      meta(),
    );
    expect(close.events.map((e) => e.type)).toEqual(['OrganisationClosed']);
    // Decided on the snapshot before the closing, a station under the closing agency would pass...
    const station = {
      type: 'RegisterOrganisation' as const,
      data: {
        organisationId: 'workstation:hz-binjiang-1',
        kind: 'township-workstation' as const,
        name: '长河街道工作站',
        parentId: 'agency:hz-binjiang',
        divisionCode: '330108',
        validFrom: '2026-06-01',
        contacts: [],
      },
    };
    await expect(runRegistryCommand(store, snapshot, 'workstation:hz-binjiang-1', station, meta())).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    // ...but the index moved, and decided again on the registry as it now is, it is refused.
    const error = await runRegistryCommand(store, await loadRegistry(store), 'workstation:hz-binjiang-1', station, meta()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PARENT_NOT_OPEN');
    const reloaded = await loadRegistry(store);
    expect(reloaded.registry.validity('agency:hz-binjiang', '2027-01-01')).toBe('closed');
    expect(reloaded.registry.get('workstation:hz-binjiang-1')).toBeNull();
  });

  it('answers a retry under the same key from the first copy, writing nothing', async () => {
    const loaded = await loadRegistry(store);
    const rename = { type: 'RenameOrganisation' as const, data: { name: '宁波市鄞州区公共法律服务中心', effectiveFrom: '2026-09-01' } };
    const once = { ...meta(), idempotency: { key: 'rename-yinzhou-1', requestHash: 'a'.repeat(64) } };
    const first = await runRegistryCommand(store, loaded, 'agency:nb-yinzhou', rename, once);
    const again = await runRegistryCommand(store, loaded, 'agency:nb-yinzhou', rename, once);
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await store.readStream(organisationStream('agency:nb-yinzhou'))).toHaveLength(2);
  });
});
