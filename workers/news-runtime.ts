import type { Redis } from 'ioredis';
import { loadNewsConfig } from '../src/news/news-config.js';
import { createNewsServices } from '../src/news/news-services.js';
import { openNewsStore } from '../src/news/open-news-store.js';
import type { Runtime } from '../src/runtime.js';
import { createNewsAlerts } from './news-alerts.js';
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
  const alerts = createNewsAlerts({
    connection,
    news: store,
    events: rt.stores.events,
    subscriptions: rt.stores.subscriptions,
    config,
  });
  const logger = rt.logger.child({ worker: 'news' });
  const worker = await startNewsWorker({
    connection,
    services,
    logger,
    onFetched: async (report) => {
      const raised = await alerts.onFetched(report);
      if (raised.events > 0) logger.info(raised, 'news threat events raised');
    },
  });
  rt.logger.info(
    { feeds: config.feeds.length, naver: Boolean(config.naver), everyMinutes: config.intervalMinutes },
    'news worker running',
  );
  return {
    async close() {
      await worker.close();
      await alerts.close();
      await services.close();
    },
  };
}
