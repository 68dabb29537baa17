import { mapBounded } from '../reports/bounded.ts';
import type { IndexName, ReadModelTable } from './read-model-table.ts';

/**
 * Partitions read at once. A page costs one Query per partition, each of up to `limit` + 1 items: a
 * page of 50 over a province of ~100 agencies is ~100 Queries reading up to ~5,100 items; a county's
 * or a city's a handful. Never a Scan.
 */
const PARTITIONS_AT_ONCE = 8;

/**
 * One page of a list over several index partitions (a node's agencies), in the index's sort order,
 * after the sort key `after` (the previous page's last). Each partition gives its first `limit` items
 * past `after`, so the first `limit` of their merge are the list's next `limit`. `last` is the sort
 * key to continue after, or undefined when no partition has more.
 */
export const mergedPage = async (
  table: ReadModelTable,
  {
    index,
    pks,
    range,
    limit,
    after,
  }: { index: IndexName; pks: readonly string[]; range: { from?: string; below?: string }; limit: number; after?: string | undefined },
): Promise<{ items: Record<string, unknown>[]; last: string | undefined }> => {
  const sk = (item: Record<string, unknown>) => item[`${index}sk`] as string;
  const from = after !== undefined && (range.from === undefined || after > range.from) ? after : range.from;
  const pages = await mapBounded(pks, PARTITIONS_AT_ONCE, (pk) =>
    table.queryIndex({
      index,
      pk,
      ...(from !== undefined ? { from } : {}),
      ...(range.below !== undefined ? { below: range.below } : {}),
      limit: limit + 1,
    }),
  );
  const merged = pages
    .flatMap((p) => p.items)
    .filter((i) => after === undefined || sk(i) > after)
    .sort((a, b) => (sk(a) < sk(b) ? -1 : sk(a) > sk(b) ? 1 : 0));
  const items = merged.slice(0, limit);
  const more = merged.length > limit || pages.some((p) => p.lastKey !== undefined);
  return { items, last: more && items.length > 0 ? sk(items.at(-1)!) : undefined };
};
