import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../functions/lib/reports/bounded.ts';

// A node's report reads its agencies a few at a time: never more at once than the bound, every one
// read, the results in the agencies' order whatever order the reads finish in.

describe('mapBounded', () => {
  it('runs at most `limit` at once, every item once, results in order', async () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const started: number[] = [];
    const done = mapBounded(items, 4, async (i) => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((r) => release.push(r));
      running -= 1;
      return i * 10;
    });
    // Finish the reads last-started first, until all are done.
    while (started.length < items.length || release.length > 0) {
      await new Promise((r) => setImmediate(r));
      release.pop()?.();
    }
    expect(await done).toEqual(items.map((i) => i * 10));
    expect(started.sort((a, b) => a - b)).toEqual(items);
    expect(most).toBe(4);
  });

  it('reads nothing for no items', async () => {
    expect(await mapBounded([], 8, async () => 1)).toEqual([]);
  });
});
