import { GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { ProjectionName } from '../../events/routing.ts';
import type { ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';

// One rebuild run must never have two invocations on the same segment at once: two drops or two
// folds of one segment would race each other's writes and double the load for nothing. Each step
// of each projection in each segment of a run takes a lease: an item in the read-models table,
// written only if none is there (or the one there failed, or outlived the Lambda limit because its
// invocation died). Its key is under `rebuild#`, a prefix no projection owns, so a drop never
// deletes a lease. A finished segment keeps its lease as `done`, which is how a second invocation
// of it knows to report done instead of working again.

export type RebuildStep = 'drop' | 'rebuild';
export type SegmentKey = { runId: string; step: RebuildStep; segment: number; totalSegments: number };

/** A second invocation of a segment of a run while the first still holds it. */
export class SegmentAlreadyStartedError extends Error {
  readonly code = 'SEGMENT_ALREADY_STARTED';
  readonly runId: string;
  readonly segment: number;
  constructor(key: SegmentKey, projections: readonly string[], startedAt: string) {
    super(
      `run ${key.runId}: ${key.step} of segment ${key.segment}/${key.totalSegments} for ${projections.join(', ')} was started at ${startedAt} and has not finished; it is not started twice`,
    );
    this.name = 'SegmentAlreadyStartedError';
    this.runId = key.runId;
    this.segment = key.segment;
  }
}

/** What a claim found: the projections this invocation now holds, and those a run already finished. */
export type Claim = { claimed: ProjectionName[]; done: ProjectionName[] };

type Lease = { status: 'running' | 'done' | 'failed'; startedAt: string; expiresAt: number };

/** An invocation that died holds its lease no longer than this (Lambda's limit is 15 minutes). */
const DEFAULT_LEASE_MS = 20 * 60_000;
const RUN_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const keyOf = (key: SegmentKey, projection: ProjectionName) => ({
  pk: { S: `rebuild#${key.runId}` },
  sk: { S: `${key.step}#${projection}#${key.segment}/${key.totalSegments}` },
});

export const createSegmentLeases = ({
  readModels: { client, tableName },
  clock = () => new Date(),
  leaseMs = DEFAULT_LEASE_MS,
  owner = randomUUID(),
}: {
  readModels: ReadModelsTableRef;
  clock?: () => Date;
  leaseMs?: number;
  /** Who holds the leases this instance takes: only it may finish or fail them. */
  owner?: string;
}) => {
  const read = async (key: SegmentKey, projection: ProjectionName): Promise<Lease | null> => {
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: keyOf(key, projection), ConsistentRead: true }));
    const item = out.Item;
    return item ? { status: item.status!.S as Lease['status'], startedAt: item.startedAt!.S!, expiresAt: Number(item.expiresAt!.N) } : null;
  };

  /**
   * Takes the segment's lease for each projection not yet done in this run; refuses (throws
   * SegmentAlreadyStartedError) while another invocation holds one. All of them or none.
   */
  const claim = async (key: SegmentKey, projections: readonly ProjectionName[]): Promise<Claim> => {
    if (!RUN_ID.test(key.runId))
      throw new Error(`a run id has 1-100 characters: letters, digits, . _ : - (not ${JSON.stringify(key.runId.slice(0, 100))})`);
    const now = clock();
    const leases = await Promise.all(projections.map(async (p) => [p, await read(key, p)] as const));
    const held = leases.find(([, l]) => l?.status === 'running' && l.expiresAt > now.getTime());
    if (held) throw new SegmentAlreadyStartedError(key, projections, held[1]!.startedAt);
    const done = leases.filter(([, l]) => l?.status === 'done').map(([p]) => p);
    const claimed = projections.filter((p) => !done.includes(p));
    if (claimed.length === 0) return { claimed, done };
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: claimed.map((p) => ({
            Put: {
              TableName: tableName,
              Item: {
                ...keyOf(key, p),
                status: { S: 'running' },
                owner: { S: owner },
                startedAt: { S: now.toISOString() },
                expiresAt: { N: String(now.getTime() + leaseMs) },
              },
              ConditionExpression: 'attribute_not_exists(pk) OR #status = :failed OR (#status = :running AND expiresAt < :now)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':failed': { S: 'failed' }, ':running': { S: 'running' }, ':now': { N: String(now.getTime()) } },
            },
          })),
        }),
      );
    } catch (error) {
      // Another invocation took it between our read and our write.
      if (error instanceof TransactionCanceledException) throw new SegmentAlreadyStartedError(key, projections, now.toISOString());
      throw error;
    }
    return { claimed, done };
  };

  const settle =
    (status: 'done' | 'failed') =>
    async (key: SegmentKey, projections: readonly ProjectionName[], note: Record<string, string> = {}) => {
      const names = Object.fromEntries(Object.keys(note).map((k, i) => [`#n${i}`, k]));
      const values = Object.fromEntries(Object.values(note).map((v, i) => [`:n${i}`, { S: v }]));
      const sets = Object.keys(note)
        .map((_, i) => `, #n${i} = :n${i}`)
        .join('');
      await Promise.all(
        projections.map((p) =>
          client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: keyOf(key, p),
              UpdateExpression: `SET #status = :status, finishedAt = :at${sets}`,
              ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner', ...names },
              ExpressionAttributeValues: {
                ':status': { S: status },
                ':at': { S: clock().toISOString() },
                ':owner': { S: owner },
                ...values,
              },
            }),
          ),
        ),
      );
    };

  return { claim, finish: settle('done'), fail: settle('failed'), read };
};

export type SegmentLeases = ReturnType<typeof createSegmentLeases>;

type Claimed = { segment: number } & Claim;

/**
 * Runs one step of a run over `segments`, each under its lease. Segments the run already finished
 * are left out; the rest are worked in groups of the same projections still to do (one group, but
 * for a run resumed with other projections), and their leases settled after. When one segment is
 * refused, the leases already taken are given back and nothing is worked.
 */
export const underLeases = async <R>(
  leases: SegmentLeases,
  run: Omit<SegmentKey, 'segment'>,
  segments: readonly number[],
  projections: readonly ProjectionName[],
  work: (projections: ProjectionName[], segments: number[]) => Promise<R>,
): Promise<{ doneBefore: number[]; results: { projections: ProjectionName[]; segments: number[]; result: R }[] }> => {
  const settled = await Promise.allSettled(
    segments.map(async (segment): Promise<Claimed> => ({ segment, ...(await leases.claim({ ...run, segment }, projections)) })),
  );
  const claims = settled.flatMap((c) => (c.status === 'fulfilled' ? [c.value] : []));
  const release = (some: readonly Claimed[], reason: string) =>
    Promise.all(some.map((c) => leases.fail({ ...run, segment: c.segment }, c.claimed, { reason })));
  const refused = settled.find((c) => c.status === 'rejected');
  if (refused) {
    await release(claims, 'another segment of the same invocation was refused');
    throw refused.reason;
  }
  const groups = new Map<string, { projections: ProjectionName[]; claims: Claimed[] }>();
  for (const c of claims.filter((c) => c.claimed.length > 0)) {
    const key = c.claimed.join(',');
    const group = groups.get(key) ?? { projections: c.claimed, claims: [] };
    group.claims.push(c);
    groups.set(key, group);
  }
  const results = [];
  const pending = [...groups.values()];
  while (pending.length > 0) {
    const group = pending.shift()!;
    const worked = group.claims.map((c) => c.segment);
    try {
      results.push({ projections: group.projections, segments: worked, result: await work(group.projections, worked) });
    } catch (error) {
      await release([...group.claims, ...pending.flatMap((g) => g.claims)], String((error as Error).message).slice(0, 500));
      throw error;
    }
    await Promise.all(group.claims.map((c) => leases.finish({ ...run, segment: c.segment }, c.claimed)));
  }
  return { doneBefore: claims.filter((c) => c.claimed.length === 0).map((c) => c.segment), results };
};
