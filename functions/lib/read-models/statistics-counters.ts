import { BatchGetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { DUE_PREFIX, splitDueCounter, type Counts } from '../../../domain/statistics/contribution.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { periodDays, type Period } from '../../../domain/statistics/period.ts';
import { mapBounded } from '../reports/bounded.ts';
import { statisticsKeys } from './keys.ts';
import { createReadModelTable, sortableTime, type ReadModelsTableRef } from './read-model-table.ts';

// The statistics counters as reports read them (written by functions/projections/statistics.ts):
// two items per agency and China month, the month's totals (`received`) and its days'
// (`d12:received`), and the open deadlines by due time. A node's figures are summed over the agencies
// it rolls up AT READ TIME (domain/statistics/roll-up.ts): a month whose days all count under the
// node adds its totals item, a month the registry splits (a merger, an agency moved) adds the days
// that count from its days item. So a registry change never leaves a figure wrong, and the cost is O(agencies × months ×
// counters), never the cases: ~100 agencies' year is 1,200 items in 12 BatchGetItem calls.

/** The two items of an agency's month: its totals, and its days (`d12:received`). */
export const counterSks = { month: 'month', days: 'days' } as const;

/** The attribute of a day's counter in its month's `days` item. */
export const dayAttribute = (day: string, counter: string) => `d${day.slice(8, 10)}:${counter}`;

/** Whether a record of an agency dated on a China business date counts under the node. */
export type CountsUnder = (agencyId: string, date: string) => boolean;

export type Figures = {
  /** Every counter summed over the scope. */
  totals: Counts;
  /** The same per agency of the scope. */
  byAgency: Record<string, Counts>;
  /** Open deadlines of the period's cases whose time passed before `now`, per deadline kind. */
  pastDue: Record<string, number>;
  /** The province of the first agency (in the scope's order) with figures: the one whose standard applies. */
  province: string | null;
};

const monthsOf = (period: Period): string[] =>
  period.kind === 'month' ? [period.month] : Array.from({ length: 12 }, (_, i) => `${period.year}-${String(i + 1).padStart(2, '0')}`);

const daysOf = (month: string): string[] => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

const BATCH = 100;

/** Every item of `keys` (BatchGetItem, 100 at once, what DynamoDB leaves unprocessed asked again). */
const batchGet = async ({ client, tableName }: ReadModelsTableRef, keys: { pk: string; sk: string }[]) => {
  const chunks = Array.from({ length: Math.ceil(keys.length / BATCH) }, (_, i) => keys.slice(i * BATCH, (i + 1) * BATCH));
  const pages = await mapBounded(chunks, 4, async (chunk) => {
    const got: Record<string, unknown>[] = [];
    let pending: Record<string, AttributeValue>[] = chunk.map((k) => marshall(k));
    for (let attempt = 0; pending.length > 0; attempt++) {
      const out = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      got.push(...(out.Responses?.[tableName] ?? []).map((i) => unmarshall(i)));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length > 0) await sleep(Math.min(500, 20 * 2 ** attempt));
    }
    return got;
  });
  return pages.flat();
};

const addInto = (into: Counts, counter: string, n: number) => {
  into[counter] = (into[counter] ?? 0) + n;
};

/** The figures of `agencyIds` over `period`, each record counted where `counts` places it; open deadlines judged at `now`. */
export const readFigures = async (
  ref: ReadModelsTableRef,
  { agencyIds, period, counts = () => true, now }: { agencyIds: readonly string[]; period: Period; counts?: CountsUnder; now: string },
): Promise<Figures> => {
  const months = monthsOf(period);
  const { first, last } = periodDays(period);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  // Which days of each agency-month count under the node: all (the month's totals serve), some (its days are read), none.
  const cells = agencyIds.flatMap((agencyId) =>
    months.map((month) => {
      const days = daysOf(month);
      const counted = new Set(days.filter((d) => counts(agencyId, d)));
      return { agencyId, month, pk: statisticsKeys.countersPk(agencyId, month), counted, whole: counted.size === days.length };
    }),
  );
  const items = await batchGet(
    ref,
    cells.filter((c) => c.counted.size > 0).map((c) => ({ pk: c.pk, sk: c.whole ? counterSks.month : counterSks.days })),
  );
  const byAgency: Record<string, Counts> = Object.fromEntries(agencyIds.map((a) => [a, {}]));
  const cellOf = new Map(cells.map((c) => [c.pk, c]));
  const provinces = new Map<string, string>();
  for (const item of items) {
    const cell = cellOf.get(item.pk as string);
    if (!cell) continue;
    const mine = byAgency[cell.agencyId]!;
    if (typeof item.province === 'string') provinces.set(cell.agencyId, item.province);
    for (const [name, value] of Object.entries(item)) {
      if (typeof value !== 'number') continue;
      if (item.sk === counterSks.month) addInto(mine, name, value);
      else {
        const day = /^d(\d\d):(.*)$/.exec(name);
        if (day && cell.counted.has(`${cell.month}-${day[1]}`)) addInto(mine, day[2]!, value);
      }
    }
  }
  // Open deadlines past due: those due on a day before today from their `due.` counters (dated, as
  // every counter of a case, by its receipt, so the period and the registry's split apply as above);
  // today's from the index, the ones due before `now`. The `due.` counters are no figure of their own.
  const today = chinaDateOf(now);
  const pastDue: Record<string, number> = {};
  const dueToday = new Set<string>();
  for (const [agencyId, mine] of Object.entries(byAgency))
    for (const [name, n] of Object.entries(mine)) {
      if (!name.startsWith(DUE_PREFIX)) continue;
      delete mine[name];
      const { dueOn, key } = splitDueCounter(name);
      if (dueOn < today) {
        if (n !== 0) addInto(pastDue, key, n);
      } else if (dueOn === today && n > 0) dueToday.add(agencyId);
    }
  const table = createReadModelTable(ref);
  const open = await mapBounded(
    [...dueToday].flatMap((agencyId) => years.map((year) => ({ agencyId, year }))),
    8,
    async ({ agencyId, year }) =>
      (
        await table.queryAll({
          index: 'gsi1',
          pk: statisticsKeys.openByDue(agencyId, year),
          from: sortableTime(`${today}T00:00:00+08:00`),
          below: sortableTime(now),
        })
      ).map((i) => i.deadline as { agencyId: string; receivedOn: string; key: string }),
  );
  for (const d of open.flat())
    if (d.receivedOn >= first && d.receivedOn <= last && counts(d.agencyId, d.receivedOn)) addInto(pastDue, d.key, 1);
  const totals: Counts = {};
  for (const mine of Object.values(byAgency)) for (const [k, n] of Object.entries(mine)) addInto(totals, k, n);
  const province = agencyIds.map((a) => provinces.get(a)).find((p) => p !== undefined) ?? null;
  return { totals, byAgency, pastDue, province };
};
