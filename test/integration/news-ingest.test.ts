import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { loadNewsConfig } from '../../src/news/news-config.js';
import { createNewsServices, type NewsServices } from '../../src/news/news-services.js';
import type { NewsStore } from '../../src/news/news-store.js';
import { atom, rss, startNewsFeedServer, xmlBomb, xxeFeed, type NewsFeedServer } from '../fakes/news-feed-server.js';

const NOW = new Date('2026-12-02T06:00:00.000Z');
const loopback = (a: string) => a === '127.0.0.1';

describe('news ingest against a feed stand-in over loopback', () => {
  let server: NewsFeedServer;
  let store: NewsStore;
  let news: NewsServices;

  beforeAll(async () => {
    server = await startNewsFeedServer();
    // The same story from three outlets: RSS with a tracking parameter, RSS with a [속보] prefix, Atom with a suffix.
    server.set('/yna.xml', {
      etag: '"yna-1"',
      body: rss([
        {
          title: '[속보] 원·달러 환율 1,480원 돌파…15년 만에 최고',
          link: 'https://www.yna.co.kr/view/AKR2026120200100?utm_source=rss&amp;utm_medium=feed',
          pubDate: 'Wed, 02 Dec 2026 09:10:00 +0900',
        },
        {
          title: '한은 금통위, 기준금리 연 2.50% 동결',
          link: 'https://www.yna.co.kr/view/AKR2026120200200',
          pubDate: 'Wed, 02 Dec 2026 10:00:00 +0900',
        },
      ]),
    });
    server.set('/hankyung.xml', {
      body: rss([
        {
          title: '원·달러 환율 1,480원 돌파, 15년 만에 최고',
          link: 'https://www.hankyung.com/article/2026120211111?fbclid=abc',
          pubDate: 'Wed, 02 Dec 2026 09:20:00 +0900',
        },
      ]),
    });
    server.set('/reuters.atom', {
      contentType: 'application/atom+xml',
      body: atom([
        {
          title: '원·달러 환율 1,480원 돌파…15년 만에 최고 - 매일경제',
          link: 'https://www.mk.co.kr/news/economy/111?gclid=x',
          updated: '2026-12-02T00:25:00Z',
        },
      ]),
    });
    // Re-published by the same outlet under a new URL; HTML and entities in a title; a malformed date.
    server.set('/edaily.xml', {
      body: rss([
        {
          title: '코스피, 외국인 매도에 2% 급락',
          link: 'https://www.edaily.co.kr/news/1',
          pubDate: 'Wed, 02 Dec 2026 11:00:00 +0900',
        },
        {
          title: '코스피, 외국인 매도에 2% 급락',
          link: 'https://www.edaily.co.kr/news/1-updated',
          pubDate: 'Wed, 02 Dec 2026 11:30:00 +0900',
        },
        {
          title: '<![CDATA[<b>국제유가</b> &amp; 금값 &quot;동반&quot; 급등 &#8230; <script>alert(1)</script>]]>',
          link: 'https://www.edaily.co.kr/news/2',
          description: '&lt;p&gt;WTI &amp;amp; 금 &lt;img src=x onerror=alert(1)&gt;가격&lt;/p&gt;',
          pubDate: 'sometime yesterday',
        },
        { title: '링크가 스크립트인 기사', link: 'javascript:alert(1)' },
      ]),
    });
    server.set('/bomb.xml', { body: xmlBomb() });
    server.set('/xxe.xml', { body: xxeFeed() });
    server.setNaverItems([
      {
        title: '&quot;<b>코스피</b>&quot; 반등 시도…개인 순매수',
        originallink: 'https://www.news1.kr/economy/555?utm_campaign=naver',
        link: 'https://n.news.naver.com/mnews/article/421/555',
        description: '<b>코스피</b>가 장중 반등을 시도했다.',
        pubDate: 'Wed, 02 Dec 2026 13:00:00 +0900',
      },
    ]);
    const feeds = [
      'yna.xml',
      'hankyung.xml',
      'reuters.atom',
      'edaily.xml',
      'bomb.xml',
      'xxe.xml',
      'huge.xml',
      'hang.xml',
    ].map((p) => `${p.split('.')[0]}=${server.url}/${p}`);
    const config = loadNewsConfig({
      NEWS_FEEDS: feeds.join(','),
      NEWS_MAX_FEED_BYTES: '1000000',
      NEWS_FEED_TIMEOUT_MS: '1500',
      NEWS_HOST_GAP_MS: '0',
      NAVER_CLIENT_ID: 'naver-id',
      NAVER_CLIENT_SECRET: 'naver-secret',
      NAVER_NEWS_QUERIES: '코스피',
    });
    store = createMemoryNewsStore();
    news = createNewsServices({ config, store, now: () => NOW, permitAddress: loopback, naverBase: server.url });
  });
  afterAll(async () => {
    await news?.close();
    await server?.close();
  });

  it('loads every good feed while the hostile, huge and hanging ones fail alone, each with its reason', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const report = await news.fetchAll();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const byName = Object.fromEntries(report.feeds.map((f) => [f.name, f]));
    for (const ok of ['yna', 'hankyung', 'reuters', 'edaily']) expect(byName[ok]?.status, ok).toBe('ok');
    expect(byName.bomb).toMatchObject({ status: 'error', error: expect.stringMatching(/DOCTYPE with entity/u) });
    expect(byName.xxe).toMatchObject({ status: 'error', error: expect.stringMatching(/DOCTYPE with entity/u) });
    expect(byName.huge).toMatchObject({ status: 'error', error: expect.stringMatching(/too large/u) });
    expect(byName.hang).toMatchObject({ status: 'error', error: 'timed out after 1500 ms' });
    expect(byName['Naver News']).toMatchObject({ status: 'ok', entries: 1 });
    // The 50 MB feed was dropped near the 1 MB limit (plus socket buffers), not read through.
    expect(server.hugeBytesSent()).toBeLessThan(20 * 1024 * 1024);
    // Neither the bomb (10^9 "lol"s if expanded) nor the 50 MB feed grew the heap by more than a bound.
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
    const states = await store.listFeedStates();
    expect(states.find((s) => s.url.endsWith('/hang.xml'))).toMatchObject({
      lastStatus: 'error',
      lastError: 'timed out after 1500 ms',
    });
  });

  it('one story from three outlets is one item listing three sources, at canonical URLs', async () => {
    const [fx] = await store.search({ text: '1,480원', limit: 10 });
    expect(await store.search({ text: '1,480원', limit: 10 })).toHaveLength(1);
    expect(fx!.sources.map((s) => s.name).sort()).toEqual(['hankyung', 'reuters', 'yna']);
    expect(fx!.sources.map((s) => s.url).sort()).toEqual([
      'https://www.hankyung.com/article/2026120211111',
      'https://www.mk.co.kr/news/economy/111',
      'https://www.yna.co.kr/view/AKR2026120200100',
    ]);
    expect(fx!.publishedAt).toBe('2026-12-02T00:10:00.000Z');
    expect(fx!.indicators).toContain('usdkrw');
  });

  it('a story re-published under a new URL stays one item; HTML, scripts and entities are gone; a bad date is marked', async () => {
    expect(await store.search({ text: '외국인 매도에', limit: 10 })).toHaveLength(1);
    const [oil] = await store.search({ text: '국제유가', limit: 10 });
    expect(oil!.title).toBe('국제유가 & 금값 "동반" 급등 …');
    expect(oil!.description).toBe('WTI & 금 가격');
    expect(oil!.dateEstimated).toBe(true);
    expect(oil!.publishedAt).toBe(NOW.toISOString());
    expect(oil!.indicators).toEqual(['gold', 'wti']);
    expect(await store.search({ text: '스크립트', limit: 10 })).toEqual([]);
  });

  it('Naver items keep the outlet link, cleaned, with the credentials sent as headers', async () => {
    const [k] = await store.search({ text: '반등 시도', limit: 10 });
    expect(k).toMatchObject({
      title: '"코스피" 반등 시도…개인 순매수',
      url: 'https://www.news1.kr/economy/555',
      source: 'news1.kr',
      indicators: ['kospi'],
    });
    const call = server.requests.find((r) => r.path === '/v1/search/news.json')!;
    expect(call.query.get('query')).toBe('코스피');
    expect(call.status).toBe(200);
  });

  it('the second fetch sends If-None-Match and takes the 304 as nothing new', async () => {
    const before = (await store.search({ limit: 100 })).length;
    const report = await news.fetchAll();
    expect(report.feeds.find((f) => f.name === 'yna')).toMatchObject({ status: 'not-modified' });
    const ynaCalls = server.requests.filter((r) => r.path === '/yna.xml');
    expect(ynaCalls.map((r) => [r.headers['if-none-match'], r.status])).toEqual([
      [undefined, 200],
      ['"yna-1"', 304],
    ]);
    expect(report.added).toEqual([]);
    expect((await store.search({ limit: 100 })).length).toBe(before);
  });
});
