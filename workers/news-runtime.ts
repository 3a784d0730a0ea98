import type { Redis } from 'ioredis';
import { loadNewsConfig } from '../src/news/news-config.js';
import { createNewsServices } from '../src/news/news-services.js';
import { openNewsStore } from '../src/news/open-news-store.js';
import type { Runtime } from '../src/runtime.js';
import { startNewsWorker } from './news-worker.js';

/**
 * The news part of `riskxpert worker`: nothing runs unless NEWS_FEEDS (or the Naver keys) are set. Feeds and
 * items go to the process's store backend.
 */
export async function startWorkerNews(rt: Runtime, connection: Redis): Promise<{ close(): Promise<void> }> {
  const config = loadNewsConfig(process.env);
  if (config.feeds.length === 0 && !config.naver) {
    rt.logger.info('news: NEWS_FEEDS is not set; no news fetching');
    return { close: async () => undefined };
  }
  const c = rt.config.store;
  const store = openNewsStore(rt.stores, c.mongoUrl ? { url: c.mongoUrl, dbName: c.dbName } : undefined);
  await store.init();
  const services = createNewsServices({ config, store });
  const worker = await startNewsWorker({ connection, services, logger: rt.logger.child({ worker: 'news' }) });
  rt.logger.info({ feeds: config.feeds.length, naver: Boolean(config.naver), everyMinutes: config.intervalMinutes }, 'news worker running');
  return {
    async close() {
      await worker.close();
      await services.close();
    },
  };
}
