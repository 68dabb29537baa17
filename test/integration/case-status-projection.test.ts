import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { createCaseStatusTable, type CaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { applyToCaseStatus } from '../../functions/projections/case-status.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';

let store: EventStore;
let caseStatus: CaseStatusTable;
beforeAll(async () => {
  const t = await testTables('case-status');
  store = createEventStore({ client: t.client, tableName: t.eventsTableName });
  caseStatus = createCaseStatusTable({ client: t.client, tableName: t.readModelsTableName });
});

const meta = { actor: { id: 'r', role: 'agency-reviewer', organisation: 'agency:hz-xihu' }, workstation: null, correlationId: 'c' };

const openCase = async () => {
  const caseId = randomUUID();
  const { events } = await store.append(
    `case#${caseId}`,
    0,
    [{ type: 'ApplicationReceived', schemaVersion: 1, data: { ...applicationBody(), caseId, receivedAt: '2026-03-02T01:00:00.000Z' } }],
    meta,
  );
  return { caseId, event: events[0]! };
};

describe('case-status projection delivery semantics', () => {
  it('applies an event once and skips its duplicates', async () => {
    const { caseId, event } = await openCase();
    expect(await applyToCaseStatus({ store, caseStatus }, event)).toBe('applied');
    expect(await applyToCaseStatus({ store, caseStatus }, event)).toBe('duplicate');
    expect(await caseStatus.get(caseId, { consistent: true })).toMatchObject({ version: 1, state: { status: 'under-review', caseId } });
  });

  it('gives the same record whatever the delivery order: racing copies never move it back', async () => {
    const { caseId, event } = await openCase();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => applyToCaseStatus({ store, caseStatus }, event)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    const record = await caseStatus.get(caseId, { consistent: true });
    expect(record).toMatchObject({ version: 1, updatedAt: event.recordedAt });
  });
});
