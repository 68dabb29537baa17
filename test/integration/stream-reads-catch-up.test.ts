import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isErasureEvent } from '../../domain/privacy/erased-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { VersionConflictError } from '../../functions/lib/event-store/errors.ts';
import { createEventStore, type AppendMeta } from '../../functions/lib/event-store/event-store.ts';
import { createStreamReads } from '../../functions/lib/stream-reads.ts';
import { testTables } from '../support/dynamo.ts';

// A command's reads see what a stream gained after a clash as they saw its first read: the runner's
// guard refuses a stream erased in between (command-runner.ts), and the sealer's cached keys rely on
// nothing being appended after an erasure (sealer.ts).

const meta = (): AppendMeta => ({
  actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
  workstation: null,
  correlationId: randomUUID(),
});
const event = (type: string) => ({ type, schemaVersion: 1, data: { recordKind: 'case' } });

describe('catching up after a clash', () => {
  it('shows each stream read whole or by its newest event what it gained, so an erasure in between refuses', async () => {
    const tables = await testTables('reads-catch-up');
    const store = createEventStore({ client: tables.client, tableName: tables.eventsTableName });
    const [whole, newest] = [`case#${randomUUID()}`, `case#${randomUUID()}`];
    for (const s of [whole, newest]) await store.append(s, 0, [event('ApplicationWithdrawn')], meta());

    const seen: string[] = [];
    const reads = createStreamReads(store, [], (stream: string, envelopes: readonly EventEnvelope[]) => {
      seen.push(`${stream}@${envelopes.length}`);
      if (envelopes.some(isErasureEvent)) throw new Error(`${stream} was erased`);
    });
    await reads.events(whole);
    await reads.newest(newest);
    for (const s of [whole, newest]) await store.append(s, 1, [event('PersonalDataErased')], meta());

    await expect(reads.catchUp([whole], new VersionConflictError(whole, 1, 2))).rejects.toThrow(`${whole} was erased`);
    await expect(reads.catchUp([newest], new VersionConflictError(newest, 1, 2))).rejects.toThrow(`${newest} was erased`);
    expect(seen).toEqual([`${whole}@1`, `${newest}@1`, `${whole}@2`, `${newest}@1`]);
  });
});
