import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCache } from '../../src/cache/redis-cache.js';
import { cacheReconnectDelayMs, createCacheRedisClient } from '../../src/cache/redis-client.js';
import { freePort, startPrivateRedis } from '../fakes/private-redis.js';
import { useTestRedis } from '../fakes/test-redis.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/** Time a call that must reject, and return the error and how long it took. */
async function timedRejection(op: () => Promise<unknown>): Promise<{ err: unknown; ms: number }> {
  const t0 = Date.now();
  try {
    await op();
  } catch (err) {
    return { err, ms: Date.now() - t0 };
  }
  throw new Error('expected a rejection');
}

function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  return {
    lines,
    warn: (_o: unknown, msg?: string) => void lines.push({ level: 'warn', msg: msg ?? '' }),
    info: (msg: unknown) => void lines.push({ level: 'info', msg: String(msg) }),
  };
}

describe('Redis cache on a Redis of its own (own key prefix all the same)', () => {
  const testRedis = useTestRedis();
  let redis: Redis;
  let cache: ReturnType<typeof createRedisCache>;
  const prefix = `rx-test-cache:${process.pid}:${Date.now()}:`;
  beforeAll(() => {
    redis = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
    cache = createRedisCache({ redis, keyPrefix: prefix, commandTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('round-trips every byte value, binary-safe, under its prefix', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + (i >> 8)) % 256);
    bytes.set([0, 0xff, 0x0d, 0x0a, 0x80, 0xc3, 0x28], 0); // NUL, CRLF, invalid UTF-8
    await cache.set('bin', bytes, 120);
    const back = await cache.get('bin');
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back!).equals(Buffer.from(bytes))).toBe(true);
    // A view into a larger buffer is stored as the view only.
    const backing = new Uint8Array(100).map((_, i) => i);
    await cache.set('view', backing.subarray(10, 20), 120);
    expect(Array.from((await cache.get('view'))!)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(await redis.exists(`${prefix}bin`)).toBe(1);
    expect(await redis.exists('bin')).toBe(0);
  });

  it('sets the TTL, misses, deletes, and does not keep a non-positive TTL', async () => {
    await cache.set('ttl', new Uint8Array([1]), 120);
    const ttl = await redis.ttl(`${prefix}ttl`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    await cache.set('frac', new Uint8Array([1]), 0.2);
    expect(await redis.ttl(`${prefix}frac`)).toBe(1);

    expect(await cache.get(`missing-${Math.random()}`)).toBeUndefined();
    await cache.delete('ttl');
    expect(await cache.get('ttl')).toBeUndefined();
    await cache.delete('never-existed');

    await cache.set('zero', new Uint8Array([1]), 60);
    await cache.set('zero', new Uint8Array([2]), 0);
    expect(await cache.get('zero')).toBeUndefined();
    expect(await cache.ping()).toBe(true);
    expect(cache.kind).toBe('redis');
  });

  it('expires entries in Redis itself', async () => {
    await cache.set('short', new Uint8Array([1]), 1);
    expect(await cache.get('short')).toBeDefined();
    expect(await until(async () => (await cache.get('short')) === undefined, 10_000)).toBe(true);
  });
});

describe('Redis cache when its Redis dies, hangs and comes back (private redis-server)', () => {
  it('fails with CACHE_UNAVAILABLE within the command timeout while down, and the same client works after a restart', async () => {
    const server = await startPrivateRedis();
    const logger = recordingLogger();
    const client = createCacheRedisClient(server.url, { commandTimeoutMs: 500, logger });
    const cache = createRedisCache({ redis: client, keyPrefix: 't:', commandTimeoutMs: 800 });
    try {
      expect(await until(() => cache.ping())).toBe(true);
      await cache.set('a', new Uint8Array([1, 2, 3]), 60);
      expect(Array.from((await cache.get('a'))!)).toEqual([1, 2, 3]);

      let reconnects = 0;
      client.on('reconnecting', () => (reconnects += 1));
      await server.stop();
      for (const op of [() => cache.get('a'), () => cache.set('b', new Uint8Array([9]), 60), () => cache.delete('a')]) {
        const { err, ms } = await timedRejection(op);
        expect(err).toMatchObject({ code: 'CACHE_UNAVAILABLE', retryable: true });
        // Bounded by the 800 ms cache timeout; generous slack for a busy machine.
        expect(ms).toBeLessThan(5_000);
      }
      expect(await cache.ping()).toBe(false);
      // Reconnect attempts go on in the background, but the outage is logged once, not per attempt.
      expect(await until(async () => reconnects >= 3)).toBe(true);
      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);

      const again = await startPrivateRedis(server.port);
      try {
        expect(await until(() => cache.ping())).toBe(true);
        await cache.set('c', new Uint8Array([7]), 60);
        expect(Array.from((await cache.get('c'))!)).toEqual([7]);
        // A fresh server (no persistence): the old entry is a miss, not an error.
        expect(await cache.get('a')).toBeUndefined();
        expect(logger.lines.some((l) => l.level === 'info' && /back/u.test(l.msg))).toBe(true);
      } finally {
        await again.stop();
      }
    } finally {
      client.disconnect();
    }
  });

  it('does not wait on a Redis that accepts but never answers (paused), and recovers when it resumes', async () => {
    const server = await startPrivateRedis();
    const client = createCacheRedisClient(server.url, { commandTimeoutMs: 300 });
    const cache = createRedisCache({ redis: client, keyPrefix: 't:', commandTimeoutMs: 1_000 });
    try {
      expect(await until(() => cache.ping())).toBe(true);
      await cache.set('p', new Uint8Array([5]), 60);

      server.pause();
      for (let i = 0; i < 3; i += 1) {
        const { err, ms } = await timedRejection(() => cache.get('p'));
        expect(err).toMatchObject({ code: 'CACHE_UNAVAILABLE' });
        expect(ms).toBeLessThan(5_000);
      }
      expect(await cache.ping()).toBe(false);

      server.resume();
      expect(await until(() => cache.ping())).toBe(true);
      expect(Array.from((await cache.get('p'))!)).toEqual([5]);
    } finally {
      client.disconnect();
      await server.stop();
    }
  });

  it('with nothing listening: fails fast, ping false, no unhandled error events, and close does not hang', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const client = createCacheRedisClient(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 300, logger });
    let reconnects = 0;
    client.on('reconnecting', () => (reconnects += 1));
    const cache = createRedisCache({ redis: client, keyPrefix: 't:', commandTimeoutMs: 500 });
    expect(client.listenerCount('error')).toBeGreaterThan(0);
    const { err, ms } = await timedRejection(() => cache.get('x'));
    expect(err).toMatchObject({ code: 'CACHE_UNAVAILABLE' });
    expect(ms).toBeLessThan(5_000);
    expect(await cache.ping()).toBe(false);
    expect(await until(async () => reconnects >= 3)).toBe(true);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    const t0 = Date.now();
    await cache.close();
    expect(Date.now() - t0).toBeLessThan(5_000);
    // Closed means closed: no reconnect attempt after it (ioredis may leave status at 'reconnecting').
    let attempts = 0;
    client.on('reconnecting', () => (attempts += 1));
    client.on('connect', () => (attempts += 1));
    await sleep(800);
    expect(attempts).toBe(0);
    await cache.close();
  });

  it('lazyConnect leaves the connection to the caller', async () => {
    const server = await startPrivateRedis();
    const client = createCacheRedisClient(server.url, { lazyConnect: true });
    try {
      expect(client.status).toBe('wait');
      await client.connect();
      const cache = createRedisCache({ redis: client, keyPrefix: 't:', commandTimeoutMs: 1_000 });
      expect(await cache.ping()).toBe(true);
    } finally {
      client.disconnect();
      await server.stop();
    }
  });

  it('reconnects quickly at first, then every 5 s at most, and never gives up', () => {
    expect(cacheReconnectDelayMs(1)).toBeLessThan(200);
    expect(cacheReconnectDelayMs(1_000)).toBe(5_000);
    for (let i = 1; i < 100; i += 1)
      expect(cacheReconnectDelayMs(i + 1)).toBeGreaterThanOrEqual(cacheReconnectDelayMs(i));
  });
});
