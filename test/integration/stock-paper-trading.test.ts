import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRedisKisTokenStore } from '../../src/data/providers/kis-token-store.js';
import { lastClosedKrxSession } from '../../src/data/providers/market-hours.js';
import { createStoreRepository } from '../../src/data/store-repository.js';
import { requestStockLoad } from '../../workers/queue-driver.js';
import { createSilentLogger } from '../../src/logger.js';
import { createSimServices } from '../../src/sim/sim-services.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { createEtlQueue, createEtlWorker } from '../../workers/etl-queue.js';
import { buildEtlSources } from '../../workers/etl-sources.js';
import { startKisServer, type KisFake } from '../fakes/kis-server.js';
import { useTestRedis } from '../fakes/test-redis.js';

const testRedis = useTestRedis();
const connection = testRedis.lazyConnection;
const KIS_KEY = 'PSstockTESTAPPKEY0123456789abcdefgh';
const KIS_SECRET = 'stock-test-secret-0123456789';

/** Weekday closes in won ending `end`, oldest first. */
function closes(n: number, end: string, start: number): { date: string; value: number }[] {
  const out: { date: string; value: number }[] = [];
  const d = new Date(`${end}T00:00:00Z`);
  while (out.length < n) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
      out.push({ date: d.toISOString().slice(0, 10), value: start - out.length * 100 });
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse();
}

describe('a stock order asks the ETL for a KIS load (stand-in), then fills at the loaded close', () => {
  const runId = `rx-test-stockkis-${process.pid}-${Date.now()}`;
  let redis: Redis;
  const last = lastClosedKrxSession(Date.now());
  const HYNIX = closes(130, last, 187_500);
  let kis: KisFake;

  beforeAll(async () => {
    redis = new Redis(connection);
    kis = await startKisServer({
      appKey: KIS_KEY,
      appSecret: KIS_SECRET,
      stocks: { '000660': HYNIX },
      tokenMinIntervalMs: 0,
    });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${runId}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await kis.close();
  });

  it(
    'loads 000660 through the worker on demand, then buys it at the last close; an unknown code reports the failed load',
    { timeout: 30_000 },
    async () => {
      const config = loadConfig({
        ETL_PROVIDERS: 'kis',
        KIS_APP_KEY: KIS_KEY,
        KIS_APP_SECRET: KIS_SECRET,
        KIS_BASE_URL: kis.url,
      });
      const { bindings, resolve } = await buildEtlSources(config, {
        kisTokenStore: createRedisKisTokenStore({ redis, prefix: `${runId}:`, pollMs: 20 }),
        tuning: { retries: 1, minBackoffMs: 5, maxBackoffMs: 20, timeoutMs: 2_000, requestsPerSecond: 1_000 },
      });
      // Stocks are resolved on demand only: nothing is scheduled for them.
      expect(Object.keys(bindings).some((k) => k.startsWith('stock:'))).toBe(false);
      expect(resolve('stock:000660')).toMatchObject({ symbol: '000660', market: 'KRX' });
      expect(resolve('stock:00066')).toBeUndefined();
      expect(resolve('kospi')).toBeUndefined();

      const store = createMemorySeriesStore();
      const queue = createEtlQueue(connection, runId);
      const events = new QueueEvents('riskxpert-etl', { connection, prefix: runId });
      const worker = createEtlWorker({
        connection,
        prefix: runId,
        store,
        bindings,
        resolve,
        logger: createSilentLogger(),
      });
      const sim = createSimServices(config, {
        series: createStoreRepository(store),
        seriesStore: store,
        requestLoad: (id) => requestStockLoad(queue, id),
      });
      const run = (args: string) =>
        sim.commands.run({ platform: 'discord', userId: 'discord:9', target: '9', locale: 'en', command: 'buy', args });
      try {
        await events.waitUntilReady();
        const done = new Promise<string>((resolve, reject) => {
          events.on('completed', ({ jobId }) => resolve(jobId));
          events.once('delayed', ({ jobId }) => reject(new Error(`${jobId} failed and was delayed for a retry`)));
        });
        expect((await run('000660 2')).text).toBe('⏳ Loading the price of 000660; try again in a moment.');
        expect(await done).toMatch(/^refresh:stock-000660:\d+$/u);
        const stored = await store.read('stock:000660');
        expect(stored?.points).toHaveLength(HYNIX.length);
        expect(stored?.source).toBe('kis:000660');
        const close = HYNIX.at(-1)!;
        // 2 × close; fee 15 bp rounded half up.
        const notional = 2 * close.value;
        const fee = Math.floor((notional * 15 + 5_000) / 10_000);
        expect((await run('000660 2')).text).toBe(
          `✅ Bought 2 SK hynix (000660) at ${close.value.toLocaleString('en-US')} (close of ${close.date}), fee ${fee.toLocaleString('en-US')} KRW. Cash ${(10_000_000 - notional - fee).toLocaleString('en-US')} KRW`,
        );
        const chart = kis.requests.filter((r) => r.path.endsWith('inquire-daily-itemchartprice'));
        expect(chart[0]!.headers['tr_id']).toBe('FHKST03010100');
        expect(chart[0]!.query.get('FID_COND_MRKT_DIV_CODE')).toBe('J');
        expect(chart.length).toBeGreaterThanOrEqual(2); // 130 rows: paged

        // KIS has no 999999: the first attempt fails, and the next order says so rather than asking again.
        expect((await run('999999 1')).text).toBe('⏳ Loading the price of 999999; try again in a moment.');
        // A failed attempt is retried later (delayed 30 s), so it shows as the store's recorded failure, not a failed job.
        while (!(await store.status()).some((s) => s.indicatorId === 'stock:999999' && s.lastError))
          await new Promise((r) => setTimeout(r, 50));
        expect((await run('999999 1')).text).toMatch(
          /^⚠️ Could not load 999999 from KIS \(.*999999.*\); check the code\.$/u,
        );
      } finally {
        await worker.close();
        await events.close();
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
    },
  );
});
