import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisLockout } from '../../src/ops/lockout.js';
import { useTestRedis } from '../fakes/test-redis.js';

/** A clock that moves only when told: lock ends are then exact numbers. */
function testClock() {
  let t = Date.UTC(2026, 11, 1, 9, 0, 0);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const testRedis = useTestRedis();
const clients: Redis[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
const client = () => {
  const c = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
};

describe('the Redis lockout (one Redis, two clients as two servers would hold)', () => {
  it('20 failures split over two servers lock the account on both; the lock lifts after its period, and the next one lasts twice as long', async () => {
    const clock = testClock();
    const opts = {
      keyPrefix: `t${Date.now()}:`,
      threshold: 20,
      baseMs: 15 * 60_000,
      maxMs: 86_400_000,
      now: clock.now,
    };
    const a = createRedisLockout(client(), opts);
    const b = createRedisLockout(client(), opts);
    const keys = ['acct:web:kakao:1', 'ip:10.0.0.9'];
    for (let i = 0; i < 19; i += 1) expect(await (i % 2 ? a : b).fail(keys)).toBeUndefined();
    expect(await a.lockedUntil(keys)).toBeUndefined();
    const until = await b.fail(keys);
    expect(until).toBe(clock.now() + 15 * 60_000);
    expect(await a.lockedUntil(keys)).toBe(until);
    expect(await b.lockedUntil(['acct:web:kakao:1'])).toBe(until);
    // The address alone is locked too: another account from the same address is refused.
    expect(await a.lockedUntil(['acct:web:kakao:2', 'ip:10.0.0.9'])).toBe(until);

    clock.advance(15 * 60_000 - 1_000);
    expect(await a.lockedUntil(keys)).toBe(until);
    clock.advance(1_001);
    expect(await a.lockedUntil(keys)).toBeUndefined();
    expect(await b.lockedUntil(keys)).toBeUndefined();

    for (let i = 0; i < 19; i += 1) await a.fail(keys);
    const second = await b.fail(keys);
    expect(second).toBe(clock.now() + 30 * 60_000);
  });

  it('a success clears the count, so a user who mistypes now and then is never locked', async () => {
    const clock = testClock();
    const l = createRedisLockout(client(), { keyPrefix: `s${Date.now()}:`, now: clock.now });
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 15; i += 1) expect(await l.fail(['acct:x'])).toBeUndefined();
      await l.succeed(['acct:x']);
    }
    expect(await l.lockedUntil(['acct:x'])).toBeUndefined();
  });

  it('with Redis unreachable it counts in the process instead of failing open or locking everyone out', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    clients.push(down);
    const l = createRedisLockout(down, { keyPrefix: 'down:', threshold: 3 });
    expect(await l.lockedUntil(['acct:y'])).toBeUndefined();
    await l.fail(['acct:y']);
    await l.fail(['acct:y']);
    expect(await l.fail(['acct:y'])).toBeGreaterThan(Date.now());
    expect(await l.lockedUntil(['acct:y'])).toBeGreaterThan(Date.now());
  });
});
