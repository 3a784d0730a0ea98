import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { startPrivateRedis } from '../fakes/private-redis.js';

/*
 * A Kakao answer's chart link must download its PNG for its stated lifetime, also when the cache Redis (no persistence
 * in the compose file) is killed and comes back empty: the real runtime on a private redis-server that the test kills
 * and restarts, the real Kakao router and HTTP app over loopback.
 */

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as {
  userRequest: Record<string, unknown>;
};
const payload = (utterance: string) => {
  const p = structuredClone(official);
  p.userRequest.utterance = utterance;
  p.userRequest.user = { id: 'restart-user', type: 'botUserKey', properties: {} };
  delete p.userRequest.callbackUrl;
  return p;
};
type Skill = { template: { outputs: { simpleImage?: { imageUrl: string } }[] } };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

async function until(pred: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('Kakao chart links across a cache Redis restart', () => {
  it('a link handed out before the Redis was killed and restarted empty still downloads its PNG; answers after it too', async () => {
    let redisServer = await startPrivateRedis();
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const prefix = `rx-restart-${process.pid}:`;
    const runtime = await createRuntime(
      loadConfig({ FORECASTER: 'drift', REDIS_URL: redisServer.url, CACHE_KEY_PREFIX: prefix, LLM_ENABLED: 'false' }),
      { logger: createSilentLogger() },
    );
    const probe = new Redis(redisServer.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => 100,
    });
    probe.on('error', () => undefined);
    await probe.connect();
    const router = createKakaoRouter({
      engine: runtime.engine,
      charts: runtime.charts,
      publicBaseUrl: base,
      inlineBudgetMs: 4_000,
      skillSecretHeader: 'x-s',
      logger: createSilentLogger(),
    });
    server.on('request', createHttpApp({ runtime, mounts: [{ path: '/kakao', router }] }));
    const ask = async (q: string) => {
      const res = await fetch(`${base}/kakao/skill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload(q)),
      });
      const url = ((await res.json()) as Skill).template.outputs.find((o) => o.simpleImage)?.simpleImage?.imageUrl;
      expect(url, q).toMatch(/\/charts\/[A-Za-z0-9_-]{43}\.png$/u);
      return url!;
    };
    const download = async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    };
    try {
      expect(await until(async () => (await runtime.cache.ping()) === true)).toBe(true);
      const before = await ask('S&P 500 6개월 전망');
      const first = await download(before);
      expect(first.status).toBe(200);
      expect(first.bytes.subarray(0, 4).equals(PNG)).toBe(true);
      expect(await probe.keys(`${prefix}chart:*`)).toHaveLength(1);

      // kill the cache Redis and bring it back on the same port with nothing in it
      await redisServer.stop();
      const during = await ask('S&P 500 3개월 전망');
      expect((await download(during)).status).toBe(200);
      redisServer = await startPrivateRedis(redisServer.port);
      expect(await until(async () => (await runtime.cache.ping()) === true)).toBe(true);
      expect(await until(async () => (await probe.ping().catch(() => '')) === 'PONG')).toBe(true);
      expect(await probe.keys(`${prefix}*`)).toEqual([]);

      // the link handed out before the outage, the one handed out during it, and the same question asked again
      const again = await download(before);
      expect(again.status).toBe(200);
      expect(again.bytes.equals(first.bytes)).toBe(true);
      expect((await download(during)).status).toBe(200);
      const repeat = await ask('S&P 500 6개월 전망');
      expect((await download(repeat)).status).toBe(200);
      // a chart served from this process is written back, so other instances find it in Redis again
      expect(
        await until(
          async () => (await probe.exists(`${prefix}chart:${before.split('/').pop()!.replace('.png', '')}`)) === 1,
        ),
      ).toBe(true);
    } finally {
      probe.disconnect();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
      await redisServer.stop();
    }
  }, 60_000);
});
