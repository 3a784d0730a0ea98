import { inspect } from 'node:util';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../fakes/rejection.js';
import { createKisProvider, type KisProviderOptions } from '../../src/data/providers/kis-provider.js';
import { createMemoryKisTokenStore, createRedisKisTokenStore } from '../../src/data/providers/kis-token-store.js';
import { createRedisPacer } from '../../src/data/providers/redis-pacer.js';
import { startKisServer, type KisFake } from '../fakes/kis-server.js';
import { useTestRedis } from '../fakes/test-redis.js';

/** KRX-like trading days (weekdays) ending `end`, newest last, values a deterministic walk. */
function tradingDays(n: number, end: string, start = 2500): { date: string; value: number }[] {
  const out: { date: string; value: number }[] = [];
  const d = new Date(`${end}T00:00:00Z`);
  while (out.length < n) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push({ date: d.toISOString().slice(0, 10), value: 0 });
    d.setUTCDate(d.getUTCDate() - 1);
  }
  out.reverse();
  return out.map((p, i) => ({ date: p.date, value: Math.round((start + 40 * Math.sin(i / 7) + i * 0.5) * 100) / 100 }));
}

const APP_KEY = 'PSkisAPPKEY0123456789abcdefghijklmn';
const APP_SECRET = 'kisSECRET/abcdefghijklmnopqrstuvwxyz0123456789+ABCDEFGHIJ=';
const KOSPI = tradingDays(1_234, '2025-06-30');
const SAMSUNG = tradingDays(250, '2025-06-30', 60_000).map((p) => ({ date: p.date, value: Math.round(p.value) }));
const FROM = KOSPI[0]!.date;
const TO = '2025-06-30';

describe('KIS provider against the KIS stand-in', () => {
  let kis: KisFake;
  const fast = { minBackoffMs: 5, maxBackoffMs: 50, timeoutMs: 5_000 };
  const make = (extra: Partial<KisProviderOptions> = {}) =>
    createKisProvider({
      baseUrl: kis.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokenStore: createMemoryKisTokenStore(),
      requestsPerSecond: 1_000,
      ...fast,
      ...extra,
    });

  beforeAll(async () => {
    kis = await startKisServer({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      indices: { '0001': KOSPI },
      stocks: { '005930': SAMSUNG },
      tokenMinIntervalMs: 0,
    });
  });
  afterAll(() => kis.close());

  it('pages the KOSPI index chart backwards past 100 rows: every day exactly once, ascending', async () => {
    const before = kis.requests.length;
    const points = await make().fetch({ symbol: '0001', from: FROM, to: TO });
    expect(points).toEqual(KOSPI);
    const calls = kis.requests.slice(before).filter((r) => r.path.endsWith('indexchartprice'));
    expect(calls).toHaveLength(Math.ceil(KOSPI.length / 100)); // the last page reaches FROM, so no extra call
    expect(calls[0]!.headers['tr_id']).toBe('FHKUP03500100');
    expect(calls.map((c) => c.query.get('FID_INPUT_DATE_1'))).toEqual(calls.map(() => FROM.replace(/-/gu, '')));
    // Each page ends the day before the oldest row of the previous one.
    expect(calls[1]!.query.get('FID_INPUT_DATE_2')).toBe(KOSPI[KOSPI.length - 101]!.date.replace(/-/gu, ''));
  });

  it('pages by the oldest row received, whatever the page size (index charts have been seen to answer ~50 rows)', async () => {
    const small = await startKisServer({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      indices: { '0001': KOSPI },
      tokenMinIntervalMs: 0,
      pageRows: 50,
    });
    try {
      const p = createKisProvider({
        baseUrl: small.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        tokenStore: createMemoryKisTokenStore(),
        requestsPerSecond: 1_000,
        ...fast,
      });
      expect(await p.fetch({ symbol: '0001', from: FROM, to: TO })).toEqual(KOSPI);
      expect(small.chartCalls()).toBe(Math.ceil(KOSPI.length / 50));
    } finally {
      await small.close();
    }
  });

  it('reads a stock (itemchartprice, adjusted) and a sub-range', async () => {
    const from = SAMSUNG[20]!.date;
    const to = SAMSUNG[180]!.date;
    const points = await make().fetch({ symbol: '005930', from, to });
    expect(points).toEqual(SAMSUNG.filter((p) => p.date >= from && p.date <= to));
    const call = kis.requests.at(-1)!;
    expect([
      call.headers['tr_id'],
      call.query.get('FID_ORG_ADJ_PRC'),
      call.query.get('FID_COND_MRKT_DIV_CODE'),
    ]).toEqual(['FHKST03010100', '0', 'J']);
  });

  it('EGW00201 (too many requests per second) is waited out and retried; the data is complete', async () => {
    kis.misbehave('EGW00201', 'EGW00201', 500, 'EGW00201');
    const points = await make({ retries: 5 }).fetch({ symbol: '0001', from: FROM, to: TO });
    expect(points).toEqual(KOSPI);
  });

  it('EGW00201 past the retry budget is RATE_LIMITED', async () => {
    kis.misbehave('EGW00201', 'EGW00201', 'EGW00201');
    const err = await rejection(make({ retries: 2 }).fetch({ symbol: '0001', from: FROM, to: TO }));
    expect(err.code).toBe('RATE_LIMITED');
  });

  it('a server allowing 5 req/s while we pace at 20/s: EGW00201 retries still deliver every row', async () => {
    const strict = await startKisServer({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      indices: { '0001': KOSPI },
      tokenMinIntervalMs: 0,
      maxPerSecond: 5,
    });
    try {
      const p = createKisProvider({
        baseUrl: strict.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        tokenStore: createMemoryKisTokenStore(),
        requestsPerSecond: 20,
        retries: 10,
        minBackoffMs: 200,
        maxBackoffMs: 1_000,
      });
      const from = KOSPI[KOSPI.length - 600]!.date;
      expect(await p.fetch({ symbol: '0001', from, to: TO })).toEqual(KOSPI.filter((x) => x.date >= from));
    } finally {
      await strict.close();
    }
  });

  it('an expired token (EGW00123) is refreshed once and the fetch goes on', async () => {
    const store = createMemoryKisTokenStore();
    const p = make({ tokenStore: store });
    await p.fetch({ symbol: '005930', from: SAMSUNG[200]!.date, to: TO });
    const issuedBefore = kis.tokensIssued();
    kis.expireTokens();
    expect(await p.fetch({ symbol: '0001', from: FROM, to: TO })).toEqual(KOSPI);
    expect(kis.tokensIssued() - issuedBefore).toBe(1);
  });

  it('EGW00123 again right after a refresh is not looped on', async () => {
    kis.misbehave('EGW00123', 'EGW00123');
    const before = kis.tokensIssued();
    const err = await rejection(make().fetch({ symbol: '0001', from: FROM, to: TO }));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(kis.tokensIssued() - before).toBeLessThanOrEqual(2);
  });

  it('a hanging chart call ends in PROVIDER_FAILED within the timeout and returns nothing partial', async () => {
    kis.misbehave('hang', 'hang');
    const t0 = Date.now();
    const err = await rejection(make({ timeoutMs: 300, retries: 1 }).fetch({ symbol: '0001', from: FROM, to: TO }));
    expect(err.code).toBe('PROVIDER_FAILED');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a failure on a later page fails the whole fetch (no partial history)', async () => {
    const failing = await startKisServer({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      indices: { '0001': KOSPI },
      tokenMinIntervalMs: 0,
    });
    try {
      const p = createKisProvider({
        baseUrl: failing.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        tokenStore: createMemoryKisTokenStore(),
        requestsPerSecond: 1_000,
        retries: 0,
        ...fast,
      });
      failing.misbehave('ok', 'ok', 'ok', 500);
      const err = await rejection(p.fetch({ symbol: '0001', from: FROM, to: TO }));
      expect(err.code).toBe('PROVIDER_FAILED');
      expect(failing.chartCalls()).toBe(4);
    } finally {
      await failing.close();
    }
  });

  it('never shows the app key or secret in errors', async () => {
    const wrong = createKisProvider({
      baseUrl: kis.url,
      appKey: `${APP_KEY}x`,
      appSecret: APP_SECRET,
      tokenStore: createMemoryKisTokenStore(),
      ...fast,
      retries: 0,
    });
    const e1 = await rejection(wrong.fetch({ symbol: '0001', from: FROM, to: TO }));
    expect(e1.code).toBe('UNAUTHORIZED');
    kis.misbehave('hang');
    const e2 = await rejection(make({ timeoutMs: 200, retries: 0 }).fetch({ symbol: '0001', from: FROM, to: TO }));
    for (const e of [e1, e2]) {
      const everything = `${e.message} ${e.stack ?? ''} ${JSON.stringify(e)} ${inspect(e, { depth: 5 })}`;
      expect(everything).not.toContain(APP_KEY);
      expect(everything).not.toContain(APP_SECRET);
    }
  });

  it('refuses symbols that are neither index nor stock codes', async () => {
    expect((await rejection(make().fetch({ symbol: 'KOSPI' }))).code).toBe('BAD_REQUEST');
  });
});

describe('KIS token shared through Redis (a private one)', () => {
  const testRedis = useTestRedis();
  let redis: Redis;
  const prefix = `rx-test-kis:${process.pid}:${Date.now()}:`;
  let kis: KisFake;
  beforeAll(async () => {
    redis = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
    // Real KIS rule: one token a minute. A slow token answer makes the workers' requests truly overlap.
    kis = await startKisServer({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      indices: { '0001': KOSPI },
      tokenDelayMs: 300,
    });
  });
  afterAll(async () => {
    await kis.close();
    redis?.disconnect();
  });

  it('two workers (separate providers, separate Redis connections) fetching at once request the token once', async () => {
    const workers = [0, 1, 2].map(() => {
      const conn = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
      const provider = createKisProvider({
        baseUrl: kis.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        limiter: new Bottleneck(),
        timeoutMs: 5_000,
        retries: 0,
        tokenStore: createRedisKisTokenStore({ redis: conn, prefix, pollMs: 20 }),
      });
      return { conn, provider };
    });
    try {
      const from = KOSPI[KOSPI.length - 300]!.date;
      const results = await Promise.all(workers.map((w) => w.provider.fetch({ symbol: '0001', from, to: TO })));
      for (const r of results) expect(r).toEqual(KOSPI.filter((x) => x.date >= from));
      expect(kis.tokensIssued()).toBe(1);
      const stored = await redis.keys(`${prefix}kis:token:*`);
      expect(stored).toHaveLength(1);
      expect(stored[0]).not.toContain(APP_KEY);
      expect(await redis.pttl(stored[0]!)).toBeGreaterThan(80_000_000);
      expect(await redis.exists(...(await redis.keys(`${prefix}kis:token-lock:*`)), 'none')).toBe(0);
    } finally {
      for (const w of workers) w.conn.disconnect();
    }
  });

  it('two workers pacing through one Redis budget stay under the server limit together (no EGW00201, no retries)', async () => {
    const strict = await startKisServer({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      indices: { '0001': KOSPI },
      tokenMinIntervalMs: 0,
      maxPerSecond: 6,
    });
    const conns = [0, 1].map(() => new Redis(testRedis.url, { maxRetriesPerRequest: 1 }));
    try {
      const providers = conns.map((conn) =>
        createKisProvider({
          baseUrl: strict.url,
          appKey: APP_KEY,
          appSecret: APP_SECRET,
          retries: 0,
          timeoutMs: 5_000,
          tokenStore: createRedisKisTokenStore({ redis: conn, prefix: `${prefix}pace:`, pollMs: 20 }),
          limiter: createRedisPacer({ redis: conn, key: `${prefix}pace:budget`, perSecond: 5 }),
        }),
      );
      const from = KOSPI[KOSPI.length - 400]!.date;
      const results = await Promise.all(providers.map((p) => p.fetch({ symbol: '0001', from, to: TO })));
      for (const r of results) expect(r).toEqual(KOSPI.filter((x) => x.date >= from));
      const charts = strict.requests.filter((r) => r.path.endsWith('indexchartprice')).length;
      expect(charts).toBe(2 * Math.ceil(400 / 100));
    } finally {
      for (const c of conns) c.disconnect();
      await strict.close();
    }
  });

  it('after EGW00123 one worker replaces the token and the other workers pick up the new one', async () => {
    await new Promise((r) => setTimeout(r, 0));
    const store = createRedisKisTokenStore({ redis, prefix, pollMs: 20 });
    const key = (await redis.keys(`${prefix}kis:token:*`))[0]!.slice(`${prefix}kis:token:`.length);
    const old = await store.getOrIssue(key, () => Promise.reject(new Error('must not issue')));
    await store.invalidate(key, 'some-other-token');
    expect((await store.getOrIssue(key, () => Promise.reject(new Error('must not issue')))).accessToken).toBe(
      old.accessToken,
    );
    await store.invalidate(key, old.accessToken);
    const fresh = await store.getOrIssue(key, async () => ({
      accessToken: 'new-token',
      expiresAt: Date.now() + 3_600_000,
    }));
    expect(fresh.accessToken).toBe('new-token');
  });
});
