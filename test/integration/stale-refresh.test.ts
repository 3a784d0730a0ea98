import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ETL_QUEUE } from '../../src/data/etl-jobs.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { bullmqQueueDriver } from '../../workers/queue-driver.js';
import { useTestRedis } from '../fakes/test-redis.js';

describe('a question that finds stale ETL data asks the workers for a refresh', () => {
  const testRedis = useTestRedis();
  let queue: Queue;
  beforeAll(() => {
    queue = new Queue(ETL_QUEUE, { connection: testRedis.connection() });
  });
  afterAll(async () => {
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'completed', 'failed']);
    for (const j of jobs) if (j.id?.startsWith('refresh:gold:')) await j.remove().catch(() => undefined);
    await queue.close();
  });

  it('enqueues one refresh job for the indicator (real runtime, real Redis queue)', async () => {
    const rt = await createRuntime(loadConfig({ QUEUE_REDIS_URL: testRedis.url, FORECASTER: 'drift' }), {
      logger: createSilentLogger(),
      queues: bullmqQueueDriver,
    });
    try {
      const points = Array.from({ length: 30 }, (_, i) => ({
        date: `${2018 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
        value: 1000 + i,
      }));
      await rt.seriesStore.upsert('gold', points, { source: 'test' });
      for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:t', question: '금값 3개월' })) void e;
      for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:t', question: '금값 6개월' })) void e;
      let jobs: string[] = [];
      // Every state: a worker elsewhere on this Redis may already have taken the job. Generous polling, because
      // the enqueue is fire-and-forget and a loaded machine can be slow; the count is what is asserted.
      for (let i = 0; i < 200; i += 1) {
        jobs = (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']))
          .map((j) => j.id ?? '')
          .filter((id) => id.startsWith('refresh:gold:'));
        if (jobs.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(jobs).toHaveLength(1);
    } finally {
      await rt.close();
    }
  });
});
