import {
  BatchWriteItemCommand,
  DescribeTableCommand,
  type AttributeValue,
  type DynamoDBClient,
  type ScanCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEnvelope } from '../../events/envelope.ts';
import { matchesPattern } from '../../events/event-pattern.ts';
import { EVENT_SOURCE, projectionRules, type ProjectionName } from '../../events/routing.ts';
import type { EventsTableRef } from '../lib/audit/raw-events.ts';
import { scanPages } from '../lib/dynamo-pages.ts';
import { fromItem } from '../lib/event-store/item-codec.ts';
import type { ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';
import { projectionModules, type ProjectionModule } from '../projections/registry.ts';

/** What a projection reads missing events from: here, the scanned segment instead of the store. */
type StreamReader = Parameters<ProjectionModule['apply']>[0]['store'];

// Rebuilding read models from the event store (events are the truth). Two steps, each by parallel
// Scan segments so that they can run in one process (scripts/rebuild.ts) or as one Lambda invocation
// per segment (functions/rebuild/rebuild.lambda.ts):
//
//  1. drop: delete the items the projections own (their pk prefixes, functions/lib/read-models/keys.ts)
//     and nothing else;
//  2. rebuild: scan the events table; a stream's items all lie in one segment (segments split the
//     partition-key space), so each segment is grouped per stream and sorted by version, and each
//     stream is applied through the projection's own apply function, exactly as the bus would have
//     delivered it: its last event that matches the projection's rule is applied, and the apply code
//     folds everything before it, in version order, from the scanned events (its gap-filling path).
//     A stream's events after the last matching one are not folded, just as live delivery never
//     folds them, so a rebuilt read model equals the live one.
//
// Live projections may keep running meanwhile: every item write is conditional on its version, so
// neither side can move a record backwards.

export type RebuildProgress = { segmentsDone: number; totalSegments: number; events: number; streams: number };

export type SegmentSelection = { totalSegments: number; segments: readonly number[] };

const allSegments = (totalSegments: number): SegmentSelection => ({
  totalSegments,
  segments: Array.from({ length: totalSegments }, (_, i) => i),
});

/** Runs `work` for each item with at most `limit` at once. */
const pool = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

/** A consistent Scan of one segment, page by page. */
const scanSegment = (
  client: DynamoDBClient,
  input: ScanCommandInput,
  onPage: (items: Record<string, AttributeValue>[]) => Promise<void> | void,
) => scanPages(client, { ...input, ConsistentRead: true }, onPage);

/** Deletes items in batches of 25, retrying what DynamoDB leaves unprocessed. */
const deleteKeys = async (client: DynamoDBClient, tableName: string, keys: Record<string, AttributeValue>[]) => {
  for (let i = 0; i < keys.length; i += 25) {
    let requests: WriteRequest[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = out.UnprocessedItems?.[tableName] ?? [];
      if (requests.length > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
    }
  }
};

/** Deletes every item the projections own in the selected segments of the read-models table; returns how many. */
export const dropProjections = async ({
  readModels,
  projections,
  selection = allSegments(4),
  concurrency = 4,
}: {
  readModels: ReadModelsTableRef;
  projections: readonly ProjectionName[];
  selection?: SegmentSelection;
  concurrency?: number;
}): Promise<number> => {
  const prefixes = [...new Set(projections.flatMap((p) => projectionModules[p].ownedPrefixes))];
  if (prefixes.length === 0) return 0;
  const values = Object.fromEntries(prefixes.map((p, i) => [`:p${i}`, { S: p }]));
  let deleted = 0;
  await pool(selection.segments, concurrency, (segment) =>
    scanSegment(
      readModels.client,
      {
        TableName: readModels.tableName,
        Segment: segment,
        TotalSegments: selection.totalSegments,
        ProjectionExpression: '#pk, #sk',
        FilterExpression: prefixes.map((_, i) => `begins_with(#pk, :p${i})`).join(' OR '),
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: values,
      },
      async (items) => {
        await deleteKeys(
          readModels.client,
          readModels.tableName,
          items.map((i) => ({ pk: i.pk!, sk: i.sk! })),
        );
        deleted += items.length;
      },
    ),
  );
  return deleted;
};

/** The envelope as the bus delivers it, for matching the projection rules. */
const busEventOf = (e: EventEnvelope) => ({
  version: '0',
  id: e.eventId,
  'detail-type': e.type,
  source: EVENT_SOURCE,
  account: '000000000000',
  time: e.recordedAt,
  region: 'rebuild',
  resources: [],
  detail: e,
});

/** The scanned events of one segment, served to the projections' gap-filling path instead of the store. */
const memoryReader = (streams: ReadonlyMap<string, EventEnvelope[]>): StreamReader => ({
  readStream: async (stream, { from = 1, to = Number.MAX_SAFE_INTEGER }) =>
    (streams.get(stream) ?? []).filter((e) => e.version >= from && e.version <= to),
});

export type RebuildReport = {
  projections: ProjectionName[];
  events: number;
  streams: number;
  /** Streams applied, per projection. */
  applied: Record<string, number>;
  /** Stored items that are not valid envelopes: their streams are left out (verify them: npm run audit). */
  unreadable: { stream: string; version: number; reason: string }[];
  seconds: number;
  eventsPerSecond: number;
};

/** Folds the selected segments of the events table into the projections' read models. */
export const rebuildProjections = async ({
  events,
  readModels,
  projections,
  selection = allSegments(4),
  concurrency = 4,
  writers = 16,
  onProgress = () => {},
}: {
  events: EventsTableRef;
  readModels: ReadModelsTableRef;
  projections: readonly ProjectionName[];
  selection?: SegmentSelection;
  /** Segments scanned at once. */
  concurrency?: number;
  /** Streams applied at once within a segment. */
  writers?: number;
  onProgress?: (p: RebuildProgress) => void;
}): Promise<RebuildReport> => {
  const started = performance.now();
  const rules = projectionRules.filter((r) => projections.includes(r.projection));
  const report: RebuildReport = {
    projections: [...projections],
    events: 0,
    streams: 0,
    applied: Object.fromEntries(projections.map((p) => [p, 0])),
    unreadable: [],
    seconds: 0,
    eventsPerSecond: 0,
  };
  let segmentsDone = 0;
  await pool(selection.segments, concurrency, async (segment) => {
    const streams = new Map<string, EventEnvelope[]>();
    const broken = new Set<string>();
    await scanSegment(events.client, { TableName: events.tableName, Segment: segment, TotalSegments: selection.totalSegments }, (items) => {
      for (const item of items) {
        const stream = item.stream?.S ?? '?';
        try {
          const e = fromItem(item);
          const group = streams.get(e.stream);
          if (group) group.push(e);
          else streams.set(e.stream, [e]);
        } catch (error) {
          broken.add(stream);
          report.unreadable.push({ stream, version: Number(item.version?.N ?? Number.NaN), reason: (error as Error).message });
        }
      }
      report.events += items.length;
      onProgress({ segmentsDone, totalSegments: selection.segments.length, events: report.events, streams: report.streams });
    });
    for (const stream of broken) streams.delete(stream);
    for (const group of streams.values()) group.sort((a, b) => a.version - b.version);
    const store = memoryReader(streams);
    await pool([...streams.entries()], writers, async ([, group]) => {
      for (const rule of rules) {
        const last = group.findLast((e) => matchesPattern(rule.pattern, busEventOf(e)));
        if (!last) continue;
        await projectionModules[rule.projection].apply({ store, readModels }, last);
        report.applied[rule.projection] = (report.applied[rule.projection] ?? 0) + 1;
      }
    });
    report.streams += streams.size;
    segmentsDone++;
    onProgress({ segmentsDone, totalSegments: selection.segments.length, events: report.events, streams: report.streams });
  });
  report.seconds = (performance.now() - started) / 1000;
  report.eventsPerSecond = report.seconds > 0 ? Math.round(report.events / report.seconds) : report.events;
  return report;
};

/** DynamoDB's item count of the events table (AWS refreshes it about every six hours): the progress bar's estimate. */
export const estimatedEvents = async ({ client, tableName }: EventsTableRef): Promise<number | null> =>
  (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.ItemCount ?? null;
