import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeStream } from '../../domain/streams.ts';
import { chinaYearOf } from '../../domain/time/calendar.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { AGENCY, assignedCase, grantedCase, lawyer, meetingBody, ok, registerLawyer, reviewer } from '../support/reliability.ts';
import { problemOf } from '../support/problem.ts';

// Retries: a client that did not hear the answer sends the same request again, with the
// same Idempotency-Key, one after another or all at once. One effect; every copy the same answer.
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('rel-idempotency');
  await registerLawyer(stack);
});
afterAll(async () => stack?.stop());

type Send = () => Promise<ApiResponse>;
const sequentially = async (send: Send, n = 10) => {
  const out: ApiResponse[] = [];
  for (let i = 0; i < n; i++) out.push(await send());
  return out;
};
const concurrently = (send: Send, n = 10) => Promise.all(Array.from({ length: n }, send));

/** Ten answers with one status, one body and one ETag; exactly one of them is not a replay. */
const expectTenSameAnswers = (answers: readonly ApiResponse[], status: number) => {
  expect(answers).toHaveLength(10);
  for (const r of answers) expect(r.status, JSON.stringify(r.body)).toBe(status);
  for (const r of answers.slice(1)) {
    expect(r.body).toEqual(answers[0]!.body);
    expect(r.headers.get('etag')).toBe(answers[0]!.headers.get('etag'));
  }
  expect(answers.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
};

const stream = (caseId: string) => stack.store.readStream(`case#${caseId}`);

describe.each([
  ['one after another', sequentially],
  ['all at once', concurrently],
] as const)('the same request ten times, %s', (_, send) => {
  it('opens one case', async () => {
    const key = newKey('open');
    const body = applicationBody();
    const answers = await send(() => stack.request('POST', '/applications', { as: reviewer, body, headers: { 'idempotency-key': key } }));
    expectTenSameAnswers(answers, 201);
    const events = await stream(answers[0]!.body.caseId as string);
    expect(events.map((e) => e.type)).toEqual(['ApplicationReceived']);
    expect(events[0]!.idempotencyKey).toBe(key);
  });

  it('records one meeting', async () => {
    const caseId = await assignedCase(stack);
    const key = newKey('meeting');
    const body = meetingBody(1);
    const answers = await send(() =>
      stack.request('POST', `/cases/${caseId}/meetings`, { as: lawyer, body, headers: { 'idempotency-key': key } }),
    );
    expectTenSameAnswers(answers, 200);
    const events = await stream(caseId);
    expect(events.filter((e) => e.idempotencyKey === key).map((e) => e.version)).toEqual([5]);
    expect(events).toHaveLength(5);
  });

  it('makes one assignment under one notice number', async () => {
    const caseId = await grantedCase(stack);
    const counter = noticeStream(AGENCY, chinaYearOf(new Date().toISOString()));
    const numberBefore = (await stack.store.head(counter)).version;
    const key = newKey('assign');
    const answers = await send(() =>
      stack.request('POST', `/cases/${caseId}/assignment`, {
        as: reviewer,
        body: { workerId: lawyer.sub },
        headers: { 'idempotency-key': key },
      }),
    );
    expectTenSameAnswers(answers, 200);
    expect(answers[0]!.body.notice).toMatchObject({ number: numberBefore + 1 });
    expect((await stream(caseId)).filter((e) => e.type === 'AidWorkerAssigned')).toHaveLength(1);
    const stubs = (await stack.store.readStream(counter)).filter((e) => e.idempotencyKey === key);
    expect(stubs.map((e) => e.version)).toEqual([numberBefore + 1]);
  });

  it('is refused the same way each time when the rules forbid it, and writes nothing', async () => {
    const opened = ok(
      await stack.request('POST', '/applications', { as: reviewer, body: applicationBody(), headers: { 'idempotency-key': newKey() } }),
      201,
    );
    const caseId = opened.body.caseId as string;
    const key = newKey('early-grant');
    const answers = await send(() =>
      stack.request('POST', `/cases/${caseId}/grant`, {
        as: reviewer,
        body: { legalBasis: '《法律援助法》第四十三条' },
        headers: { 'idempotency-key': key },
      }),
    );
    for (const r of answers) expect(r).toMatchObject({ status: 409, body: answers[0]!.body });
    expect(problemOf(answers[0]!.body)).toMatchObject({ code: 'MEANS_CONDITION_UNSETTLED' });
    expect(await stream(caseId)).toHaveLength(1);
  });
});

describe('the same key with a different request', () => {
  it('is refused with 422 and does not replace the first effect, even when the two race', async () => {
    const caseId = await assignedCase(stack);
    const key = newKey('reused');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stack.request('POST', `/cases/${caseId}/meetings`, { as: lawyer, body: meetingBody(i % 2), headers: { 'idempotency-key': key } }),
      ),
    );
    const won = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status === 422);
    expect(won.length + refused.length).toBe(10);
    expect(refused.length).toBeGreaterThan(0);
    // The copies of the request that was stored all get its answer; the other request gets 422.
    for (const r of won) expect(r.body).toEqual(won[0]!.body);
    for (const r of refused) expect(problemOf(r.body)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect((await stream(caseId)).filter((e) => e.idempotencyKey === key)).toHaveLength(1);
  });
});
