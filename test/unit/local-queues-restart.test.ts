import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalQueues } from '../../infra/local/local-queues.ts';

// SQS keeps a message's receive count for as long as the message lives; the local queues keep it
// across a restart of the stack too, so a poison message reaches its DLQ after the same tries.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('local queues across a restart', () => {
  it('keep each message its receive count and first receive, and move it to the DLQ at maxReceiveCount', () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-queues-'));
    dirs.push(dir);
    const file = join(dir, 'queues.jsonl');
    let now = 1_000;
    const open = () =>
      createLocalQueues({
        file,
        region: 'local',
        redrivePolicies: new Map([['source', { deadLetterQueue: 'dlq', maxReceiveCount: 3 }]]),
        clock: () => now,
      });
    const before = open();
    const sent = before.send('source', '{"n":1}');
    expect(before.receive('source', { max: 10, visibilityMs: 0 })).toHaveLength(1);
    now = 2_000;
    expect(before.receive('source', { max: 10, visibilityMs: 0 })).toHaveLength(1);

    const after = open();
    now = 3_000;
    const third = after.receive('source', { max: 10, visibilityMs: 0 });
    expect(third.map((r) => [r.message.id, r.message.receiveCount, r.message.firstReceivedAt])).toEqual([[sent.id, 3, 1_000]]);
    expect(after.receive('source', { max: 10, visibilityMs: 0 })).toEqual([]);
    expect(after.receive('dlq', { max: 10, visibilityMs: 0 }).map((r) => r.message.body)).toEqual(['{"n":1}']);
  });
});
