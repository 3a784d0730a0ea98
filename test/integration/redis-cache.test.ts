import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisCache } from '../../src/cache/redis-cache.js';
import { createCacheRedisClient } from '../../src/cache/redis-client.js';
import { startPrivateRedis } from '../fakes/private-redis.js';

describe('Redis cache on the shared Redis (127.0.0.1:6379, own key prefix)', () => {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  const prefix = `rx-test-cache:${process.pid}:${Date.now()}:`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('round-trips binary values with a TTL, misses, and deletes', async () => {
    const cache = createRedisCache({ redis, keyPrefix: prefix, commandTimeoutMs: 2_000 });
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    await cache.set('k', bytes, 120);
    expect(Buffer.from((await cache.get('k'))!).equals(Buffer.from(bytes))).toBe(true);
    const ttl = await redis.ttl(`${prefix}k`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(await cache.get('missing')).toBeUndefined();
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.ping()).toBe(true);
  });
});

describe('Redis cache when Redis dies and comes back (private redis-server)', () => {
  it('fails fast with CACHE_UNAVAILABLE while down and works again after a restart', async () => {
    const server = await startPrivateRedis();
    const client = createCacheRedisClient(server.url, { commandTimeoutMs: 500 });
    const cache = createRedisCache({ redis: client, keyPrefix: 't:', commandTimeoutMs: 800 });
    try {
      // No offline queue by design: commands before the first connection fail (a miss), so wait for it here.
      if (client.status !== 'ready') await new Promise((r) => client.once('ready', r));
      await cache.set('a', new Uint8Array([1, 2, 3]), 60);
      expect(Array.from((await cache.get('a'))!)).toEqual([1, 2, 3]);

      await server.stop();
      const t0 = Date.now();
      await expect(cache.get('a')).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE' });
      await expect(cache.set('b', new Uint8Array([9]), 60)).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE' });
      expect(await cache.ping()).toBe(false);
      expect(Date.now() - t0).toBeLessThan(10_000);

      const again = await startPrivateRedis(server.port);
      try {
        let ok = false;
        for (let i = 0; i < 100 && !ok; i += 1) {
          ok = await cache.ping();
          if (!ok) await new Promise((r) => setTimeout(r, 100));
        }
        expect(ok).toBe(true);
        await cache.set('c', new Uint8Array([7]), 60);
        expect(Array.from((await cache.get('c'))!)).toEqual([7]);
      } finally {
        await again.stop();
      }
    } finally {
      client.disconnect();
    }
  });
});
