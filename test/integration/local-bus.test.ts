import { describe, expect, it } from 'vitest';
import { createLocalQueues } from '../../infra/local/local-queues.ts';
import { createLocalBus, type BusEvent } from '../../infra/local/local-bus.ts';

const entry = (stream: string, type = 'ApplicationReceived') => ({
  Source: 'legal-aid.event-store',
  DetailType: type,
  Detail: JSON.stringify({ stream, type }),
});

describe('local bus', () => {
  it('delivers to the rules whose pattern matches, as EventBridge-shaped events', async () => {
    const cases: BusEvent[] = [];
    const others: BusEvent[] = [];
    const bus = createLocalBus({
      busName: 'b',
      region: 'cn-north-1',
      deadLetters: createLocalQueues({ region: 'r' }),
      rules: [
        {
          name: 'cases',
          pattern: { detail: { stream: [{ prefix: 'case#' }] } },
          target: async (e) => void cases.push(e),
          deadLetterQueue: 'q1',
        },
        {
          name: 'duty',
          pattern: { detail: { stream: [{ prefix: 'duty#' }] } },
          target: async (e) => void others.push(e),
          deadLetterQueue: 'q2',
        },
      ],
    });
    const results = bus.putEvents([entry('case#1'), entry('duty#2'), entry('consultation#3')]);
    expect(results.every((r) => r.EventId)).toBe(true);
    await bus.idle();
    expect(cases.map((e) => (e.detail as { stream: string }).stream)).toEqual(['case#1']);
    expect(others.map((e) => (e.detail as { stream: string }).stream)).toEqual(['duty#2']);
    expect(cases[0]).toMatchObject({
      version: '0',
      source: 'legal-aid.event-store',
      'detail-type': 'ApplicationReceived',
      account: '000000000000',
      region: 'cn-north-1',
    });
  });

  it('refuses malformed entries one by one', () => {
    const bus = createLocalBus({ busName: 'b', region: 'r', deadLetters: createLocalQueues({ region: 'r' }), rules: [] });
    const results = bus.putEvents([
      { Source: 's', DetailType: 't', Detail: '{' },
      { Source: 's', DetailType: 't', Detail: '[1]' },
      { Source: 's' },
      entry('case#1'),
    ]);
    expect(results.map((r) => r.ErrorCode ?? 'ok')).toEqual(['MalformedDetail', 'MalformedDetail', 'InvalidArgument', 'ok']);
  });

  it("retries a failing delivery, then puts the event in the rule's dead-letter queue as EventBridge does", async () => {
    const deadLetters = createLocalQueues({ region: 'r' });
    let calls = 0;
    const bus = createLocalBus({
      busName: 'b',
      region: 'r',
      deadLetters,
      attempts: 3,
      backoffMs: 1,
      rules: [
        {
          name: 'poison',
          pattern: { source: ['legal-aid.event-store'] },
          target: async () => {
            calls++;
            throw Object.assign(new Error('cannot deliver'), { code: 'SQS.InternalError' });
          },
          deadLetterQueue: 'poison-dlq',
          targetArn: 'arn:aws:sqs:r:000000000000:poison-source',
        },
      ],
    });
    bus.putEvents([entry('case#1')]);
    await bus.idle();
    expect(calls).toBe(3);
    // The body is the event itself; why it was not delivered is in the message attributes.
    const [letter] = deadLetters.list('poison-dlq');
    expect(JSON.parse(letter!.body)).toMatchObject({ version: '0', source: 'legal-aid.event-store', detail: { stream: 'case#1' } });
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    expect(letter!.messageAttributes).toEqual({
      ERROR_CODE: text('SQS.InternalError'),
      ERROR_MESSAGE: text('cannot deliver'),
      EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttempts'),
      RETRY_ATTEMPTS: text('2'),
      RULE_ARN: text('arn:aws:events:r:000000000000:rule/b/poison'),
      TARGET_ARN: text('arn:aws:sqs:r:000000000000:poison-source'),
    });
    expect(bus.stats).toMatchObject({ received: 1, delivered: 0, deadLettered: 1 });
  });

  it('marks a replayed event with its replay name', async () => {
    const got: BusEvent[] = [];
    const bus = createLocalBus({
      busName: 'b',
      region: 'r',
      deadLetters: createLocalQueues({ region: 'r' }),
      rules: [{ name: 'all', pattern: { source: ['legal-aid.event-store'] }, target: async (e) => void got.push(e), deadLetterQueue: 'q' }],
    });
    bus.putEvents([entry('case#1')], { replayName: 'rebuild-2026-11' });
    await bus.idle();
    expect(got[0]!['replay-name']).toBe('rebuild-2026-11');
  });
});
