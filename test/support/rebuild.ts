import { randomBytes } from 'node:crypto';
import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { readModelsTable } from '../../infra/definitions/tables.ts';
import { dropTable, ensureTables, localTableName } from '../../infra/local/create-tables.ts';
import { matchesPattern } from '../../events/event-pattern.ts';
import { EVENT_SOURCE, projectionRules } from '../../events/routing.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { scanRawStreams } from '../../functions/lib/audit/raw-events.ts';
import { decodeRawItem } from '../../functions/lib/audit/verify.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { projectionModules } from '../../functions/projections/registry.ts';

// "Every read model equals a rebuild": the event store folded into a fresh read-models table by the
// same projection code the bus invokes, each projection given each stream's events its rule routes
// to it (as live delivery does), then both tables compared item by item.

type Item = Record<string, unknown>;

/** Every item of a read-models table by `pk|sk`. */
export const readModelItems = async (client: DynamoDBClient, tableName: string): Promise<Map<string, Item>> => {
  const items = new Map<string, Item>();
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const raw of out.Items ?? []) {
      const item = unmarshall(raw);
      items.set(`${String(item.pk)}|${String(item.sk)}`, item);
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
};

const asDelivered = (envelope: EventEnvelope) => ({ source: EVENT_SOURCE, 'detail-type': envelope.type, detail: envelope });

/**
 * Rebuilds every projection from the events table into a new table and returns its items. Streams
 * are folded in parallel, each in version order; a stream stops at an item that cannot be read.
 */
export const rebuildReadModels = async (
  client: DynamoDBClient,
  eventsTableName: string,
  /** `into`: where to build (another DynamoDB Local, e.g. the run's in-memory one, is faster than one on disk). */
  { concurrency = 6, into = client }: { concurrency?: number; into?: DynamoDBClient } = {},
): Promise<Map<string, Item>> => {
  const prefix = `rebuild-${randomBytes(4).toString('hex')}-`;
  await ensureTables(into, prefix, [readModelsTable]);
  const tableName = localTableName(prefix, readModelsTable);
  try {
    const store = createEventStore({ client, tableName: eventsTableName });
    const streams = [...(await scanRawStreams({ client, tableName: eventsTableName })).values()];
    let next = 0;
    const worker = async () => {
      while (next < streams.length) {
        const envelopes: EventEnvelope[] = [];
        for (const item of streams[next++]!) {
          const decoded = decodeRawItem(item);
          if (!decoded.ok) break;
          envelopes.push(decoded.envelope);
        }
        for (const rule of projectionRules) {
          const apply = projectionModules[rule.projection].apply;
          for (const envelope of envelopes) {
            if (matchesPattern(rule.pattern, asDelivered(envelope)))
              await apply({ store, readModels: { client: into, tableName } }, envelope);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return await readModelItems(into, tableName);
  } finally {
    await dropTable(into, tableName);
  }
};
