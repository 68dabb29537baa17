import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { retentionRules, type RecordKind } from '../../../domain/rules/retention.ts';
import { retentionOf } from '../../../domain/privacy/erasure.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/opaque-cursor.ts';
import type { ReadModelTable } from '../read-models/read-model-table.ts';
import { dueSources } from './erasure-due-sources.ts';
import type { KeyStore } from './key-store.ts';
import { streamOfRecord } from './record-facts-of.ts';
import { subjectKeyOf } from './sealer.ts';

// The records whose retention has ended, for an administrator to approve erasing (PIPL Art 47(1)(2):
// the handler deletes on its own initiative once the period ends): an agency's ended records of every
// kind that has a read model to find them by (erasure-due-sources.ts), each judged by the same rule the
// erasure command applies, less those whose key is already destroyed. The read models may lag the
// store by a moment: the command decides again on the store itself.

export type DueErasure = {
  recordKind: RecordKind;
  recordId: string;
  agencyId: string;
  ruleId: string;
  years: number;
  binding: boolean;
  source: string;
  endedOn: string;
  endsOn: string;
};

const cursorSchema = z.strictObject({
  a: z.string(),
  /** The source (erasure-due-sources.ts) to go on in. */
  s: z
    .int()
    .min(0)
    .max(dueSources.length - 1),
  /** The record after which to go on in that source's partition, with its index sort key; absent: from its start. */
  c: z.string().min(1).max(100).optional(),
  g: z.string().min(1).max(300).optional(),
});

const LIST = 'the erasures-due list';

/**
 * Whether a source's records, read in order, become due in that order: sorted by their end, and one
 * rule (one period) for every record of the kind. Then the first record not yet due means none after
 * it is, and the source is done; with several rules (a longer period for some) it must be read whole.
 */
const dueInOrder = (source: (typeof dueSources)[number]) =>
  source.endOrdered && retentionRules.filter((r) => r.recordKind === source.kind).length === 1;

type Position = { source: number; startKey: Record<string, AttributeValue> | undefined };

const cursorOf = (agencyId: string, at: Position): string =>
  at.startKey
    ? encodeCursor({ a: agencyId, s: at.source, c: dueSources[at.source]!.idOfKey(at.startKey), g: at.startKey.gsi1sk!.S! })
    : encodeCursor({ a: agencyId, s: at.source });

const positionOf = (agencyId: string, cursor: string | undefined): Position => {
  if (!cursor) return { source: 0, startKey: undefined };
  const parsed = cursorSchema.safeParse(decodeCursor(cursor, LIST));
  if (!parsed.success || parsed.data.a !== agencyId) throw invalidCursor(LIST);
  const { s, c, g } = parsed.data;
  return { source: s, startKey: c && g ? dueSources[s]!.startKey(agencyId, c, g) : undefined };
};

export const listDueErasures = async (
  { table, keys }: { table: ReadModelTable; keys: Pick<KeyStore, 'tombstoneOf'> | undefined },
  { agencyId, now, cursor, limit = 50 }: { agencyId: string; now: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: DueErasure[]; nextCursor: string | null }> => {
  let at = positionOf(agencyId, cursor);
  const candidates: DueErasure[] = [];
  // Reading goes on over as many sources as it takes to find `limit` due records, but reads at most
  // `readBudget` items per request: most ended records are years from due, and one request must not
  // read an agency's whole history. A page may so hold fewer than `limit` (even none) with a cursor.
  const readBudget = limit * 10;
  let read = 0;
  while (at.source < dueSources.length && candidates.length < limit && read < readBudget) {
    const source = dueSources[at.source]!;
    const page = await table.queryIndex({
      index: 'gsi1',
      pk: source.partition(agencyId),
      limit: Math.min(limit - candidates.length, readBudget - read),
      ...(at.startKey ? { startKey: at.startKey } : {}),
    });
    read += page.items.length;
    let done = false;
    for (const item of page.items) {
      const { recordId, facts } = source.read(item);
      const { rule, endedOn, endsOn, ended } = retentionOf(facts, now);
      if (!ended && dueInOrder(source)) {
        done = true;
        break;
      }
      if (ended && rule.years !== null && endedOn && endsOn)
        candidates.push({
          recordKind: source.kind,
          recordId,
          agencyId,
          ruleId: rule.id,
          years: rule.years,
          binding: rule.binding,
          source: rule.source,
          endedOn,
          endsOn,
        });
    }
    at = page.lastKey && !done ? { source: at.source, startKey: page.lastKey } : { source: at.source + 1, startKey: undefined };
  }
  const next = at.source < dueSources.length ? cursorOf(agencyId, at) : null;
  // Already erased: its key is destroyed (the read models do not fold the erasure).
  // Read without unwrapping any key: whether a tombstone is there is all this asks.
  const erased = await Promise.all(
    candidates.map(async (d) => (keys ? (await keys.tombstoneOf(subjectKeyOf(streamOfRecord(d.recordKind, d.recordId)))) !== null : false)),
  );
  return { items: candidates.filter((_, i) => !erased[i]), nextCursor: next };
};
