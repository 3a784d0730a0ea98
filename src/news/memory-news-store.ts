import { checkItem, checkQuery, matchesText, type NewsStore } from './news-store.js';
import type { FeedState, NewsItem } from './news-types.js';

/** STORE=memory: kept for the life of the process. */
export function createMemoryNewsStore(): NewsStore {
  const items = new Map<string, NewsItem>();
  const feeds = new Map<string, FeedState>();
  return {
    async init() {},
    async upsert(list) {
      for (const item of list) {
        checkItem(item);
        items.set(item.id, structuredClone(item));
      }
    },
    async search(query) {
      const q = checkQuery(query);
      return [...items.values()]
        .filter(
          (i) =>
            (!q.indicatorId || i.indicators.includes(q.indicatorId)) &&
            (!q.since || i.publishedAt >= q.since) &&
            matchesText(i, q.text),
        )
        .sort((a, b) =>
          a.publishedAt === b.publishedAt ? (a.id < b.id ? 1 : -1) : a.publishedAt < b.publishedAt ? 1 : -1,
        )
        .slice(0, q.limit)
        .map((i) => structuredClone(i));
    },
    async purge(before) {
      let n = 0;
      for (const [id, i] of items) if (i.publishedAt < before && items.delete(id)) n += 1;
      return n;
    },
    async getFeedState(url) {
      const s = feeds.get(url);
      return s ? { ...s } : undefined;
    },
    async putFeedState(state) {
      feeds.set(state.url, { ...state });
    },
    async listFeedStates() {
      return [...feeds.values()].map((s) => ({ ...s })).sort((a, b) => (a.url < b.url ? -1 : 1));
    },
    async close() {},
  };
}
