import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ETL_QUEUE } from '../../src/data/etl-jobs.js';
import type { AnswerEvent } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { bullmqQueueDriver } from '../../workers/queue-driver.js';
import { useTestRedis } from '../fakes/test-redis.js';

describe('a question about a stock whose stored prices are old asks the worker for one load', () => {
  const testRedis = useTestRedis();
  let queue: Queue;
  beforeAll(() => {
    queue = new Queue(ETL_QUEUE, { connection: testRedis.connection() });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });

  it('answers from the old prices, saying their date, and enqueues exactly one stock load (real Redis queue)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rx-stock-stale-'));
    const config = loadConfig({
      RISKXPERT_HOME: home,
      QUEUE_REDIS_URL: testRedis.url,
      FORECASTER: 'drift',
      KIS_APP_KEY: 'k',
      KIS_APP_SECRET: 's',
    });
    const rt = await createRuntime(config, { logger: createSilentLogger(), queues: bullmqQueueDriver });
    try {
      const points = Array.from({ length: 40 }, (_, i) => ({
        date: new Date(Date.UTC(2022, i + 1, 0)).toISOString().slice(0, 10),
        value: 60_000 + 500 * i,
      }));
      await rt.seriesStore.upsert('stock:005930', points, { source: 'kis:005930' });
      const events: AnswerEvent[] = [];
      for (const q of ['삼성전자 3개월', '005930 6개월'])
        for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:t', question: q })) events.push(e);
      const forecast = events.find((e) => e.type === 'forecast');
      expect(forecast).toMatchObject({
        indicator: { id: 'stock:005930', nameKo: '삼성전자(005930)' },
        dataAsOf: '2025-04-30',
      });
      const summary = events.find((e) => e.type === 'summary');
      expect(summary?.type === 'summary' && summary.text).toMatch(
        /^최신 데이터를 불러오지 못해 2025년 4월 30일까지의 자료/u,
      );
      const ids = (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'])).map(
        (j) => j.id ?? '',
      );
      expect(ids.filter((id) => id.startsWith('refresh:stock-005930:'))).toHaveLength(1);
      expect(ids.filter((id) => id.startsWith('refresh:stock:'))).toEqual([]);
    } finally {
      await rt.close();
    }
  });
});
