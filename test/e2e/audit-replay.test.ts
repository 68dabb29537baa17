import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE, projectionRules } from '../../events/routing.ts';
import { matchesPattern } from '../../events/event-pattern.ts';
import { replayEventsTable, type ReplayEntry } from '../../functions/lib/audit/replay.ts';
import { createBusEventApplier } from '../../functions/projections/apply-bus-event.ts';
import { createLocalQueues } from '../../infra/local/local-queues.ts';
import { createLocalBus, type BusEvent } from '../../infra/local/local-bus.ts';
import { createCaseStatusTable, type CaseStatusRecord } from '../../functions/lib/read-models/case-status-table.ts';
import { appendLifecycle } from '../support/audit-case.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';

// Replaying the whole event store through the projections, as a rebuild does: safe to repeat,
// marked as a replay, and able to rebuild a read model that was lost.

let stack: Awaited<ReturnType<typeof startTestStack>>;
const caseIds: string[] = [];
const reviewer = principal('agency-reviewer');

beforeAll(async () => {
  stack = await startTestStack('e2e-audit-replay');
  for (const size of [20, 5, 1]) {
    const created = await stack.request('POST', '/applications', {
      as: reviewer,
      body: applicationBody(),
      headers: { 'idempotency-key': newKey() },
    });
    const caseId = created.body.caseId as string;
    const [first] = await stack.store.readStream(`case#${caseId}`);
    await appendLifecycle({ client: stack.client, tableName: stack.eventsTable, caseId, firstRecordedAt: first!.recordedAt, upTo: size });
    caseIds.push(caseId);
  }
  await stack.settle();
});
afterAll(async () => stack?.stop());

const records = async (): Promise<(CaseStatusRecord | null)[]> => {
  const table = createCaseStatusTable({ client: stack.client, tableName: stack.readModelsTable });
  return Promise.all(caseIds.map((id) => table.get(id, { consistent: true })));
};

const replay = async (replayName: string) => {
  const delivered = stack.bus.stats.delivered;
  const report = await replayEventsTable({
    events: { client: stack.client, tableName: stack.eventsTable },
    bus: stack.bus,
    replayName,
    segments: 3,
  });
  await stack.bus.idle();
  // Delivered into the projections' queues; applied once each queue is drained.
  await Promise.all(stack.eventSources.map((e) => e.idle()));
  return { report, deliveredNow: stack.bus.stats.delivered - delivered };
};

describe('replaying the event store through the projections', () => {
  it('puts every event on the bus, and twice over leaves the case-status read model unchanged', async () => {
    const before = await records();
    expect(before.map((r) => r?.version)).toEqual([20, 5, 1]);

    const first = await replay('audit-replay-1');
    expect(first.report).toMatchObject({ replayName: 'audit-replay-1', streams: 3, events: 26, unreadable: [], failed: [] });
    // Each event reached every projection whose rule matches it: case-status takes every case event,
    // quality and funding the types they show (events/routing.ts).
    const stored = (await Promise.all(caseIds.map((id) => stack.store.readStream(`case#${id}`)))).flat();
    const deliveries = stored.flatMap((e) =>
      projectionRules.filter((r) => matchesPattern(r.pattern, { source: EVENT_SOURCE, 'detail-type': e.type, detail: e })),
    );
    expect(deliveries.filter((r) => r.projection === 'case-status')).toHaveLength(26);
    expect(first.deliveredNow).toBe(deliveries.length);
    expect(await records()).toEqual(before);

    const second = await replay('audit-replay-2');
    expect(second.deliveredNow).toBe(deliveries.length);
    expect(await records()).toEqual(before);
  });

  it('rebuilds a lost read-model record exactly as it was', async () => {
    const before = await records();
    await stack.client.send(
      new DeleteItemCommand({ TableName: stack.readModelsTable, Key: { pk: { S: `case#${caseIds[0]!}` }, sk: { S: 'status' } } }),
    );
    expect((await records())[0]).toBeNull();
    await replay('audit-rebuild');
    expect(await records()).toEqual(before);
  });

  it('marks every put as a replay and keeps each stream in version order', async () => {
    const calls: { entries: ReplayEntry[]; replayName: string | undefined }[] = [];
    const recordingBus = {
      busName: 'recording-bus',
      putEvents: (entries: readonly ReplayEntry[], { replayName }: { replayName?: string }) => {
        calls.push({ entries: [...entries], replayName });
        return entries.map((_, i) => ({ EventId: String(i) }));
      },
    };
    const report = await replayEventsTable({
      events: { client: stack.client, tableName: stack.eventsTable },
      bus: recordingBus,
      replayName: 'marked',
    });
    expect(report.events).toBe(26);
    expect(calls.every((c) => c.replayName === 'marked' && c.entries.length <= 10)).toBe(true);
    const details = calls.flatMap((c) => c.entries).map((e) => JSON.parse(e.Detail) as { stream: string; version: number });
    for (const id of caseIds) {
      const versions = details.filter((d) => d.stream === `case#${id}`).map((d) => d.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(versions.length).toBeGreaterThan(0);
    }
    expect(calls[0]!.entries[0]).toMatchObject({ EventBusName: 'recording-bus', Source: 'legal-aid.event-store' });
  });

  it('reaches the projection, through the deployed rule patterns, as an EventBridge replay (`replay-name`)', async () => {
    const seen: BusEvent[] = [];
    const projection = createBusEventApplier('case-status', {
      store: stack.store,
      readModels: { client: stack.client, tableName: stack.readModelsTable },
      logger: new Logger({ serviceName: 'observed-projection', logLevel: 'CRITICAL' }),
    });
    const outcomes: unknown[] = [];
    const bus = createLocalBus({
      busName: 'observed-bus',
      region: 'cn-north-1',
      deadLetters: createLocalQueues({ region: 'cn-north-1' }),
      // The case-status rule only: it is that projection this test watches.
      rules: projectionRules
        .filter((r) => r.projection === 'case-status')
        .map((r) => ({
          name: r.projection,
          pattern: r.pattern,
          deadLetterQueue: `${r.projection}-dlq`,
          target: async (event: BusEvent) => {
            seen.push(event);
            outcomes.push((await projection(event)).outcome);
          },
        })),
    });
    await replayEventsTable({ events: { client: stack.client, tableName: stack.eventsTable }, bus, replayName: 'observed' });
    await bus.idle();
    expect(seen).toHaveLength(26);
    expect(seen.every((e) => e['replay-name'] === 'observed')).toBe(true);
    // Everything was applied already: the projection skipped every replayed event.
    expect(new Set(outcomes)).toEqual(new Set(['duplicate']));
  });
});
