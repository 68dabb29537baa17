import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../events/envelope.ts';
import { hashEvent } from '../../events/hash-chain.ts';
import { projectionDlq, PUBLISHER_DLQ } from '../../infra/local/local-stack.ts';
import { applicationBody } from '../support/fixtures.ts';
import { deadLettered, redriveStack, startTestStack } from '../support/local-stack.ts';
import { ok, post, reviewer } from '../support/reliability.ts';
import { withProblem } from '../support/problem.ts';

// Bad data in the store: an event of an old shape no upcaster lifts, and an item that is
// not an event at all (both put with PutItem, around the event store). Every path that meets one —
// a command on the case, the projection, the publisher, reading the case — names the stream and
// version and fails that case alone; the stream keeps flowing for every other case, and the poison
// waits in a dead-letter queue.
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('rel-bad-data');
});
afterAll(async () => stack?.stop());

const openCase = async () => ok(await post(stack, reviewer, '/applications', applicationBody()), 201).body.caseId as string;
const assessMeans = async (caseId: string) =>
  post(stack, reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });
const grant = (caseId: string) => post(stack, reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第四十三条' });
const read = (caseId: string) => stack.request('GET', `/cases/${caseId}`, { as: reviewer });
const putRaw = (item: Record<string, unknown>) =>
  stack.client.send(new PutItemCommand({ TableName: stack.eventsTable, Item: marshall(item, { removeUndefinedValues: true }) }));

/** The next event of the stream as an older release would have stored it: a sound envelope, data of another shape. */
const oldShapeAfter = (last: EventEnvelope): EventEnvelope => {
  const unsealed = {
    ...last,
    eventId: randomUUID(),
    type: 'AidGranted',
    schemaVersion: 1,
    version: last.version + 1,
    idempotencyKey: null,
    requestHash: null,
    prevHash: last.hash,
    // The shape before `legalBasis` and `grantedBy` (no upcaster was ever written for it).
    data: { basis: '《法律援助法》第四十三条', decidedAt: last.recordedAt },
  };
  return { ...unsealed, hash: hashEvent(unsealed) };
};

describe('an event the current schemas cannot read', () => {
  let oldShape: string;
  let corrupt: string;
  let healthy: string;
  beforeAll(async () => {
    [oldShape, corrupt, healthy] = [await openCase(), await openCase(), await openCase()];
    for (const caseId of [oldShape, corrupt, healthy]) ok(await assessMeans(caseId));
    await stack.settle();
    const [last] = (await stack.store.readStream(`case#${oldShape}`)).slice(-1);
    await putRaw(oldShapeAfter(last!));
    await putRaw({ stream: `case#${corrupt}`, version: 3, type: 'AidGranted', data: 'not an event' });
    // Written after the poison: the stream must carry them past it.
    ok(await grant(healthy));
    await stack.settle();
  });

  it('fails a command on that case alone, naming the stream and the version', async () => {
    expect(withProblem(await grant(oldShape))).toMatchObject({
      status: 500,
      body: { code: 'UNREADABLE_EVENT', stream: `case#${oldShape}`, version: 3, reason: expect.stringContaining('legalBasis') },
    });
    expect(withProblem(await grant(corrupt))).toMatchObject({
      status: 500,
      body: { code: 'CORRUPT_EVENT', stream: `case#${corrupt}`, version: 3 },
    });
    const other = await openCase();
    ok(await assessMeans(other));
    ok(await grant(other));
    // Nothing was written to the sick cases.
    expect((await stack.store.head(`case#${healthy}`)).version).toBe(3);
  });

  it('keeps the stream flowing: the publisher dead-letters the unreadable item, the projection the unreadable event', async () => {
    const published = lettersIn(PUBLISHER_DLQ);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      kind: 'unpublished-event',
      entry: { DetailType: 'Unreadable' },
      error: expect.stringContaining(`case#${corrupt}@3`),
    });
    // Each projection the event is routed to (a grant moves a quality deadline and the statistics' deadline
    // counts too) gave up on it alone.
    for (const projection of ['case-status', 'quality', 'statistics'] as const) {
      // The event as the rule delivered it, moved there by the source queue's redrive policy.
      const undelivered = lettersIn(projectionDlq(projection));
      expect(undelivered).toHaveLength(1);
      expect(undelivered[0]).toMatchObject({ 'detail-type': 'AidGranted', detail: { stream: `case#${oldShape}`, version: 3 } });
    }
    expect(lettersIn(projectionDlq('funding'))).toEqual([]);
    // Everything written after the poison reached the read side.
    expect(await read(healthy)).toMatchObject({ status: 200, body: { version: 3, status: 'awaiting-assignment' } });
  });

  it('answers a read of the case with the event it is stuck at', async () => {
    expect(withProblem(await read(oldShape))).toMatchObject({
      status: 500,
      body: { code: 'UNREADABLE_EVENT', stream: `case#${oldShape}`, version: 3 },
    });
    // The item that is no event never reached a projection (the publisher could not read it): the case
    // shows what it was before it, and the audit's verification names it.
    expect(await read(corrupt)).toMatchObject({ status: 200, body: { version: 2 } });
    const verify = await stack.request('GET', `/cases/${corrupt}/verify`, { as: principalAuditor });
    expect(verify.body).toMatchObject({ verified: false, firstBreak: { reason: 'INVALID_ENVELOPE', version: 3 } });
  });

  it('keeps the poison in its queue on a redrive: the unreadable item with its reason, the unreadable event back in its DLQ', async () => {
    const report = await redriveStack(stack);
    // The publisher's letter is kept, saying which item; the projections' letters go back to their
    // source queues, fail there as many times as before, and return to their DLQs.
    expect(report).toMatchObject({ redriven: 3, kept: 1 });
    const reasons = report.queues.flatMap((q) => q.kept.map((k) => k.reason)).join('\n');
    expect(reasons).toContain(`case#${corrupt}@3 still cannot be read`);
    await stack.settle();
    expect(deadLettered(stack)).toHaveLength(4);
    for (const projection of ['case-status', 'quality', 'statistics'] as const)
      expect(lettersIn(projectionDlq(projection))).toHaveLength(1);
  });
});

const principalAuditor = { sub: 'auditor-sun', role: 'auditor', org: 'justice-bureau:hz' };
const lettersIn = (queue: string) => stack.queues.list(queue).map((m) => JSON.parse(m.body) as Record<string, unknown>);
