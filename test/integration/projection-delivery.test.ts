import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventEnvelope } from '../../events/envelope.ts';
import { EVENT_SOURCE, projectionNames, projectionRules, type ProjectionName } from '../../events/routing.ts';
import { readModelsTable } from '../../infra/definitions/tables.ts';
import { ensureTables, localTableName } from '../../infra/local/create-tables.ts';
import { matchesPattern } from '../../events/event-pattern.ts';
import { scanRawStreams } from '../../functions/lib/audit/raw-events.ts';
import { fromItem } from '../../functions/lib/event-store/item-codec.ts';
import type { EventStore } from '../../functions/lib/event-store/event-store.ts';
import { dropProjections, rebuildProjections } from '../../functions/rebuild/rebuild.ts';
import { createBusEventApplier } from '../../functions/projections/apply-bus-event.ts';
import { testTables } from '../support/dynamo.ts';
import { AGENCY, recordHistory, type RecordedHistory } from '../support/recorded-history.ts';
import { withProblem } from '../support/problem.ts';

// Delivery semantics: one recorded history (through the real command API) delivered to the
// three projections as EventBridge would — in order; shuffled, several at once; shuffled with every
// event delivered one to three times — gives the same read models each time, and the same as a
// rebuild from the event store. Events reach each projection only through its rule's pattern.

type Items = Record<string, Record<string, unknown>>;

let client: Awaited<ReturnType<typeof testTables>>['client'];
let prefix: string;
let eventsTableName: string;
let history: RecordedHistory;
let events: EventEnvelope[];

const logger = new Logger({ serviceName: 'delivery-test', logLevel: 'CRITICAL' });

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
const shuffled = <T>(xs: readonly T[], seed: number): T[] => {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

const newReadModels = async (label: string) => {
  await ensureTables(client, `${prefix}${label}-`, [readModelsTable]);
  return { client, tableName: localTableName(`${prefix}${label}-`, readModelsTable) };
};

/** The projection handlers, as the local bus calls them, writing to one read-models table. */
const busInto = (store: EventStore, tableName: string) => {
  const targets = Object.fromEntries(
    projectionNames.map((p) => [p, createBusEventApplier(p, { store, readModels: { client, tableName }, logger })]),
  ) as Record<ProjectionName, (event: unknown) => Promise<unknown>>;
  return async (e: EventEnvelope) => {
    const busEvent = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': e.type,
      source: EVENT_SOURCE,
      account: '000000000000',
      time: e.recordedAt,
      region: 'local',
      resources: [],
      detail: e,
    };
    for (const rule of projectionRules) if (matchesPattern(rule.pattern, busEvent)) await targets[rule.projection](busEvent);
  };
};

const deliver = async (envelopes: readonly EventEnvelope[], tableName: string, concurrency = 1) => {
  const send = busInto(history.store, tableName);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < envelopes.length) await send(envelopes[next++]!);
    }),
  );
};

const itemsOf = async (tableName: string): Promise<Items> => {
  const items: Items = {};
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const raw of out.Items ?? []) {
      const item = unmarshall(raw);
      // A statistics counter that went up and down again holds 0 where events were applied one by one,
      // and is absent where they were folded at once (a gap, a rebuild): the same figure either way.
      if (String(item.pk).startsWith('statistics#counters#')) for (const [k, v] of Object.entries(item)) if (v === 0) delete item[k];
      items[`${String(item.pk)}|${String(item.sk)}`] = item;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
};

beforeAll(async () => {
  const t = await testTables('delivery');
  client = t.client;
  prefix = t.prefix;
  eventsTableName = t.eventsTableName;
  history = await recordHistory(client, eventsTableName);
  // In the order they were recorded (the publisher's order), across streams.
  events = [...(await scanRawStreams({ client, tableName: eventsTableName })).values()]
    .flat()
    .map((i) => fromItem(i))
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.stream.localeCompare(b.stream) || a.version - b.version);
}, 180_000);

describe('every projection under at-least-once, unordered delivery', () => {
  let inOrder: Items;

  it('in order: the three read models hold what the history says', { timeout: 120_000 }, async () => {
    expect(events.length).toBeGreaterThan(50);
    const table = await newReadModels('in-order');
    await deliver(events, table.tableName);
    inOrder = await itemsOf(table.tableName);
    const kinds = (p: string) => Object.keys(inOrder).filter((k) => k.startsWith(p)).length;
    // 7 cases (status + index each), 7 quality case items and 2 consultations, 7 funding cases, 2 subsidies, 3 funds.
    expect([
      kinds('case#'),
      kinds('quality#case#'),
      kinds('quality#consultation#'),
      kinds('funding#case#'),
      kinds('funding#subsidy#'),
      kinds('funding#fund#'),
    ]).toEqual([14, 7, 2, 7, 2, 3]);
    const fund = (source: string) => inOrder[`funding#fund#${AGENCY}#2026#${source}|fund`]!.summary;
    // Case 1: labour mediation 1,500 yuan +10 % (file review 95, excellent); case 2: trial defence 3,000 yuan (Zhejiang 2026) −10 % (75, pass).
    expect(fund('local-budget')).toMatchObject({
      allocatedFen: 2_000_000,
      committedFen: 0,
      paidFen: 165_000 + 270_000,
      remainingFen: 2_000_000 - 435_000,
    });
    expect(fund('central-lottery-fund')).toMatchObject({ allocatedFen: 300_000, committedFen: 0, paidFen: 0, remainingFen: 300_000 });
    expect(fund('provincial-fund')).toMatchObject({ allocatedFen: 50_000, committedFen: 0, paidFen: 0 });
    expect(withProblem(history.refusedPayment)).toMatchObject({ status: 409, body: { code: 'FUND_ALLOCATION_EXCEEDED', rule: 'Art 4' } });
    const [, c2, c3] = history.caseIds;
    const q2 = inOrder[`quality#case#${c2}|case`]!.record as { deadlines: { key: string; overdue: boolean }[]; missingChecks: string[] };
    expect(q2.deadlines.find((d) => d.key === 'notification-assignment')).toMatchObject({ overdue: true });
    expect(q2.missingChecks).toEqual([]);
    const q3 = inOrder[`quality#case#${c3}|case`]!.record as {
      deadlines: { key: string; overdue: boolean }[];
      complaints: { finding: string }[];
      workerId: string;
    };
    expect(q3).toMatchObject({ workerId: 'lawyer-chen', complaints: [{ finding: 'partly-substantiated' }] });
    expect(q3.deadlines.find((d) => d.key === 'forwarding')).toMatchObject({ overdue: true });
  });

  it('shuffled and delivered four at a time: the same read models', { timeout: 120_000 }, async () => {
    const table = await newReadModels('shuffled');
    await deliver(shuffled(events, 1), table.tableName, 4);
    expect(await itemsOf(table.tableName)).toEqual(inOrder);
  });

  it('shuffled with every event delivered one to three times: the same read models', { timeout: 120_000 }, async () => {
    const copies = events.flatMap((e, i) => Array.from({ length: 1 + (i % 3) }, () => e));
    expect(copies.length).toBeGreaterThan(events.length * 1.5);
    const table = await newReadModels('duplicates');
    await deliver(shuffled(copies, 2), table.tableName, 4);
    expect(await itemsOf(table.tableName)).toEqual(inOrder);
  });

  it('two instances of each projection, each with its own cache of last states, taking events in turn and some twice: the same read models', {
    timeout: 120_000,
  }, async () => {
    // An instance's cache goes stale whenever the other one applies the stream's next event; its next
    // in-order write must then lose to the newer state, and its reads fall back to the table.
    const table = await newReadModels('two-instances');
    const instances = [busInto(history.store, table.tableName), busInto(history.store, table.tableName)];
    const copies = events.flatMap((e, i) => (i % 4 === 0 ? [e, e] : [e]));
    for (const [i, e] of copies.entries()) await instances[i % 2]!(e);
    expect(await itemsOf(table.tableName)).toEqual(inOrder);
  });

  it('a rebuild from the event store gives the same read models; dropping one projection deletes only its items, and its rebuild restores them', {
    timeout: 120_000,
  }, async () => {
    const table = await newReadModels('rebuild');
    const report = await rebuildProjections({
      events: { client, tableName: eventsTableName },
      readModels: table,
      projections: projectionNames,
      selection: { totalSegments: 3, segments: [0, 1, 2] },
    });
    expect(report).toMatchObject({ events: events.length, unreadable: [] });
    expect(await itemsOf(table.tableName)).toEqual(inOrder);
    // Dropping one projection deletes only its own items; rebuilding it restores them.
    expect(await dropProjections({ readModels: table, projections: ['quality'] })).toBe(9);
    const dropped = await itemsOf(table.tableName);
    expect(Object.keys(dropped).some((k) => k.startsWith('quality#'))).toBe(false);
    expect(Object.keys(dropped)).toHaveLength(Object.keys(inOrder).length - 9);
    await rebuildProjections({ events: { client, tableName: eventsTableName }, readModels: table, projections: ['quality'] });
    expect(await itemsOf(table.tableName)).toEqual(inOrder);
  });

  it('npm run rebuild: the CLI drops and rebuilds all three into the local tables, with progress and events per second on stderr', {
    timeout: 120_000,
  }, async () => {
    // The script's own table names: `${prefix}events` (the history) and `${prefix}read-models`, first filled by a partial delivery.
    const own = localTableName(prefix, readModelsTable);
    await deliver(events.slice(0, 10), own);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        'scripts/rebuild.ts',
        'all',
        '--endpoint',
        inject('dynamoEndpoint'),
        '--prefix',
        prefix,
        '--segments',
        '3',
      ],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' }, timeout: 100_000 },
    );
    expect(stdout).toBe('');
    expect(stderr).toMatch(/deleted \d+ items/);
    expect(stderr).toMatch(new RegExp(`rebuilt ${projectionNames.join(', ')}: ${events.length} events, \\d+ streams .* — \\d+ events/s`));
    // Besides the read models, the table holds the run's leases (functions/rebuild/segment-lease.ts): every segment of both steps, done.
    const after = await itemsOf(own);
    const leases = Object.entries(after).filter(([key]) => key.startsWith('rebuild#'));
    expect(leases.map(([, lease]) => lease.status)).toEqual(Array(2 * 3 * projectionNames.length).fill('done'));
    expect(Object.fromEntries(Object.entries(after).filter(([key]) => !key.startsWith('rebuild#')))).toEqual(inOrder);
    const bad = await promisify(execFile)(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      'scripts/rebuild.ts',
      'no-such-projection',
      '--endpoint',
      inject('dynamoEndpoint'),
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('no projection no-such-projection') });
  });

  it('the comparison can tell: losing the last event of one stream gives different read models', { timeout: 120_000 }, async () => {
    const lastPayment = events.filter((e) => e.type === 'SubsidyPaid').at(-1)!;
    const table = await newReadModels('lossy');
    await deliver(
      shuffled(
        events.filter((e) => e !== lastPayment),
        3,
      ),
      table.tableName,
      4,
    );
    const lossy = await itemsOf(table.tableName);
    expect(lossy).not.toEqual(inOrder);
    const key = `funding#subsidy#${lastPayment.stream.slice('subsidy#'.length)}|subsidy`;
    expect(lossy[key]).toMatchObject({ version: lastPayment.version - 1, state: { status: 'approved' } });
  });
});
