import { beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { people } from '../support/recorded-history.ts';
import { problemOf } from '../support/problem.ts';

// A retry gets its first answer, also when its business time has meanwhile become a late entry: a
// receipt sent 30 minutes after it happened (within the tolerance, no reason needed) and retried an
// hour later under the same key is the same receipt, not a late entry without a reason. A new
// request with the same body at that time is refused. The command API in-process, under a clock this
// test moves; DynamoDB Local.

const MINUTE = 60_000;
let store: EventStore;
let now = Date.parse('2026-11-02T10:00:00+08:00');
let call: ReturnType<typeof inProcessCommands>;

beforeAll(async () => {
  const t = await testTables('business-time-retry');
  store = createEventStore({ client: t.client, tableName: t.eventsTableName, clock: () => new Date(now) });
  call = inProcessCommands({ store, clock: () => new Date(now) });
});

describe('a retry whose business time has since become late', () => {
  it('opening: the retry is answered from its first events; a new request is refused 422', async () => {
    const body = applicationBody({ receivedAt: new Date(now - 30 * MINUTE).toISOString() });
    const first = await call(people.reviewer, '/applications', body, 'bt-retry-open');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    now += 60 * MINUTE;
    const retry = await call(people.reviewer, '/applications', body, 'bt-retry-open');
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body.caseId).toBe(first.body.caseId);
    expect(await store.readStream(`case#${first.body.caseId as string}`)).toHaveLength(1);
    const fresh = await call(people.reviewer, '/applications', body, 'bt-retry-other');
    expect(fresh.status).toBe(422);
    expect(problemOf(fresh.body)).toMatchObject({ code: 'LATE_ENTRY_REASON_REQUIRED', field: 'lateEntryReason' });
  });

  it('a command on a case: the retry is answered from its first events', async () => {
    const caseId = (await call(people.reviewer, '/applications', applicationBody())).body.caseId as string;
    // Its business time 30 minutes before the request and after the receipt: a timely entry.
    now += 40 * MINUTE;
    const body = {
      method: 'integrity-pledge',
      result: 'within-standard',
      reference: null,
      occurredAt: new Date(now - 30 * MINUTE).toISOString(),
    };
    const first = await call(people.reviewer, `/cases/${caseId}/means-assessment`, body, 'bt-retry-case');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    now += 60 * MINUTE;
    const retry = await call(people.reviewer, `/cases/${caseId}/means-assessment`, body, 'bt-retry-case');
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.version).toBe(first.body.version);
    expect(await store.readStream(`case#${caseId}`)).toHaveLength(2);
  });
});
