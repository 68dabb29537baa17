import { describe, expect, it } from 'vitest';
import { createStateCache } from '../../functions/projections/stream-projection.ts';

describe("the projections' cache of last states", () => {
  it('keeps at most its bound, dropping the stream used longest ago', () => {
    const cache = createStateCache(3);
    cache.set('case#a', 1, { n: 1 });
    cache.set('case#b', 1, { n: 2 });
    cache.set('case#c', 1, { n: 3 });
    cache.set('case#a', 2, { n: 4 }); // written again: now the newest
    cache.set('case#d', 1, { n: 5 });
    expect(cache.size).toBe(3);
    expect(cache.get('case#b')).toBeUndefined();
    expect(cache.get('case#a')).toEqual({ version: 2, state: { n: 4 } });
    expect(cache.get('case#d')).toEqual({ version: 1, state: { n: 5 } });
    cache.delete('case#a');
    expect(cache.get('case#a')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
