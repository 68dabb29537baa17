import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldCase, prefixAt } from '../../functions/lib/audit/fold.ts';
import { diffJson } from '../../functions/lib/audit/json-diff.ts';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { appendLifecycle } from '../support/audit-case.ts';
import { applicationBody } from '../support/fixtures.ts';
import { testTables } from '../support/dynamo.ts';

// The diff of two folded states of a case read from DynamoDB: the fold is the decider's, the diff
// knows no field names.

let store: EventStore;
let tables: Awaited<ReturnType<typeof testTables>>;
let events: Awaited<ReturnType<EventStore['readStream']>>;

beforeAll(async () => {
  tables = await testTables('audit-diff');
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName, clock: () => new Date('2026-02-01T00:00:00Z') });
  const caseId = randomUUID();
  const { applicant, ...rest } = applicationBody();
  const definition = catalogue.get('ApplicationReceived')!;
  const data = definition.schema.parse({ ...rest, applicant, caseId, receivedAt: '2026-01-01T09:00:00+08:00' }) as Record<string, unknown>;
  await store.append(`case#${caseId}`, 0, [{ type: 'ApplicationReceived', schemaVersion: definition.version, data }], {
    actor: { id: 'reviewer-hz-01', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
    workstation: 'agency-window-1',
    correlationId: 'c-1',
  });
  await appendLifecycle({
    client: tables.client,
    tableName: tables.eventsTableName,
    caseId,
    firstRecordedAt: '2026-02-01T00:00:00Z',
    upTo: 20,
  });
  events = await store.readStream(`case#${caseId}`);
});

const stateAt = (version: number) => foldCase(prefixAt(events, { version }));

describe('diff of two versions of a case folded from the store', () => {
  it('names what a grant changed, and nothing else', () => {
    expect(diffJson(stateAt(4), stateAt(5))).toEqual([
      { path: '/assignmentDueFrom', op: 'changed', before: null, after: '2026-01-05T10:00:00+08:00' },
      { path: '/review/decidedAt', op: 'changed', before: null, after: '2026-01-05T10:00:00+08:00' },
      { path: '/review/decision', op: 'changed', before: 'pending', after: 'granted' },
      // The first decision's time, kept through a correction order's re-decision (the review deadline was met or not by it).
      { path: '/review/firstDecidedAt', op: 'changed', before: null, after: '2026-01-05T10:00:00+08:00' },
      { path: '/review/legalBasis', op: 'changed', before: null, after: '《法律援助法》第三十一条、第四十三条' },
      { path: '/status', op: 'changed', before: 'under-review', after: 'awaiting-assignment' },
    ]);
  });

  it('goes into arrays: a materials request added, then completed', () => {
    expect(diffJson(stateAt(1), stateAt(2))).toEqual([
      {
        path: '/review/requests/0',
        op: 'added',
        after: {
          requestedAt: '2026-01-02T10:00:00+08:00',
          items: ['收入证明', '劳动合同'],
          outstanding: ['收入证明', '劳动合同'],
          completedAt: null,
        },
      },
    ]);
    expect(diffJson(stateAt(2), stateAt(3))).toEqual([
      { path: '/review/requests/0/completedAt', op: 'changed', before: null, after: '2026-01-03T10:00:00+08:00' },
      { path: '/review/requests/0/outstanding/0', op: 'removed', before: '收入证明' },
      { path: '/review/requests/0/outstanding/1', op: 'removed', before: '劳动合同' },
    ]);
  });

  it('is empty between a version and itself, and covers every step over a span', () => {
    expect(diffJson(stateAt(9), stateAt(9))).toEqual([]);
    const span = diffJson(stateAt(0), stateAt(20));
    expect(span.find((c) => c.path === '/status')).toEqual({ path: '/status', op: 'changed', before: 'none', after: 'archived' });
    expect(span.find((c) => c.path === '/handling/progressReports')).toEqual({
      path: '/handling/progressReports',
      op: 'changed',
      before: 0,
      after: 3,
    });
  });

  it('folds version 0 to the initial state and a version beyond the end to the whole stream', () => {
    expect(prefixAt(events, { version: 0 })).toEqual([]);
    expect(prefixAt(events, { version: 99 })).toHaveLength(20);
  });
});
