import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { caseDecider } from '../../domain/case/decider.ts';
import type { CaseState } from '../../domain/case/state.ts';
import {
  evolveConsultationFacts,
  evolveQualityFacts,
  initialConsultationFacts,
  initialQualityFacts,
  qualityRecordOf,
  type ConsultationFacts,
  type QualityFacts,
} from '../../domain/quality/record.ts';
import {
  caseContribution,
  consultationContribution,
  contributionChange,
  emptyContribution,
  splitCounterKey,
  type Contribution,
  type OpenDeadline,
} from '../../domain/statistics/contribution.ts';
import type { CaseEvent } from '../../events/catalogue/case-events.ts';
import type { ConsultationEvent } from '../../events/catalogue/consultation-events.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { readEventData } from '../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { statisticsKeys } from '../lib/read-models/keys.ts';
import { sortableTime, type ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';
import { counterSks, dayAttribute } from '../lib/read-models/statistics-counters.ts';
import { applyStreamEvent, type ProjectionOutcome, type StreamReader, type StreamTarget } from './stream-projection.ts';

// The statistics projection: counters per agency and China month (each month's item holds the
// month's totals and every day's), and an index of open deadlines by due time. Reports read these
// (functions/lib/read-models/statistics-counters.ts), O(agencies × months), never the cases.
//
// Exactly once although delivery is at least once and in any order: each stream keeps one item with
// its folded state, the version it stands at and its contribution to the counters
// (domain/statistics/contribution.ts). An event moves the stream to its next version (gaps filled
// from the store, as every projection does: stream-projection.ts) and, in ONE TransactWriteItems,
// puts the stream's item on condition that it still stands at the version read, and adds the
// difference between the new and the old contribution to the counters. A duplicate finds the
// version already there and writes nothing; a racing copy fails the condition and the whole
// transaction (counters included) is cancelled, then reads again and finds itself a duplicate.
// No cache of states: the contribution read with the version is the base of the difference.

export type StatisticsProjectionDeps = { store: StreamReader; readModels: ReadModelsTableRef };

/** The fold, and the contribution and version it was read at: the base the difference is taken from. */
type Kept<S> = { fold: S; contribution: Contribution; base: number };

/** Tries of one event before its message is left to SQS: lost races and transaction conflicts on a busy agency-month. */
const TABLE_ATTEMPTS = 30;

/**
 * Which counter items an event's transaction touches: per agency and month its difference falls in,
 * the month's totals (what a report reads) and the month's days (read only where the registry
 * splits the month), each with ADD.
 */
const counterUpdates = (tableName: string, delta: Record<string, number>, province: string | null): TransactWriteItem[] => {
  const byItem = new Map<string, { pk: string; sk: string; adds: [string, number][] }>();
  const addTo = (pk: string, sk: string, name: string, n: number) => {
    const item = byItem.get(`${pk}|${sk}`) ?? { pk, sk, adds: [] };
    item.adds.push([name, n]);
    byItem.set(`${pk}|${sk}`, item);
  };
  for (const [key, n] of Object.entries(delta)) {
    const { agencyId, day, counter } = splitCounterKey(key);
    const pk = statisticsKeys.countersPk(agencyId, day.slice(0, 7));
    addTo(pk, counterSks.month, counter, n);
    addTo(pk, counterSks.days, dayAttribute(day, counter), n);
  }
  return [...byItem.values()].map(({ pk, sk, adds }) => {
    const names: Record<string, string> = {};
    const values: Record<string, { N: string } | { S: string }> = {};
    const parts = adds.map(([name, n], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = { N: String(n) };
      return `#a${i} :a${i}`;
    });
    const withProvince = province !== null;
    if (withProvince) {
      names['#province'] = 'province';
      values[':province'] = { S: province };
    }
    return {
      Update: {
        TableName: tableName,
        Key: marshall({ pk, sk }),
        UpdateExpression: `ADD ${parts.join(', ')}${withProvince ? ' SET #province = if_not_exists(#province, :province)' : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
};

const openKey = (d: OpenDeadline) => ({ pk: statisticsKeys.openPk(d.caseId), sk: `${d.key}#${sortableTime(d.dueAt)}#${d.agencyId}` });

/** The index item of an open deadline: under its agency and receipt year, by due time. */
export const openDeadlineItem = (d: OpenDeadline) => ({
  ...openKey(d),
  gsi1pk: statisticsKeys.openByDue(d.agencyId, d.receivedOn.slice(0, 4)),
  gsi1sk: `${sortableTime(d.dueAt)}#${d.receivedOn}#${d.caseId}#${d.key}`,
  deadline: d,
});

const openUpdates = (tableName: string, opened: readonly OpenDeadline[], closed: readonly OpenDeadline[]): TransactWriteItem[] => {
  const puts = opened.map(openDeadlineItem);
  const put = new Set(puts.map((p) => `${p.pk}|${p.sk}`));
  // A put of the same key replaces the item: one operation per item, as a transaction requires.
  const deletes = closed.map(openKey).filter((k) => !put.has(`${k.pk}|${k.sk}`));
  return [
    ...puts.map((Item) => ({ Put: { TableName: tableName, Item: marshall(Item) } })),
    ...deletes.map((k) => ({ Delete: { TableName: tableName, Key: marshall(k) } })),
  ];
};

/** The version the difference was taken from, and no other: any other means the base moved. */
const versionCondition = (base: number) =>
  base === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#v = :base',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':base': { N: String(base) } },
      };

const target = <S>(
  { client, tableName }: ReadModelsTableRef,
  sk: string,
  initial: () => S,
  evolve: (s: S, e: EventEnvelope) => S,
  contributionOf: (s: S, last: EventEnvelope) => Contribution,
): StreamTarget<Kept<S>> => ({
  read: async (stream) => {
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshall({ pk: statisticsKeys.streamPk(stream), sk }), ConsistentRead: true }),
    );
    if (!out.Item) return null;
    const item = unmarshall(out.Item);
    const version = item.version as number;
    return { version, state: { fold: item.state as S, contribution: item.contribution as Contribution, base: version } };
  },
  initial: () => ({ fold: initial(), contribution: emptyContribution(), base: 0 }),
  evolve: (s, e) => ({ ...s, fold: evolve(s.fold, e) }),
  write: async (stream, s, last) => {
    const next = contributionOf(s.fold, last);
    const { delta, opened, closed } = contributionChange(s.contribution, next);
    const stored = {
      pk: statisticsKeys.streamPk(stream),
      sk,
      version: last.version,
      updatedAt: last.recordedAt,
      state: s.fold,
      contribution: next,
    };
    const others = [...counterUpdates(tableName, delta, next.province), ...openUpdates(tableName, opened, closed)];
    try {
      // A step that moves no counter (most supervision steps) is one conditional put, not a transaction.
      if (others.length === 0) {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall(stored, { removeUndefinedValues: true, convertClassInstanceToMap: false }),
            ...versionCondition(s.base),
          }),
        );
        return true;
      }
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: marshall(stored, { removeUndefinedValues: true, convertClassInstanceToMap: false }),
                ...versionCondition(s.base),
              },
            },
            ...others,
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  },
});

type CaseFold = { case: CaseState; facts: QualityFacts };

const caseTarget = (ref: ReadModelsTableRef) =>
  target<CaseFold>(
    ref,
    'case',
    () => ({ case: caseDecider.initialState(), facts: initialQualityFacts() }),
    (s, e) => {
      const event = readEventData(catalogue, e) as CaseEvent;
      return { case: caseDecider.evolve(s.case, event), facts: evolveQualityFacts(s.facts, event) };
    },
    // Deadlines judged at the business time of the case's last step, as the quality record is.
    (s, last) => caseContribution(qualityRecordOf(s.case, s.facts, last.occurredAt)),
  );

const consultationTarget = (ref: ReadModelsTableRef) =>
  target<ConsultationFacts>(
    ref,
    'consultation',
    initialConsultationFacts,
    (s, e) => evolveConsultationFacts(s, readEventData(catalogue, e) as ConsultationEvent),
    (s) => consultationContribution(s),
  );

/** Collisions with another transaction on an item: a counter item both add to, or the stream's item (a single put meeting one). */
const isRetryable = (error: unknown) =>
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) ||
  (error instanceof Error && error.name === 'TransactionConflictException');

/**
 * Applies one event. A copy that lost a race ('superseded': the stream moved on between its read and
 * its transaction) is applied again from the stream's new version, where it is a duplicate or the
 * next step; a transaction that collided on a counter item with another is tried again. Anything
 * else is thrown, and the message waits in the queue (then the dead-letter queue).
 */
export const applyToStatistics = async (
  { store, readModels }: StatisticsProjectionDeps,
  envelope: EventEnvelope,
): Promise<ProjectionOutcome> => {
  const streamTarget = envelope.stream.startsWith('case#')
    ? caseTarget(readModels)
    : envelope.stream.startsWith('consultation#')
      ? consultationTarget(readModels)
      : null;
  // The rule sends nothing else; anything that slips through is not this projection's.
  if (!streamTarget) return 'duplicate';
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await applyStreamEvent(streamTarget as StreamTarget<unknown>, store, envelope);
      if (outcome !== 'superseded') return outcome;
      // Never acknowledged unapplied: thrown, the message is received again.
      if (attempt >= TABLE_ATTEMPTS)
        throw new Error(`stream ${envelope.stream}: version ${envelope.version} lost ${attempt} races in a row`);
    } catch (error) {
      if (!isRetryable(error) || attempt >= TABLE_ATTEMPTS) throw error;
      await sleep(Math.random() * Math.min(100, 4 * 2 ** attempt));
    }
  }
};
