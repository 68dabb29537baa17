import { describe, expect, it } from 'vitest';
import { createSealingKeyCache } from '../../functions/lib/privacy/sealing-key-cache.ts';

const key = (n: number) => Buffer.alloc(32, n);

describe('the sealing key cache', () => {
  it('holds at most its capacity, dropping the least recently used record first', () => {
    const cache = createSealingKeyCache(2);
    cache.set('case#a', key(1));
    cache.set('case#b', key(2));
    // a is used again, so b is now the least recently used and goes when c comes.
    expect(cache.get('case#a')).toEqual(key(1));
    cache.set('case#c', key(3));
    expect(cache.size()).toBe(2);
    expect(cache.get('case#b')).toBeUndefined();
    expect(cache.get('case#a')).toEqual(key(1));
    expect(cache.get('case#c')).toEqual(key(3));
  });

  it('forgets a record on demand and refuses a capacity below one', () => {
    const cache = createSealingKeyCache(3);
    cache.set('case#a', key(1));
    cache.forget('case#a');
    expect(cache.get('case#a')).toBeUndefined();
    expect(cache.size()).toBe(0);
    expect(() => createSealingKeyCache(0)).toThrow(/at least one key/);
  });
});
