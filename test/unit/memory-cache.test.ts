import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/cache/memory-cache.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('memory cache', () => {
  it('expires entries after their TTL', async () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    await cache.set('a', new Uint8Array([1]), 0.05);
    await cache.set('b', new Uint8Array([2]), 60);
    expect(await cache.get('a')).toEqual(new Uint8Array([1]));
    await sleep(120);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toEqual(new Uint8Array([2]));
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('x', new Uint8Array([1]), 60);
    await cache.set('y', new Uint8Array([2]), 60);
    await cache.get('x');
    await cache.set('z', new Uint8Array([3]), 60);
    expect(await cache.get('y')).toBeUndefined();
    expect(await cache.get('x')).toBeDefined();
    expect(await cache.get('z')).toBeDefined();
  });

  it('keeps the total under maxBytes and refuses an entry larger than all of it', async () => {
    const cache = createMemoryCache({ maxEntries: 100, maxBytes: 1_000 });
    for (let i = 0; i < 5; i += 1) await cache.set(`k${i}`, new Uint8Array(300), 60);
    const kept = (await Promise.all([0, 1, 2, 3, 4].map((i) => cache.get(`k${i}`)))).filter(Boolean);
    expect(kept.length).toBe(3);
    expect(await cache.get('k4')).toBeDefined();
    await cache.set('huge', new Uint8Array(2_000), 60);
    expect(await cache.get('huge')).toBeUndefined();
  });

  it('does not keep an entry with a non-positive TTL (lru-cache would read 0 as forever)', async () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    await cache.set('k', new Uint8Array([1]), 60);
    await cache.set('k', new Uint8Array([2]), 0);
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('n', new Uint8Array([1]), -5);
    expect(await cache.get('n')).toBeUndefined();
  });

  it('deletes, pings, and empties on close', async () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    await cache.set('k', new Uint8Array([1]), 60);
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.ping()).toBe(true);
    await cache.set('k', new Uint8Array([1]), 60);
    await cache.close();
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.kind).toBe('memory');
  });
});
