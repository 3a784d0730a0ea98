import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsStore } from '../../src/news/news-store.js';
import type { NewsItem } from '../../src/news/news-types.js';

let seq = 0;
export function newsItem(over: Partial<NewsItem> = {}): NewsItem {
  seq += 1;
  const id = (over.id ?? seq.toString(16)).padStart(24, '0');
  return {
    id,
    title: `headline ${seq}`,
    url: `https://news.example/${seq}`,
    source: 'example',
    sources: [{ name: 'example', url: `https://news.example/${seq}`, publishedAt: '2026-12-01T00:00:00.000Z' }],
    publishedAt: '2026-12-01T00:00:00.000Z',
    description: '',
    indicators: [],
    fetchedAt: '2026-12-01T00:05:00.000Z',
    ...over,
  };
}

/** One behaviour for every news store backend. */
export function describeNewsStoreContract(name: string, make: () => Promise<NewsStore>): void {
  describe(`news store contract (${name})`, () => {
    let store: NewsStore;
    beforeAll(async () => {
      store = await make();
      await store.init();
    });
    afterAll(async () => store.close());

    it('returns an indicator’s items newest first, and only that indicator’s', async () => {
      const a = newsItem({ title: '코스피 급락 a', indicators: ['kospi'], publishedAt: '2026-12-01T01:00:00.000Z' });
      const b = newsItem({
        title: '코스피 반등 b',
        indicators: ['kospi', 'usdkrw'],
        publishedAt: '2026-12-01T03:00:00.000Z',
      });
      const c = newsItem({ title: '환율 상승 c', indicators: ['usdkrw'], publishedAt: '2026-12-01T02:00:00.000Z' });
      await store.upsert([a, b, c]);
      expect((await store.search({ indicatorId: 'kospi', limit: 10 })).map((i) => i.id)).toEqual([b.id, a.id]);
      expect((await store.search({ indicatorId: 'usdkrw', limit: 1 })).map((i) => i.id)).toEqual([b.id]);
      expect(await store.search({ indicatorId: 'gold', limit: 10 })).toEqual([]);
    });

    it('replaces an item by id: a merge that adds a source and a tag is what is read back', async () => {
      const x = newsItem({ title: '금값 사상 최고 x', indicators: ['gold'], publishedAt: '2026-12-02T01:00:00.000Z' });
      await store.upsert([x]);
      const merged: NewsItem = {
        ...x,
        indicators: ['gold', 'usdkrw'],
        sources: [...x.sources, { name: 'other', url: 'https://other.example/x', publishedAt: x.publishedAt }],
      };
      await store.upsert([merged]);
      const got = await store.search({ indicatorId: 'usdkrw', since: '2026-12-02T00:00:00.000Z', limit: 10 });
      expect(got).toEqual([merged]);
      expect(await store.search({ indicatorId: 'gold', limit: 10 })).toEqual([merged]);
    });

    it('matches every word of a text query, case-insensitively, in title or description', async () => {
      const y = newsItem({
        title: 'Fed HOLDS rates',
        description: 'Treasury yields fall',
        publishedAt: '2026-12-02T02:00:00.000Z',
      });
      await store.upsert([y]);
      expect((await store.search({ text: 'fed yields', limit: 10 })).map((i) => i.id)).toEqual([y.id]);
      expect(await store.search({ text: 'fed gold', limit: 10 })).toEqual([]);
    });

    it('purges what is older than the retention, tags included', async () => {
      const old = newsItem({ title: 'old', indicators: ['wti'], publishedAt: '2025-01-01T00:00:00.000Z' });
      await store.upsert([old]);
      expect(await store.purge('2026-01-01T00:00:00.000Z')).toBe(1);
      expect(await store.search({ indicatorId: 'wti', limit: 10 })).toEqual([]);
    });

    it('keeps each feed’s conditional-GET state', async () => {
      expect(await store.getFeedState('https://feed.example/rss')).toBeUndefined();
      await store.putFeedState({ url: 'https://feed.example/rss', etag: '"v1"', lastStatus: 'ok', lastItemCount: 3 });
      await store.putFeedState({
        url: 'https://feed.example/rss',
        etag: '"v2"',
        lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT',
        lastStatus: 'not-modified',
      });
      expect(await store.getFeedState('https://feed.example/rss')).toEqual({
        url: 'https://feed.example/rss',
        etag: '"v2"',
        lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT',
        lastStatus: 'not-modified',
      });
      expect((await store.listFeedStates()).map((s) => s.url)).toEqual(['https://feed.example/rss']);
    });

    it('refuses an id that is not one of ours and a query id that is not a catalog id', async () => {
      await expect(store.upsert([newsItem({ id: 'x'.repeat(24) })])).rejects.toThrow(/news item id/u);
      await expect(store.search({ indicatorId: 'kospi; DROP', limit: 1 })).rejects.toThrow(/catalog id/u);
    });
  });
}
