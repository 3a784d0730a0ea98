import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { loadNewsConfig } from '../../src/news/news-config.js';
import { createNewsServices } from '../../src/news/news-services.js';
import { startNewsWorker, type NewsWorker } from '../../workers/news-worker.js';
import { rss, startNewsFeedServer, type NewsFeedServer } from '../fakes/news-feed-server.js';
import { useTestRedis } from '../fakes/test-redis.js';
import { waitUntil } from '../fakes/wait-until.js';

const testRedis = useTestRedis();

describe('news fetching on a BullMQ job scheduler', () => {
  let server: NewsFeedServer;
  let worker: NewsWorker | undefined;
  beforeAll(async () => {
    server = await startNewsFeedServer();
  });
  afterAll(async () => {
    await worker?.close();
    await server.close();
  });

  it('fetches on every tick, conditionally after the first, and the items land in the store', async () => {
    server.set('/feed.xml', {
      etag: '"v1"',
      body: rss([
        { title: '유가 급등에 정유주 강세', link: 'https://news.example/oil', pubDate: new Date().toUTCString() },
      ]),
    });
    const store = createMemoryNewsStore();
    const services = createNewsServices({
      config: loadNewsConfig({ NEWS_FEEDS: `${server.url}/feed.xml`, NEWS_HOST_GAP_MS: '0' }),
      store,
      permitAddress: (a) => a === '127.0.0.1',
    });
    const reports: number[] = [];
    worker = await startNewsWorker({
      connection: testRedis.connection(),
      prefix: `rx-news-${process.pid}-${Date.now()}`,
      services,
      logger: createSilentLogger(),
      everyMs: 300,
      onFetched: async (r) => void reports.push(r.added.length),
    });
    await waitUntil(() => server.requests.filter((r) => r.path === '/feed.xml').length >= 2, 'two scheduled fetches');
    expect((await store.search({ indicatorId: 'wti', limit: 5 })).map((i) => i.title)).toEqual([
      '유가 급등에 정유주 강세',
    ]);
    const calls = server.requests.filter((r) => r.path === '/feed.xml');
    expect(calls[0]!.status).toBe(200);
    expect(calls[1]!.headers['if-none-match']).toBe('"v1"');
    expect(calls[1]!.status).toBe(304);
    await waitUntil(() => reports.length >= 2, 'the hook after each fetch');
    expect(reports.slice(0, 2)).toEqual([1, 0]);
    await worker.close();
    worker = undefined;
    await services.close();
  });
});
