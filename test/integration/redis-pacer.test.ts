import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPacer } from '../../src/data/providers/redis-pacer.js';
import { useTestRedis } from '../fakes/test-redis.js';

/*
 * The cross-process pacer against this file's own Redis: two pacers on one key stand for two workers, and
 * every sleep fires 40 ms late. Gaps are measured between the calls as they actually started, on Redis's clock.
 */
const server = useTestRedis();

describe('Redis pacer', () => {
  let redis: Redis;
  const key = `rx:test:pacer:${process.pid}:${Date.now()}`;
  beforeAll(() => {
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('keeps the interval between actual starts when timers fire late, across two pacers', async () => {
    const late = (ms: number) => new Promise<void>((r) => setTimeout(r, ms + 40));
    const a = createRedisPacer({ redis, key, perSecond: 20, sleep: late });
    const b = createRedisPacer({ redis, key, perSecond: 20, sleep: late });
    const starts: number[] = [];
    const stamp = async () => {
      const [s, us] = (await redis.time()) as unknown as [string, string];
      starts.push(Number(s) * 1000 + Math.floor(Number(us) / 1000));
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).schedule(stamp)));
    starts.sort((x, y) => x - y);
    // 50 ms between slots taken on Redis's clock; the stamp is read one local round trip later, hence 5 ms of slack
    for (let i = 1; i < starts.length; i += 1) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(45);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(7 * 50 - 5);
  });
});
