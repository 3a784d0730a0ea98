import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Queue, Worker } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createIpRateLimiter, ipRateLimit } from '../../adapters/http/ip-rate-limit.js';
import {
  rateLimitedSkillBody,
  validateSkillResponse,
  type SkillResponse,
} from '../../adapters/kakao/skill-response.js';
import { createCacheRedisClient } from '../../src/cache/redis-client.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { startPrivateRedis } from '../fakes/private-redis.js';
import { useTestRedis } from '../fakes/test-redis.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

async function serve(options: { pointsPerMinute: number; redis?: Redis; keyPrefix?: string; metrics?: Metrics }) {
  const metrics = options.metrics ?? createMetrics({ defaultMetrics: false });
  const logger = createSilentLogger();
  const ok = express
    .Router()
    .post(
      '/skill',
      (_req, res) => void res.json({ version: '2.0', template: { outputs: [{ simpleText: { text: 'ok' } }] } }),
    );
  const tg = express.Router().post('/webhook', (_req, res) => void res.json({ ok: true }));
  const app = createHttpApp({
    runtime: {
      charts: createChartStore({ ttlSeconds: 60, maxEntries: 10, backend: { kind: 'memory' } }),
      readiness: async () => [],
      logger,
      metrics,
    },
    mounts: [
      { path: '/kakao', router: ok },
      { path: '/telegram', router: tg },
    ],
    rateLimit: ipRateLimit({
      limiter: createIpRateLimiter({
        pointsPerMinute: options.pointsPerMinute,
        redis: options.redis,
        keyPrefix: options.keyPrefix ?? `rx-test-rl-${process.pid}-${Date.now()}-${Math.random()}`,
      }),
      logger,
      onLimited: (route) => metrics.onRateLimited(route, 'ip'),
      inBandRefusals: { kakao: rateLimitedSkillBody },
    }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, metrics };
}

const post = (url: string, ip: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{}' });

describe('per-IP rate limits on every entry point', () => {
  it('refuses the IP over its budget: 429 + Retry-After on Telegram, a valid 200 SkillResponse on Kakao; probes and other IPs unaffected', async () => {
    const { base, metrics } = await serve({ pointsPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) expect((await post(`${base}/telegram/webhook`, '10.0.0.1')).status).toBe(200);
    const limited = await post(`${base}/telegram/webhook`, '10.0.0.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');

    const kakao = await post(`${base}/kakao/skill`, '10.0.0.1');
    expect(kakao.status).toBe(200);
    expect(kakao.headers.get('retry-after')).toMatch(/^\d+$/u);
    const body = (await kakao.json()) as SkillResponse;
    expect(validateSkillResponse(body)).toEqual([]);
    expect(JSON.stringify(body)).toMatch(/요청이 너무 많아요/u);

    // Another client (by X-Forwarded-For from the trusted loopback proxy) has its own budget; probes are never limited.
    expect((await post(`${base}/telegram/webhook`, '10.0.0.2')).status).toBe(200);
    for (let i = 0; i < 5; i += 1)
      expect((await fetch(`${base}/healthz`, { headers: { 'x-forwarded-for': '10.0.0.1' } })).status).toBe(200);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/riskxpert_http_rate_limited_total\{route="telegram",scope="ip"\} 1/u);
    expect(text).toMatch(/riskxpert_http_rate_limited_total\{route="kakao",scope="ip"\} 1/u);
  });

  it('shares one budget across servers through Redis, and keeps limiting in memory when that Redis dies', async () => {
    const redis = await startPrivateRedis();
    let stopped = false;
    closers.push(() => (stopped ? Promise.resolve() : redis.stop()));
    const client = createCacheRedisClient(redis.url, { commandTimeoutMs: 200 });
    closers.push(async () => client.disconnect());
    await new Promise((r) => client.once('ready', r));
    const keyPrefix = `rx-test-rl-shared-${process.pid}-${Date.now()}`;
    const a = await serve({ pointsPerMinute: 4, redis: client, keyPrefix });
    const b = await serve({ pointsPerMinute: 4, redis: client, keyPrefix });
    const statuses: number[] = [];
    for (const base of [a.base, b.base, a.base, b.base, a.base])
      statuses.push((await post(`${base}/telegram/webhook`, '10.1.1.1')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);

    await redis.stop();
    stopped = true;
    const afterOutage: number[] = [];
    for (let i = 0; i < 6; i += 1) afterOutage.push((await post(`${a.base}/telegram/webhook`, '10.1.1.2')).status);
    // The insurance limiter (per process) takes over: still 4 per minute, not unlimited and not an error.
    expect(afterOutage).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('queue metrics', () => {
  const testRedis = useTestRedis();
  it('reads queue depths by state from Redis on scrape and counts job outcomes of a worker', async () => {
    const connection = testRedis.connection();
    const prefix = `rx-test-qm-${process.pid}-${Date.now()}`;
    const queue = new Queue('riskxpert-test-metrics', { connection, prefix });
    closers.push(async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    });
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.watchQueue(queue);
    await queue.add('a', {});
    await queue.add('b', {});
    await queue.add('c', {}, { delay: 60_000 });
    let text = await metrics.registry.metrics();
    expect(text).toMatch(/riskxpert_queue_jobs\{queue="riskxpert-test-metrics",state="waiting"\} 2/u);
    expect(text).toMatch(/riskxpert_queue_jobs\{queue="riskxpert-test-metrics",state="delayed"\} 1/u);

    const worker = new Worker(
      'riskxpert-test-metrics',
      async (job) => {
        if (job.name === 'b') throw new Error('boom');
      },
      { connection, prefix },
    );
    closers.push(() => worker.close());
    metrics.observeWorker(worker);
    for (let i = 0; i < 200; i += 1) {
      text = await metrics.registry.metrics();
      if (/outcome="failed"\} 1/u.test(text) && /outcome="completed"\} 1/u.test(text)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toMatch(/riskxpert_queue_jobs_total\{queue="riskxpert-test-metrics",outcome="completed"\} 1/u);
    expect(text).toMatch(/riskxpert_queue_jobs_total\{queue="riskxpert-test-metrics",outcome="failed"\} 1/u);
    expect(text).toMatch(/riskxpert_queue_jobs\{queue="riskxpert-test-metrics",state="failed"\} 1/u);
  });
});
