import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorFaults } from '../../infra/local/aws-emulator.ts';
import type { BusEvent } from '../../infra/local/local-bus.ts';
import { projectionDlq, PUBLISHER_DLQ } from '../../infra/local/local-stack.ts';
import { redrive } from '../../infra/local/redrive.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, startTestStack } from '../support/local-stack.ts';
import { readModelItems, rebuildReadModels } from '../support/rebuild.ts';
import { ok, post, reviewer } from '../support/reliability.ts';

// The bus fails: the publisher's PutEvents refuses entries, then whole calls; a projection
// throws for one event. What is refused is retried, what cannot be delivered is dead-lettered
// (nothing acknowledged is lost), other cases keep flowing, and after a redrive every read model
// equals a rebuild from the event store.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
const stacks: Stack[] = [];
afterAll(async () => {
  for (const s of stacks) await s.stop();
});

const detailOf = (detail: string | undefined) => JSON.parse(detail ?? '{}') as { eventId: string; stream: string; version: number };
const caseVersion = async (stack: Stack, caseId: string): Promise<number | null> => {
  const r = await stack.request('GET', `/cases/${caseId}`, { as: reviewer });
  return r.status === 200 ? (r.body.version as number) : null;
};
const openCase = async (stack: Stack) => (ok(await post(stack, reviewer, '/applications', applicationBody()), 201).body.caseId as string);
const assessMeans = async (stack: Stack, caseId: string) =>
  ok(await post(stack, reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null }));
const lettersIn = (stack: Stack, queue: string) => stack.deadLetters.list(queue).map((m) => JSON.parse(m.body) as Record<string, unknown>);
const expectConverged = async (stack: Stack) => {
  await stack.settle();
  expect(await readModelItems(stack.client, stack.readModelsTable)).toEqual(await rebuildReadModels(stack.client, stack.eventsTable));
};

describe('PutEvents refuses entries, then whole calls', () => {
  // Every entry the emulator is asked to put, by event id: how often, and whether it went on the bus.
  const attempts = new Map<string, number>();
  const accepted = new Set<string>();
  let flaky = false;
  let refusedStream: string | null = null;
  let outage = false;
  const faults: EmulatorFaults = {
    putEventsCall: () => outage,
    putEventsEntry: (entry) => {
      const d = detailOf(entry.Detail);
      const n = (attempts.get(d.eventId) ?? 0) + 1;
      attempts.set(d.eventId, n);
      if (d.stream === refusedStream) return 'InternalFailure';
      if (flaky && n === 1) return 'ThrottlingException';
      accepted.add(d.eventId);
      return null;
    },
  };
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack('rel-bus', { faults });
    stacks.push(stack);
  });

  it('retries the refused entries alone, dead-letters what never goes, and converges after a redrive', { timeout: 60_000 }, async () => {
    // 1. Each entry refused the first time it is put: the publisher puts it again, nothing is lost.
    flaky = true;
    const steady = [await openCase(stack), await openCase(stack), await openCase(stack)];
    for (const caseId of steady) await assessMeans(stack, caseId);
    await stack.settle();
    flaky = false;
    for (const caseId of steady) {
      for (const e of await stack.store.readStream(`case#${caseId}`)) expect(attempts.get(e.eventId), `${e.stream}@${e.version}`).toBe(2);
      expect(await caseVersion(stack, caseId)).toBe(2);
    }
    expect(stack.deadLetters.list()).toEqual([]);

    // 2. One case's entries always refused (the rest of each call goes through), then the bus down.
    const refused = await openCase(stack);
    refusedStream = `case#${refused}`;
    await assessMeans(stack, refused);
    const alongside = await openCase(stack);
    await stack.settle();
    outage = true;
    await assessMeans(stack, steady[0]!);
    const duringOutage = await openCase(stack);
    await stack.settle();

    const letters = lettersIn(stack, PUBLISHER_DLQ);
    const where = (l: Record<string, unknown>) => {
      const d = detailOf((l.entry as { Detail?: string }).Detail);
      return `${d.stream}@${d.version}`;
    };
    expect(letters.map(where).sort()).toEqual([`case#${refused}@1`, `case#${refused}@2`, `case#${steady[0]}@3`, `case#${duringOutage}@1`].sort());
    for (const l of letters) expect(l).toMatchObject({ kind: 'unpublished-event', sequenceNumber: expect.any(String), entry: { DetailType: expect.any(String) }, error: expect.any(String) });
    // The read side has not seen them; the case that went alongside the refused one has been seen.
    expect(await caseVersion(stack, refused)).toBeNull();
    expect(await caseVersion(stack, duringOutage)).toBeNull();
    expect(await caseVersion(stack, steady[0]!)).toBe(2);
    expect(await caseVersion(stack, alongside)).toBe(1);

    // 3. A redrive while the bus is still down keeps every message.
    const early = await redrive({ endpoint: stack.emulator.endpoint });
    expect(early).toMatchObject({ redriven: 0, kept: 4 });
    expect(lettersIn(stack, PUBLISHER_DLQ)).toHaveLength(4);

    // 4. The bus is back: the redrive puts them all, empties the queue, and the read models converge.
    outage = false;
    refusedStream = null;
    const report = await redrive({ endpoint: stack.emulator.endpoint });
    expect(report).toMatchObject({ redriven: 4, kept: 0 });
    expect(stack.deadLetters.list()).toEqual([]);
    await expectConverged(stack);
    expect(await caseVersion(stack, steady[0]!)).toBe(3);
    expect(await caseVersion(stack, refused)).toBe(2);
    // Every stored event went on the bus at least once.
    for (const caseId of [...steady, refused, alongside, duringOutage]) {
      for (const e of await stack.store.readStream(`case#${caseId}`)) expect(accepted.has(e.eventId), `${e.stream}@${e.version}`).toBe(true);
    }

    // 5. Idempotent: nothing left to do.
    expect(await redrive({ endpoint: stack.emulator.endpoint })).toMatchObject({ redriven: 0, kept: 0 });
  });
});

describe('a projection throws for one event', () => {
  let poisoned: string | null = null;
  const deliveriesOf = new Map<string, number>();
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack('rel-poison', {
      busAttempts: 3,
      wrapProjection: (projection, target) =>
        projection !== 'case-status'
          ? target
          : async (event: BusEvent) => {
              const d = event.detail as { stream: string; version: number };
              const key = `${d.stream}@${d.version}`;
              deliveriesOf.set(key, (deliveriesOf.get(key) ?? 0) + 1);
              if (key === poisoned) throw new Error(`injected failure for ${key}`);
              return target(event);
            },
    });
    stacks.push(stack);
  });

  const runRedrive = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--disable-warning=ExperimentalWarning', 'scripts/redrive.ts', '--endpoint', stack.emulator.endpoint, ...args]).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it('is retried, then dead-lettered; other cases keep flowing; after the fix a redrive converges', { timeout: 60_000 }, async () => {
    const sick = await openCase(stack);
    const others = [await openCase(stack), await openCase(stack)];
    await stack.settle();
    poisoned = `case#${sick}@2`;
    await assessMeans(stack, sick);
    for (const caseId of others) await assessMeans(stack, caseId);
    const later = await openCase(stack);
    await stack.settle();

    // Tried busAttempts times, then dead-lettered with the event and the error.
    expect(deliveriesOf.get(poisoned)).toBe(3);
    const letters = lettersIn(stack, projectionDlq('case-status'));
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ kind: 'undelivered-event', rule: 'case-status', event: { detail: { stream: `case#${sick}`, version: 2 } }, error: expect.stringContaining('injected failure') });
    // The sick case's status is stuck before the event; every other case has moved on.
    expect(await caseVersion(stack, sick)).toBe(1);
    for (const caseId of others) expect(await caseVersion(stack, caseId)).toBe(2);
    expect(await caseVersion(stack, later)).toBe(1);

    // Not fixed yet: the redrive (the CLI, against the running stack) keeps the message and says why.
    const notYet = await runRedrive('--queue', projectionDlq('case-status'));
    expect(notYet.code).toBe(1);
    expect(notYet.stdout).toMatch(/projection-case-status-dlq\s+0 redriven, 1 kept/);
    expect(notYet.stdout).toContain('injected failure');
    expect(lettersIn(stack, projectionDlq('case-status'))).toHaveLength(1);

    // Fixed: the redrive delivers it to the case-status target alone, and removes it.
    poisoned = null;
    const fixed = await runRedrive();
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/projection-case-status-dlq\s+1 redriven, 0 kept/);
    expect(stack.deadLetters.list()).toEqual([]);
    expect(await caseVersion(stack, sick)).toBe(2);
    await expectConverged(stack);
  });
});

describe('npm run redrive', () => {
  it('says how to point it at a stack when none runs on the data directory', async () => {
    const out = await promisify(execFile)(process.execPath, ['--disable-warning=ExperimentalWarning', 'scripts/redrive.ts', '--data-dir', `/tmp/no-stack-${newKey()}`]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(out).toMatchObject({ code: 2, stderr: expect.stringContaining('no running stack found') });
  });
});
