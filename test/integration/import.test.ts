import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBatch } from '../../functions/api/imports/import-batch.ts';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { createKeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { requestHashKey } from '../../functions/lib/privacy/request-hash-key.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { createRegistrySource } from '../../functions/lib/registry/registry-source.ts';
import { loadSeed } from '../../functions/lib/registry/seed-loader.ts';
import { importedIdOf } from '../../functions/lib/import/record-ids.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { testTables } from '../support/dynamo.ts';
import { numbered, smallImport } from '../support/import-file.ts';

// The import engine in-process on DynamoDB Local, with sealing and the request-hash secret as the
// command Lambda has them: a small 2018 file, a forbidden record in it, a re-run, a dry run.

const NOW = Date.parse('2026-11-02T10:00:00+08:00');
let store: EventStore;
let deps: Parameters<typeof importBatch>[0];
const batch = { system: 'xh-legacy', batch: 'test-1', importedBy: 'admin-zhou' };

beforeAll(async () => {
  const t = await testTables('import');
  const keys = createKeyStore({ client: t.client, tableName: t.keysTableName, wrapper: localKeyWrapper(randomBytes(32)) });
  store = createEventStore({ client: t.client, tableName: t.eventsTableName, sealer: createPersonalSealer({ keys, catalogue }) });
  await loadSeed(store);
  deps = { store, clock: () => new Date(NOW), registry: createRegistrySource(store), keys, requestHashKey: requestHashKey(keys) };
});

describe('importing a small 2018 file', () => {
  it('stores every line of an allowed file, each event with its provenance and both times', async () => {
    const lines = numbered(smallImport());
    const { outcomes, summary } = await importBatch(deps, batch, lines);
    expect(outcomes.filter((o) => o.status !== 'accepted')).toEqual([]);
    expect(summary.accepted).toBe(lines.length);
    const events = await store.readStream(`case#${importedIdOf('xh-legacy', 'C2018-0001')}`);
    expect(events.map((e) => e.type)).toContain('AidWorkerAssigned');
    for (const e of events) {
      expect(e.provenance).toMatchObject({ system: 'xh-legacy', batch: 'test-1', importedBy: 'admin-zhou' });
      expect(e.occurredAt.startsWith('2018-')).toBe(true);
      expect(e.recordedAt.startsWith('2026-')).toBe(true);
      expect(e.lateEntry).toBeUndefined();
    }
  });
});
