import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSegmentLeases, SegmentAlreadyStartedError, underLeases, type SegmentLeases } from '../../functions/rebuild/segment-lease.ts';
import { testTables } from '../support/dynamo.ts';

// A rebuild run never starts the same segment twice (functions/rebuild/segment-lease.ts), against
// DynamoDB Local: a second invocation of a running segment is refused, a finished one reports done.

let tables: Awaited<ReturnType<typeof testTables>>;
let leases: SegmentLeases;
beforeAll(async () => {
  tables = await testTables('lease');
  leases = createSegmentLeases({ readModels: { client: tables.client, tableName: tables.readModelsTableName } });
});

const run = (runId: string) => ({ runId, step: 'rebuild' as const, totalSegments: 4 });

/** Work that waits until released, so that a second invocation meets the first still running. */
const held = () => {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const running = new Promise<void>((resolve) => (started = resolve));
  let calls = 0;
  const work = async (_p: unknown, segments: number[]) => {
    calls++;
    started();
    await released;
    return segments;
  };
  return { release: () => release(), calls: () => calls, running, work };
};

describe('a rebuild run', () => {
  it('refuses a second invocation of a segment while the first runs, naming the run and the segment', async () => {
    const first = held();
    const running = underLeases(leases, run('run-a'), [2], ['quality'], first.work);
    await first.running;
    const second = held();
    const refused = await underLeases(leases, run('run-a'), [2], ['quality'], second.work).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SegmentAlreadyStartedError);
    expect(refused).toMatchObject({
      code: 'SEGMENT_ALREADY_STARTED',
      message: expect.stringContaining('run run-a: rebuild of segment 2/4 for quality'),
    });
    expect(second.calls()).toBe(0);
    first.release();
    expect(await running).toEqual({ doneBefore: [], results: [{ projections: ['quality'], segments: [2], result: [2] }] });
  });

  it('reports a finished segment as done and does not work it again', async () => {
    const first = held();
    first.release();
    await underLeases(leases, run('run-b'), [0, 1], ['quality', 'funding'], first.work);
    const again = held();
    again.release();
    expect(await underLeases(leases, run('run-b'), [0, 1], ['quality', 'funding'], again.work)).toEqual({
      doneBefore: [0, 1],
      results: [],
    });
    expect(again.calls()).toBe(0);
    expect(await leases.read({ ...run('run-b'), segment: 1 }, 'funding')).toMatchObject({ status: 'done' });
  });

  it('lets two invocations that start the same segment at once work it once', async () => {
    const a = held();
    const b = held();
    const invocations = [
      underLeases(leases, run('run-c'), [3], ['case-status'], a.work),
      underLeases(leases, run('run-c'), [3], ['case-status'], b.work),
    ];
    // The winner is held in its work, so the first to settle is the loser.
    const loser = await Promise.race(
      invocations.map((p) =>
        p.then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    expect(loser).toMatchObject({ code: 'SEGMENT_ALREADY_STARTED' });
    a.release();
    b.release();
    const outcomes = await Promise.allSettled(invocations);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(a.calls() + b.calls()).toBe(1);
  });

  it('starts a failed segment again, and gives back the leases of an invocation refused on one of its segments', async () => {
    await expect(underLeases(leases, run('run-d'), [0], ['quality'], async () => Promise.reject(new Error('scan failed')))).rejects.toThrow(
      'scan failed',
    );
    expect(await leases.read({ ...run('run-d'), segment: 0 }, 'quality')).toMatchObject({ status: 'failed' });
    const blocker = held();
    const blocking = underLeases(leases, run('run-d'), [1], ['quality'], blocker.work);
    await blocker.running;
    const both = held();
    await expect(underLeases(leases, run('run-d'), [0, 1], ['quality'], both.work)).rejects.toBeInstanceOf(SegmentAlreadyStartedError);
    expect(both.calls()).toBe(0);
    expect(await leases.read({ ...run('run-d'), segment: 0 }, 'quality')).toMatchObject({ status: 'failed' });
    blocker.release();
    await blocking;
    const retry = held();
    retry.release();
    expect(await underLeases(leases, run('run-d'), [0, 1], ['quality'], retry.work)).toEqual({
      doneBefore: [1],
      results: [{ projections: ['quality'], segments: [0], result: [0] }],
    });
  });

  it('npm run rebuild -- --run <id> again: every segment reports done, nothing is dropped or folded twice', {
    timeout: 120_000,
  }, async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          'scripts/rebuild.ts',
          'quality',
          '--endpoint',
          tables.endpoint,
          '--prefix',
          tables.prefix,
          '--segments',
          '2',
          ...args,
        ],
        {
          env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' },
          timeout: 100_000,
        },
      );
    await cli('--run', 'cli-run');
    const { stderr } = await cli('--run', 'cli-run');
    expect(stderr).toContain('2 segments were dropped before in this run');
    expect(stderr).toContain('2 segments were rebuilt before in this run: done');
  });
});
