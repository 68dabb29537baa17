import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionDelivery } from '../../infra/definitions/projection-delivery.ts';
import type { StreamFailureRecord } from '../../infra/definitions/stream-failure-record.ts';
import type { EmulatorFaults } from '../../infra/local/aws-emulator.ts';
import { projectionDlq, projectionSource, PUBLISHER_DLQ, ruleDlq, STREAM_FAILURES } from '../../infra/local/local-stack.ts';
import { applicationBody } from '../support/fixtures.ts';
import { deadLettered, newKey, redriveStack, startTestStack } from '../support/local-stack.ts';
import { readModelItems, rebuildReadModels } from '../support/rebuild.ts';
import { ok, post, reviewer } from '../support/reliability.ts';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';

// The bus fails: the publisher's PutEvents refuses entries, then whole calls; a projection throws for
// one event; delivery into a projection's queue fails; the publisher's own dead-letter queue refuses.
// What is refused is retried, what cannot be delivered is dead-lettered in the queue and the shape AWS
// uses (nothing acknowledged is lost), other cases keep flowing, and after a redrive (the function
// behind `npm run redrive`) every read model equals a rebuild from the event store.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
const stacks: Stack[] = [];
afterAll(async () => {
  for (const s of stacks) await s.stop();
});

const detailOf = (detail: string | undefined) => JSON.parse(detail ?? '{}') as { eventId: string; stream: string; version: number };
/** The version the case-status read model holds (null before it holds the case): the API answers from the store while it is behind. */
const caseVersion = async (stack: Stack, caseId: string): Promise<number | null> => {
  const record = await createCaseStatusTable({ client: stack.client, tableName: stack.readModelsTable }).get(caseId, { consistent: true });
  return record?.version ?? null;
};
const openCase = async (stack: Stack) => ok(await post(stack, reviewer, '/applications', applicationBody()), 201).body.caseId as string;
const assessMeans = async (stack: Stack, caseId: string) =>
  ok(
    await post(stack, reviewer, `/cases/${caseId}/means-assessment`, {
      method: 'integrity-pledge',
      result: 'within-standard',
      reference: null,
    }),
  );
const lettersIn = (stack: Stack, queue: string) => stack.queues.list(queue).map((m) => JSON.parse(m.body) as Record<string, unknown>);
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
    expect(deadLettered(stack)).toEqual([]);

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
    expect(letters.map(where).sort()).toEqual(
      [`case#${refused}@1`, `case#${refused}@2`, `case#${steady[0]}@3`, `case#${duringOutage}@1`].sort(),
    );
    for (const l of letters)
      expect(l).toMatchObject({
        kind: 'unpublished-event',
        sequenceNumber: expect.any(String),
        entry: { DetailType: expect.any(String) },
        error: expect.any(String),
      });
    // The read side has not seen them; the case that went alongside the refused one has been seen.
    expect(await caseVersion(stack, refused)).toBeNull();
    expect(await caseVersion(stack, duringOutage)).toBeNull();
    expect(await caseVersion(stack, steady[0]!)).toBe(2);
    expect(await caseVersion(stack, alongside)).toBe(1);

    // 3. A redrive while the bus is still down keeps every message.
    const early = await redriveStack(stack);
    expect(early).toMatchObject({ redriven: 0, kept: 4 });
    expect(lettersIn(stack, PUBLISHER_DLQ)).toHaveLength(4);

    // 4. The bus is back: the redrive puts them all, empties the queue, and the read models converge.
    outage = false;
    refusedStream = null;
    const report = await redriveStack(stack);
    expect(report).toMatchObject({ redriven: 4, kept: 0 });
    expect(deadLettered(stack)).toEqual([]);
    await expectConverged(stack);
    expect(await caseVersion(stack, steady[0]!)).toBe(3);
    expect(await caseVersion(stack, refused)).toBe(2);
    // Every stored event went on the bus at least once.
    for (const caseId of [...steady, refused, alongside, duringOutage]) {
      for (const e of await stack.store.readStream(`case#${caseId}`))
        expect(accepted.has(e.eventId), `${e.stream}@${e.version}`).toBe(true);
    }

    // 5. Idempotent: nothing left to do.
    expect(await redriveStack(stack)).toMatchObject({ redriven: 0, kept: 0 });
  });
});

describe('a projection throws for one event', () => {
  let poisoned: string | null = null;
  const deliveriesOf = new Map<string, number>();
  const appliedOf = new Map<string, number>();
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack('rel-poison', {
      // The stack's maxReceiveCount and batch size; a short visibility timeout so the receives take a second, not minutes.
      visibilityTimeoutSeconds: 0.2,
      wrapProjection: (projection, target) =>
        projection !== 'case-status'
          ? target
          : async (event) => {
              const d = (event as { detail: { stream: string; version: number } }).detail;
              const key = `${d.stream}@${d.version}`;
              deliveriesOf.set(key, (deliveriesOf.get(key) ?? 0) + 1);
              if (key === poisoned) throw new Error(`injected failure for ${key}`);
              const applied = await target(event);
              if (applied.outcome === 'applied') appliedOf.set(key, (appliedOf.get(key) ?? 0) + 1);
              return applied;
            },
    });
    stacks.push(stack);
  });

  const runRedrive = (...args: string[]) =>
    promisify(execFile)(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      'scripts/redrive.ts',
      '--endpoint',
      stack.emulator.endpoint,
      ...args,
    ]).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it("is received maxReceiveCount times, then moved to the projection's DLQ unchanged; other cases keep flowing; after the fix one redrive applies it once", {
    timeout: 90_000,
  }, async () => {
    const sick = await openCase(stack);
    const others = [await openCase(stack), await openCase(stack)];
    await stack.settle();
    poisoned = `case#${sick}@2`;
    await assessMeans(stack, sick);
    for (const caseId of others) await assessMeans(stack, caseId);
    const later = await openCase(stack);
    await stack.settle();

    // Received maxReceiveCount times, then moved by the queue's redrive policy: the body is the
    // EventBridge event as the rule delivered it, and SQS names the queue it came from.
    expect(deliveriesOf.get(poisoned)).toBe(projectionDelivery.maxReceiveCount);
    const [letter, ...more] = stack.queues.list(projectionDlq('case-status'));
    expect(more).toEqual([]);
    expect(JSON.parse(letter!.body)).toMatchObject({
      version: '0',
      source: 'legal-aid.event-store',
      'detail-type': 'MeansAssessed',
      detail: { stream: `case#${sick}`, version: 2 },
    });
    expect(letter!.deadLetterSourceArn).toBe(stack.queues.arnOf(projectionSource('case-status')));
    expect(stack.queues.list(projectionSource('case-status'))).toEqual([]);
    // The sick case's status is stuck before the event; every other case has moved on.
    expect(await caseVersion(stack, sick)).toBe(1);
    for (const caseId of others) expect(await caseVersion(stack, caseId)).toBe(2);
    expect(await caseVersion(stack, later)).toBe(1);

    // Not fixed yet: the redrive (the CLI, against the running stack) moves it back to the source
    // queue, where it fails maxReceiveCount times again and returns to the DLQ, as in AWS.
    const notYet = await runRedrive('--queue', projectionDlq('case-status'));
    expect(notYet.code).toBe(0);
    expect(notYet.stdout).toMatch(/projection-case-status-dlq\s+1 found, 1 redriven, 0 kept/);
    await stack.settle();
    expect(deliveriesOf.get(poisoned)).toBe(2 * projectionDelivery.maxReceiveCount);
    expect(lettersIn(stack, projectionDlq('case-status'))).toHaveLength(1);

    // Fixed. A dry run says what it would do and changes nothing.
    poisoned = null;
    const dry = await runRedrive('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing changed');
    expect(dry.stdout).toMatch(
      /projection-case-status-dlq\s+1 found, 0 redriven, 0 kept\n\s+would start a message move task to projection-case-status-source/,
    );
    expect(lettersIn(stack, projectionDlq('case-status'))).toHaveLength(1);
    expect(appliedOf.get(`case#${sick}@2`)).toBeUndefined();

    // The redrive puts it through once: applied, the DLQ empty, and a second redrive finds nothing.
    const fixed = await runRedrive();
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/projection-case-status-dlq\s+1 found, 1 redriven, 0 kept/);
    await stack.settle();
    expect(deadLettered(stack)).toEqual([]);
    expect(await caseVersion(stack, sick)).toBe(2);
    expect(appliedOf.get(`case#${sick}@2`)).toBe(1);
    expect(await redriveStack(stack)).toMatchObject({ redriven: 0, kept: 0 });
    await expectConverged(stack);
  });
});

describe("delivery into a projection's queue fails", () => {
  let refused: string | null = null;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack('rel-rule-dlq', { busAttempts: 3, faults: { sqsSend: (queue) => queue === refused } });
    stacks.push(stack);
  });

  it('the rule dead-letters the event as EventBridge does; the redrive sends it into the queue', { timeout: 60_000 }, async () => {
    refused = projectionSource('case-status');
    const caseId = await openCase(stack);
    await stack.settle();
    refused = null;
    // The same body as a projection DLQ holds (the event); why, in EventBridge's message attributes.
    const [letter, ...more] = stack.queues.list(ruleDlq('case-status'));
    expect(more).toEqual([]);
    expect(JSON.parse(letter!.body)).toMatchObject({
      'detail-type': 'ApplicationReceived',
      detail: { stream: `case#${caseId}`, version: 1 },
    });
    expect(Object.keys(letter!.messageAttributes).sort()).toEqual([
      'ERROR_CODE',
      'ERROR_MESSAGE',
      'EXHAUSTED_RETRY_CONDITION',
      'RETRY_ATTEMPTS',
      'RULE_ARN',
      'TARGET_ARN',
    ]);
    expect(letter!.messageAttributes.TARGET_ARN!.StringValue).toBe(stack.queues.arnOf(projectionSource('case-status')));
    expect(await caseVersion(stack, caseId)).toBeNull();

    expect(await redriveStack(stack)).toMatchObject({ redriven: 1, kept: 0 });
    await stack.settle();
    expect(deadLettered(stack)).toEqual([]);
    expect(await caseVersion(stack, caseId)).toBe(1);
    await expectConverged(stack);
  });
});

describe('the publisher cannot publish nor dead-letter a batch', () => {
  let down = false;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack('rel-stream-failure', {
      streamRetryAttempts: 2,
      faults: { putEventsCall: () => down, sqsSend: (queue) => down && queue === PUBLISHER_DLQ },
    });
    stacks.push(stack);
  });

  it('after the retries, the range goes to the stream-failure queue as Lambda writes it; the redrive reads it back and publishes it', {
    timeout: 60_000,
  }, async () => {
    const before = await openCase(stack);
    await stack.settle();
    down = true;
    const lost = await openCase(stack);
    await stack.settle();
    down = false;

    const records = lettersIn(stack, STREAM_FAILURES) as unknown as StreamFailureRecord[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestContext: {
        requestId: expect.any(String),
        functionArn: expect.stringContaining(':function:'),
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      version: '1.0',
      timestamp: expect.any(String),
      DDBStreamBatchInfo: {
        shardId: expect.any(String),
        startSequenceNumber: expect.any(String),
        endSequenceNumber: expect.any(String),
        approximateArrivalOfFirstRecord: expect.any(String),
        approximateArrivalOfLastRecord: expect.any(String),
        batchSize: 1,
        streamArn: expect.stringContaining('/stream/'),
      },
    });
    expect(await caseVersion(stack, lost)).toBeNull();
    expect(await caseVersion(stack, before)).toBe(1);

    const dry = await redriveStack(stack, { dryRun: true });
    expect(dry).toMatchObject({ redriven: 0, kept: 0 });
    expect(lettersIn(stack, STREAM_FAILURES)).toHaveLength(1);

    expect(await redriveStack(stack)).toMatchObject({ redriven: 1, kept: 0 });
    await stack.settle();
    expect(deadLettered(stack)).toEqual([]);
    expect(await caseVersion(stack, lost)).toBe(1);
    await expectConverged(stack);
  });
});

describe('npm run redrive', () => {
  it('says how to point it at a stack when none runs on the data directory', async () => {
    const out = await promisify(execFile)(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      'scripts/redrive.ts',
      '--data-dir',
      `/tmp/no-stack-${newKey()}`,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(out).toMatchObject({ code: 2, stderr: expect.stringContaining('no running stack found') });
  });
});
