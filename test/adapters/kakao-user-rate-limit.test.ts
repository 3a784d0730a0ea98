import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createIpRateLimiter } from '../../adapters/http/ip-rate-limit.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { validateSkillResponse, type SkillResponse } from '../../adapters/kakao/skill-response.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createScriptedEngine, scriptedEvents } from '../fakes/kakao-scripted-engine.js';
import { useTestRedis } from '../fakes/test-redis.js';

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as Record<
  string,
  unknown
>;

function payload(utterance: string, userId: string) {
  const p = structuredClone(official) as { userRequest: Record<string, unknown> };
  p.userRequest.utterance = utterance;
  p.userRequest.user = { id: userId, type: 'botUserKey', properties: {} };
  delete p.userRequest.callbackUrl;
  return p;
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

async function start(userLimiter: RateLimiterAbstract) {
  const events = await scriptedEvents({ scenarioChars: 200 });
  const engine = createScriptedEngine(() => ({ kind: 'replay', events, cached: true }));
  const charts = createChartStore({ ttlSeconds: 60, maxEntries: 10, backend: { kind: 'memory' } });
  const logger = createSilentLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  const router = createKakaoRouter({
    engine,
    charts,
    publicBaseUrl: undefined,
    inlineBudgetMs: 1_000,
    skillSecretHeader: 'x-skill-secret',
    logger,
    userLimiter,
    onUserLimited: () => metrics.onRateLimited('kakao', 'user'),
  });
  const app = createHttpApp({
    runtime: { charts, logger, readiness: async () => [], metrics },
    mounts: [{ path: '/kakao', router }],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    engine,
    metrics,
    async ask(utterance: string, userId: string) {
      const res = await fetch(`${base}/kakao/skill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload(utterance, userId)),
      });
      const body = (await res.json()) as SkillResponse;
      return { status: res.status, body, text: JSON.stringify(body) };
    },
  };
}

describe('per-user rate limit on the Kakao skill route', () => {
  it('answers a user over budget with a valid 200 SkillResponse in Korean, without running the engine; other users unaffected', async () => {
    const h = await start(createIpRateLimiter({ pointsPerMinute: 3, keyPrefix: `rx-test-kuser-mem-${process.pid}` }));
    for (let i = 0; i < 3; i += 1) {
      const r = await h.ask('코스피 6개월 전망', 'heavy-user');
      expect(r.status).toBe(200);
      expect(r.text).not.toMatch(/질문이 너무 많아요/u);
    }
    const limited = await h.ask('코스피 6개월 전망', 'heavy-user');
    expect(limited.status).toBe(200);
    expect(validateSkillResponse(limited.body)).toEqual([]);
    expect(limited.text).toMatch(/질문이 너무 많아요\. \d+초 후에 다시 물어봐 주세요\./u);
    expect(h.engine.calls).toHaveLength(3);

    const other = await h.ask('코스피 6개월 전망', 'quiet-user');
    expect(other.text).not.toMatch(/질문이 너무 많아요/u);
    expect(h.engine.calls).toHaveLength(4);
    expect(await h.metrics.registry.metrics()).toMatch(
      /riskxpert_http_rate_limited_total\{route="kakao",scope="user"\} 1/u,
    );
  });

  describe('with a Redis of its own', () => {
    const testRedis = useTestRedis();

    it('shares the budget of one user across servers through Redis (the same user id on two processes)', async () => {
      const redis = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
      const keyPrefix = `rx-test-kuser-redis-${process.pid}-${Date.now()}`;
      closers.push(async () => {
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      });
      const a = await start(createIpRateLimiter({ pointsPerMinute: 2, redis, keyPrefix }));
      const b = await start(createIpRateLimiter({ pointsPerMinute: 2, redis, keyPrefix }));
      const answers = [
        await a.ask('코스피 전망', 'shared-user'),
        await b.ask('코스피 전망', 'shared-user'),
        await a.ask('코스피 전망', 'shared-user'),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(answers.map((r) => /질문이 너무 많아요/u.test(r.text))).toEqual([false, false, true]);
      expect(await redis.exists(`${keyPrefix}:shared-user`)).toBe(1);
    });
  });
});
