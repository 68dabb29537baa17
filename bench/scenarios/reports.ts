// 9. Reports: the annual report of an agency (agency:hz-xihu) and of its province
// (justice-department:zj, every agency the seed registry places under it) read from the statistics
// counters at 1,000, 10,000 and 100,000 cases of one year (plus one consultation per two cases),
// spread over Zhejiang's agencies and the year's days. The read path measured is the reports' own
// (functions/lib/reports/statistics-of.ts: the registry's roll-up, BatchGetItem of agency-months,
// one Query per agency of its open deadlines past due, the report built), in-process against
// DynamoDB Local, without HTTP and the JWT gate (the same for every size, so they do not bend the
// curve).
//
// Seeding: the cases are generated (test/support/statistics-history.ts) and each is folded with the
// projection's own code (domain/statistics/contribution.ts over the quality record), and the
// counter and open-deadline items the projection would hold are written whole with BatchWriteItem —
// not one transaction per event through the projection, which at 100,000 cases (~1 million events)
// would take most of an hour on a shared machine. What the projection adds per event is measured
// separately: a sample of cases applied event by event through applyToStatistics on its own table,
// counting the transactions and their items.
import { BatchWriteItemCommand, PutItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { caseDecider } from '../../domain/case/decider.ts';
import { applyAllInMemory } from '../../domain/organisation/in-memory.ts';
import { createRegistry } from '../../domain/organisation/registry.ts';
import { seedCommands } from '../../domain/organisation/seed.ts';
import {
  evolveConsultationFacts,
  evolveQualityFacts,
  initialConsultationFacts,
  initialQualityFacts,
  qualityRecordOf,
} from '../../domain/quality/record.ts';
import { caseContribution, consultationContribution, splitCounterKey, type Contribution } from '../../domain/statistics/contribution.ts';
import { rollUpOf } from '../../domain/statistics/roll-up.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { ConsultationEvent } from '../../events/catalogue/consultation-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { statisticsKeys } from '../../functions/lib/read-models/keys.ts';
import { counterSks, dayAttribute } from '../../functions/lib/read-models/statistics-counters.ts';
import { statisticsOf } from '../../functions/lib/reports/statistics-of.ts';
import { applyToStatistics, openDeadlineItem } from '../../functions/projections/statistics.ts';
import { generateHistory, historyReader } from '../../test/support/statistics-history.ts';
import type { BenchContext } from '../lib/context.ts';
import { createReadModelsTable, freshPrefix } from '../lib/dynamo.ts';
import { chunk, runPool } from '../lib/pool.ts';
import { ratio, round, summarize } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

const YEAR = 2025;
const AGENCY = 'agency:hz-xihu';
const PROVINCE = 'justice-department:zj';
const SIZES = [1_000, 10_000, 100_000];
/** Cases generated (and folded) at once: bounds the memory the envelopes take. */
const GENERATE_AT_ONCE = 5_000;

const contributionOf = (events: readonly EventEnvelope[]): Contribution => {
  if (events[0]!.stream.startsWith('consultation#'))
    return consultationContribution(
      events.reduce((s, e) => evolveConsultationFacts(s, readEventData(catalogue, e) as ConsultationEvent), initialConsultationFacts()),
    );
  const s = events.reduce(
    (acc, e) => {
      const event = readEventData(catalogue, e) as CaseEvent;
      return { case: caseDecider.evolve(acc.case, event), facts: evolveQualityFacts(acc.facts, event) };
    },
    { case: caseDecider.initialState(), facts: initialQualityFacts() },
  );
  return caseContribution(qualityRecordOf(s.case, s.facts, events.at(-1)!.occurredAt));
};

const writeAll = async (client: DynamoDBClient, tableName: string, items: readonly Record<string, unknown>[]) => {
  await runPool(chunk(items, 25), 8, async (batch) => {
    let pending = batch.map((i) => ({ PutRequest: { Item: marshall(i) } }));
    while (pending.length > 0) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
};

/** A client that counts what the projection sends: write requests (a transaction, a single put) and a transaction's items. */
const countingClient = (client: DynamoDBClient) => {
  const counted = { transactions: 0, puts: 0, items: 0, perTransaction: [] as number[] };
  const proxy = {
    send: (command: Parameters<DynamoDBClient['send']>[0]) => {
      if (command instanceof TransactWriteItemsCommand) {
        const n = command.input.TransactItems?.length ?? 0;
        counted.transactions++;
        counted.items += n;
        counted.perTransaction.push(n);
      }
      if (command instanceof PutItemCommand) counted.puts++;
      return client.send(command as never);
    },
  } as unknown as DynamoDBClient;
  return { proxy, counted };
};

export const runReports = async (ctx: BenchContext) => {
  const { client } = ctx.dynamo;
  const registry = createRegistry(applyAllInMemory(seedCommands).values());
  const agencyIds = rollUpOf(registry, PROVINCE, `${YEAR}-01-01`, `${YEAR}-12-31`).agencyIds;
  const samples = ctx.flags.quick ? 15 : 40;
  console.log(
    `\n[reports] ${agencyIds.length} agencies under ${PROVINCE}; sizes ${SIZES.join(', ')} cases; ${samples} reports of each per size`,
  );

  // 1. What the counters add per event: a sample of cases applied event by event, in order.
  const perEventTable = await createReadModelsTable(client, freshPrefix('reports-writes'));
  const sample = generateHistory({ seed: 7, cases: 200, consultations: 100, agencyIds, year: YEAR, label: 'writes' });
  const { proxy, counted } = countingClient(client);
  const store = historyReader(sample);
  for (const e of sample.events) await applyToStatistics({ store, readModels: { client: proxy, tableName: perEventTable } }, e);
  const writes = {
    events: sample.events.length,
    writeRequestsPerEvent: round((counted.transactions + counted.puts) / sample.events.length, 3),
    transactionsPerEvent: round(counted.transactions / sample.events.length, 3),
    itemsPerTransaction: summarize(counted.perTransaction),
    counterAndIndexItemsPerEvent: round((counted.items - counted.transactions) / sample.events.length, 3),
  };
  console.log(
    `   per event: ${writes.writeRequestsPerEvent} write requests, ${writes.transactionsPerEvent} of them a transaction, ${writes.itemsPerTransaction.mean} items in it on average (max ${writes.itemsPerTransaction.max}): the stream's item + ${writes.counterAndIndexItemsPerEvent} counter and index items`,
  );

  // 2. The reports at each size, the counters grown from one size to the next.
  const tableName = await createReadModelsTable(client, freshPrefix('reports'));
  const ref = { client, tableName };
  const counters = new Map<string, Record<string, number | string>>();
  let generated = 0;
  const now = `${YEAR + 1}-01-15T00:00:00.000Z`;
  const rows: {
    cases: number;
    events: number;
    counterItems: number;
    openItems: number;
    agency: ReturnType<typeof summarize>;
    province: ReturnType<typeof summarize>;
    seedSeconds: number;
  }[] = [];
  let events = 0;
  let openItems = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    while (generated < size) {
      const n = Math.min(GENERATE_AT_ONCE, size - generated);
      const history = generateHistory({
        seed: 1000 + generated,
        cases: n,
        consultations: Math.floor(n / 2),
        agencyIds,
        year: YEAR,
        label: `r${generated}`,
      });
      events += history.events.length;
      const open: Record<string, unknown>[] = [];
      for (const streamEvents of history.streams.values()) {
        const c = contributionOf(streamEvents);
        for (const [key, value] of Object.entries(c.counts)) {
          const { agencyId, day, counter } = splitCounterKey(key);
          const pk = statisticsKeys.countersPk(agencyId, day.slice(0, 7));
          const add = (sk: string, name: string) => {
            const item = counters.get(`${pk}|${sk}`) ?? { pk, sk, province: '33' };
            item[name] = ((item[name] as number | undefined) ?? 0) + value;
            counters.set(`${pk}|${sk}`, item);
          };
          add(counterSks.month, counter);
          add(counterSks.days, dayAttribute(day, counter));
        }
        open.push(...c.open.map(openDeadlineItem));
      }
      await writeAll(client, tableName, open);
      openItems += open.length;
      generated += n;
    }
    await writeAll(client, tableName, [...counters.values()]);
    const seedSeconds = round((performance.now() - t0) / 1000, 1);
    const time = async (organisationId: string) => {
      const ms: number[] = [];
      for (let i = 0; i < samples + 3; i++) {
        const t = performance.now();
        const report = await statisticsOf(ref, registry, organisationId, { kind: 'year', year: YEAR }, now);
        if (i >= 3) ms.push(performance.now() - t);
        if (!report || report.cases.received === 0) throw new Error(`the ${organisationId} report of ${YEAR} counted no case`);
      }
      return summarize(ms);
    };
    const agency = await time(AGENCY);
    const province = await time(PROVINCE);
    const provinceReport = (await statisticsOf(ref, registry, PROVINCE, { kind: 'year', year: YEAR }, now))!;
    // Every generated case is received in the year under the province: the counters hold them all.
    if (provinceReport.cases.received !== size) throw new Error(`the province counted ${provinceReport.cases.received} cases of ${size}`);
    rows.push({ cases: size, events, counterItems: counters.size, openItems, agency, province, seedSeconds });
    console.log(`   ${size} cases: agency p50 ${agency.p50} ms, province p50 ${province.p50} ms (seeded in ${seedSeconds} s)`);
  }
  printTable(
    'Reports from the counters (annual, in-process)',
    ['cases', 'events', 'counter items', 'open deadlines', 'agency p50 ms', 'agency p90', 'province p50 ms', 'province p90'],
    rows.map((r) => [r.cases, r.events, r.counterItems, r.openItems, r.agency.p50, r.agency.p90, r.province.p50, r.province.p90]),
  );
  const first = rows[0]!;
  const last = rows.at(-1)!;
  return {
    year: YEAR,
    agency: AGENCY,
    province: PROVINCE,
    agencies: agencyIds.length,
    seeding:
      'generated cases folded with the projection code, counter and open-deadline items written whole (BatchWriteItem); see bench/scenarios/reports.ts',
    writes,
    sizes: rows,
    flatness: {
      agencyLargestOverSmallest: ratio(last.agency.p50, first.agency.p50),
      provinceLargestOverSmallest: ratio(last.province.p50, first.province.p50),
    },
  };
};
