import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../domain/case/commands.ts';
import { caseDecider } from '../../domain/case/decider.ts';
import { DomainError } from '../../domain/errors.ts';
import { noticeStream } from '../../domain/streams.ts';
import { chinaYearOf } from '../../domain/time/calendar.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { createCommandRunner, requestHashOf } from '../../functions/lib/command-runner.ts';
import type { EventStore } from '../../functions/lib/event-store/event-store.ts';
import { newKey, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { AGENCY, assignedCase, grantedCase, lawyer, meetingBody, ok, pool, registerLawyer, reviewer } from '../support/reliability.ts';
import { problemOf, withProblem } from '../support/problem.ts';

// Contention and retries: many commands racing on one stream over HTTP. Whatever is
// acknowledged is stored exactly once; what is refused says the version it lost to; nothing is
// skipped or doubled; a retried request has one effect and one answer.
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('rel-contention');
  await registerLawyer(stack);
});
afterAll(async () => stack?.stop());

const meeting = (caseId: string, i: number, key: string, headers: Record<string, string> = {}) =>
  stack.request('POST', `/cases/${caseId}/meetings`, { as: lawyer, body: meetingBody(i), headers: { 'idempotency-key': key, ...headers } });

/** The stream has versions 1..n, each once, and its events name the keys that wrote them. */
const expectContiguous = (events: readonly EventEnvelope[]) => {
  expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
};

/** Every acknowledged answer is one stored event at the version it names, written under its key. */
const expectAcknowledgedStored = (answers: readonly { key: string; r: ApiResponse }[], events: readonly EventEnvelope[]) => {
  for (const { key, r } of answers.filter((a) => a.r.status === 200)) {
    const written = events.filter((e) => e.idempotencyKey === key);
    expect(written).toHaveLength(1);
    const [event] = r.body.events as { eventId: string; version: number }[];
    expect(r.body.version).toBe(written[0]!.version);
    expect(event).toMatchObject({ eventId: written[0]!.eventId, version: written[0]!.version });
  }
};

describe('50 commands racing on one case', () => {
  it('with If-Match of the same version: exactly one is stored, 49 get 412 with the version they lost to', async () => {
    const caseId = await assignedCase(stack);
    const before = (await stack.store.readStream(`case#${caseId}`)).length;
    const keys = Array.from({ length: 50 }, () => newKey('race'));
    const answers = await Promise.all(
      keys.map(async (key, i) => ({ key, r: await meeting(caseId, i, key, { 'if-match': `"${before}"` }) })),
    );

    const won = answers.filter((a) => a.r.status === 200);
    const lost = answers.filter((a) => a.r.status === 412);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const { r } of lost)
      expect(problemOf(r.body)).toMatchObject({ code: 'PRECONDITION_FAILED', expectedVersion: before, currentVersion: before + 1 });

    const events = await stack.store.readStream(`case#${caseId}`);
    expectContiguous(events);
    expect(events).toHaveLength(before + 1);
    expectAcknowledgedStored(answers, events);
  });

  it('without If-Match: the losers of a race re-decide on the new version, so every one is stored once', async () => {
    const caseId = await assignedCase(stack);
    const before = (await stack.store.readStream(`case#${caseId}`)).length;
    const keys = Array.from({ length: 50 }, () => newKey('race'));
    const answers = await Promise.all(keys.map(async (key, i) => ({ key, r: await meeting(caseId, i, key) })));

    // A bounded retry could in principle still give up: then it says so, with the current version.
    for (const { r } of answers.filter((a) => a.r.status !== 200))
      expect(withProblem(r)).toMatchObject({ status: 409, body: { code: 'VERSION_CONFLICT', currentVersion: expect.any(Number) } });
    const events = await stack.store.readStream(`case#${caseId}`);
    expectContiguous(events);
    expectAcknowledgedStored(answers, events);
    const stored = events.slice(before);
    expect(stored.map((e) => e.idempotencyKey).sort()).toEqual(
      answers
        .filter((a) => a.r.status === 200)
        .map((a) => a.key)
        .sort(),
    );
  });
});

describe('20 assignments at once in one agency', () => {
  it('take notice numbers 1..20, each once, on a counter stream with no gap', { timeout: 90_000 }, async () => {
    const counterStream = noticeStream(AGENCY, chinaYearOf(new Date().toISOString()));
    const first = (await stack.store.head(counterStream)).version + 1;
    const caseIds = await pool(Array.from({ length: 20 }), 4, () => grantedCase(stack));
    const answers = await Promise.all(
      caseIds.map((caseId) =>
        stack.request('POST', `/cases/${caseId}/assignment`, {
          as: reviewer,
          body: { workerId: lawyer.sub },
          headers: { 'idempotency-key': newKey('assign') },
        }),
      ),
    );

    for (const r of answers) ok(r);
    const numbers = answers.map((r) => (r.body.notice as { number: number }).number);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => first + i));

    const counter = await stack.store.readStream(counterStream);
    expectContiguous(counter);
    const stubs = counter.slice(first - 1);
    expect(stubs).toHaveLength(20);
    // Each stub names the case that took its number, and each case took one number.
    const byCase = new Map(stubs.map((e) => [(e.data as { caseId: string }).caseId, (e.data as { noticeNumber: number }).noticeNumber]));
    expect(byCase.size).toBe(20);
    caseIds.forEach((caseId, i) => expect(byCase.get(caseId)).toBe(numbers[i]));
    for (const caseId of caseIds) {
      const events = await stack.store.readStream(`case#${caseId}`);
      expectContiguous(events);
      expect(events.filter((e) => e.type === 'AidWorkerAssigned')).toHaveLength(1);
    }
  });
});

// The same race, made to happen every time: a rival request is let through between this command's
// load and its append. The runner is the one every command route uses.
describe('a command that loses a race at the store', () => {
  const actor = { id: lawyer.sub, role: 'aid-worker', organisation: AGENCY };
  const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, budgetMs: 10_000 };
  const rivalMeeting = (caseId: string) => async () => ok(await meeting(caseId, 99, newKey('rival')));
  /** The stack's store, but each of the first `times` appends first lets `rival` write. */
  const withRival = (rival: () => Promise<unknown>, times = 1): EventStore => {
    let left = times;
    return {
      ...stack.store,
      append: async (...args) => {
        if (left-- > 0) await rival();
        return stack.store.append(...args);
      },
    };
  };
  const runMeeting = (store: EventStore, caseId: string, { key = newKey('run'), ifMatch }: { key?: string; ifMatch?: number } = {}) =>
    createCommandRunner({ store, decider: caseDecider, catalogue, raceRetry: retry }).run({
      stream: `case#${caseId}`,
      command: { type: 'RecordClientMeeting', data: meetingBody(1) } as CaseCommand,
      context: { now: new Date().toISOString(), actor },
      meta: { actor, workstation: null, correlationId: 'race', idempotency: { key, requestHash: requestHashOf('one request') } },
      ...(ifMatch !== undefined ? { ifMatch } : {}),
    });

  it('without If-Match, loads again, decides again and is stored after the rival', async () => {
    const caseId = await assignedCase(stack);
    const outcome = await runMeeting(withRival(rivalMeeting(caseId)), caseId);
    const events = await stack.store.readStream(`case#${caseId}`);
    expect(outcome).toMatchObject({ version: 6, replayed: false });
    expect(events.map((e) => e.type).slice(-2)).toEqual(['ClientMeetingHeld', 'ClientMeetingHeld']);
    expect(events[5]!.eventId).toBe(outcome.events[0]!.eventId);
  });

  it('with If-Match, is refused with the version it lost to, and nothing of it is stored', async () => {
    const caseId = await assignedCase(stack);
    await expect(runMeeting(withRival(rivalMeeting(caseId)), caseId, { ifMatch: 4 })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      expectedVersion: 4,
      currentVersion: 5,
    });
    expect(await stack.store.readStream(`case#${caseId}`)).toHaveLength(5);
  });

  it('decides again on what the rival did: a case closed meanwhile refuses the meeting', async () => {
    const caseId = await assignedCase(stack);
    const close = async () =>
      ok(
        await stack.request('POST', `/cases/${caseId}/closing`, {
          as: lawyer,
          body: {
            outcome: 'mediation-agreement',
            summary: '调解结案',
            documents: [{ kind: 'handling-report', title: '结案报告' }],
            economicLossRecoveredFen: 0,
            closedAt: new Date().toISOString(),
          },
          headers: { 'idempotency-key': newKey() },
        }),
      );
    await expect(runMeeting(withRival(close), caseId)).rejects.toBeInstanceOf(DomainError);
    expect((await stack.store.readStream(`case#${caseId}`)).at(-1)?.type).toBe('CaseClosed');
  });

  it('answers a racing copy of itself with the copy that won', async () => {
    const caseId = await assignedCase(stack);
    const key = newKey('copy');
    const copy = () => runMeeting(stack.store, caseId, { key });
    const outcome = await runMeeting(withRival(copy), caseId, { key });
    expect(outcome).toMatchObject({ version: 5, replayed: true });
    expect((await stack.store.readStream(`case#${caseId}`)).filter((e) => e.idempotencyKey === key)).toHaveLength(1);
  });

  it('gives up after its bounded tries with a 409 naming the current version', async () => {
    const caseId = await assignedCase(stack);
    await expect(runMeeting(withRival(rivalMeeting(caseId), retry.attempts), caseId)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: 4 + retry.attempts,
    });
    expect(await stack.store.readStream(`case#${caseId}`)).toHaveLength(4 + retry.attempts);
  });
});
