import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../fakes/private-redis.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { loginOverHttp, readSse } from '../e2e/web-login-helper.js';
import { useTestRedis } from '../fakes/test-redis.js';

const testRedis = useTestRedis();
const prefix = `rx-test-web-rl-${process.pid}-${Date.now()}:`;
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

/** A server whose cache Redis is connected: until then its limiters count in memory (the insurance). */
async function harness(env: Record<string, string>): Promise<WebHarness> {
  const h = await startWebHarness(env);
  closers.push(() => h.close());
  for (let i = 0; i < 200 && h.runtime.cacheRedis?.status !== 'ready'; i += 1)
    await new Promise((r) => setTimeout(r, 10));
  expect(h.runtime.cacheRedis?.status).toBe('ready');
  return h;
}

const forecast = (base: string, token: string, question: string) =>
  fetch(`${base}/api/forecast`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });

async function answered(base: string, token: string, question: string): Promise<void> {
  const res = await forecast(base, token, question);
  expect(res.status).toBe(200);
  const events = await readSse(res);
  expect(events.at(-1)?.event).toBe('done');
}

describe('web rate limits shared through the cache Redis (two servers behind one balancer)', () => {
  it('refuses the 4th forecast of one user a minute, wherever it lands, when each server allows 3', async () => {
    const env = { REDIS_URL: testRedis.url, CACHE_KEY_PREFIX: `${prefix}f:`, WEB_FORECASTS_PER_MINUTE: '3' };
    const [a, b] = await Promise.all([harness(env), harness(env)]);
    // The same Kakao user (one id at both stand-ins) logs in at each server: one user id, two sessions.
    const [ta, tb] = await Promise.all([loginOverHttp(a.base), loginOverHttp(b.base)]);
    await answered(a.base, ta.accessToken, 'S&P 500 3개월');
    await answered(b.base, tb.accessToken, 'S&P 500 4개월');
    await answered(a.base, ta.accessToken, 'S&P 500 5개월');
    for (const [base, token] of [
      [b.base, tb.accessToken],
      [a.base, ta.accessToken],
    ] as const) {
      const res = await forecast(base, token, 'S&P 500 6개월');
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    }
    // The count lives in Redis under this deployment's prefix, keyed by the user.
    const redis = new Redis(testRedis.url);
    try {
      expect(await redis.keys(`${prefix}f:rl:web-forecast*`)).toHaveLength(1);
    } finally {
      await redis.quit();
    }
    // Another user is counted apart.
    b.kakao.setUser({ id: 31_337, nickname: 'B' });
    const other = await loginOverHttp(b.base);
    await answered(b.base, other.accessToken, 'S&P 500 6개월');
  });

  it('shares the /auth limit per client IP too', async () => {
    const env = { REDIS_URL: testRedis.url, CACHE_KEY_PREFIX: `${prefix}a:`, WEB_AUTH_PER_MINUTE: '3' };
    const [a, b] = await Promise.all([harness(env), harness(env)]);
    const refresh = (base: string) =>
      fetch(`${base}/auth/refresh`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
    // No cookie: each is a 401, but each counts.
    for (const base of [a.base, b.base, a.base]) expect((await refresh(base)).status).toBe(401);
    const res = await refresh(b.base);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts in memory, per process, once the Redis is down: still limited, never a 500', async () => {
    const redis = await startPrivateRedis();
    closers.push(() => redis.stop());
    const h = await harness({ REDIS_URL: redis.url, CACHE_KEY_PREFIX: `${prefix}d:`, WEB_FORECASTS_PER_MINUTE: '2' });
    // Login needs the Redis (its one-use OAuth state lives there); the limits must not.
    const { accessToken } = await loginOverHttp(h.base);
    await redis.stop();
    await answered(h.base, accessToken, 'S&P 500 3개월');
    await answered(h.base, accessToken, 'S&P 500 4개월');
    const res = await forecast(h.base, accessToken, 'S&P 500 5개월');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
