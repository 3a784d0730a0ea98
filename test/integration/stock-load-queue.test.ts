import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ETL_QUEUE, type EtlJobData } from '../../src/data/etl-jobs.js';
import { requestStockLoad } from '../../workers/queue-driver.js';
import { createStoreRepository } from '../../src/data/store-repository.js';
import { createSimServices } from '../../src/sim/sim-services.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { useTestRedis } from '../fakes/test-redis.js';

// Moved from test/unit/stock-trading.test.ts: it needs a real Redis, and unit tests need none.
const redis = useTestRedis();

function services(env: Record<string, string>, extra: { requestLoad?: (id: string) => Promise<void> } = {}) {
  const store = createMemorySeriesStore();
  const sim = createSimServices(loadConfig({ ETL_PROVIDERS: 'kis,csv', ...env }), {
    series: createStoreRepository(store),
    seriesStore: store,
    ...extra,
  });
  const run = (command: 'buy' | 'sell' | 'portfolio', args = '', locale: 'ko' | 'en' = 'ko') =>
    sim.commands.run({ platform: 'telegram', userId: 'telegram:7', target: '7', locale, command, args });
  return { store, sim, run };
}

describe('orders on stocks with a queue Redis', () => {
  it('with KIS and a queue, an order for an unloaded stock enqueues exactly one ETL load (real Redis) and says to retry', async () => {
    const prefix = `rx-test-stock-${process.pid}-${Date.now()}`;
    const queue = new Queue<EtlJobData>(ETL_QUEUE, { connection: redis.connection(), prefix });
    try {
      const s = services(
        { KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' },
        { requestLoad: (id) => requestStockLoad(queue, id) },
      );
      expect((await s.run('buy', '삼성전자 3')).text).toBe(
        '⏳ 삼성전자 (005930) 가격을 불러오는 중입니다, 잠시 후 다시 시도하세요.',
      );
      expect((await s.run('buy', '005930 3', 'en')).text).toBe(
        '⏳ Loading the price of 005930; try again in a moment.',
      );
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
      expect(jobs.map((j) => j.data)).toEqual([{ indicatorId: 'stock:005930' }]);
      // The load failed (KIS does not know the code): the next order says so instead of asking again.
      await s.store.recordFailure('stock:005930', 'PROVIDER_FAILED: kis returned no data for 005930.');
      expect((await s.run('buy', '005930 3', 'en')).text).toBe(
        '⚠️ Could not load 005930 from KIS (PROVIDER_FAILED: kis returned no data for 005930.); check the code.',
      );
      expect(await queue.count()).toBe(1);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
