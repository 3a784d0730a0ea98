import type { SqliteDatabase } from '../store/sqlite-database.js';
import { checkItem, checkQuery, matchesText, type NewsStore } from './news-store.js';
import type { FeedState, NewsItem } from './news-types.js';

/**
 * Headlines in the embedded database (migration "news" in sqlite-migrations.ts): one row per item, one row per
 * (indicator, item) so an indicator's latest items are one index range, and one row per feed for its ETag.
 */
export function createSqliteNewsStore(database: SqliteDatabase): NewsStore {
  const { db } = database;
  const put = db.prepare(
    'INSERT INTO news_items (id, published_at, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET published_at = excluded.published_at, doc = excluded.doc',
  );
  const clearTags = db.prepare('DELETE FROM news_item_indicators WHERE item_id = ?');
  const putTag = db.prepare('INSERT INTO news_item_indicators (indicator_id, published_at, item_id) VALUES (?, ?, ?)');
  // Text filtering happens in JS (Korean has no word tokenizer in SQLite); the scan is newest first and stops early.
  const latest = db.prepare('SELECT doc FROM news_items WHERE published_at >= ? ORDER BY published_at DESC, id DESC');
  const latestByIndicator = db.prepare(
    'SELECT n.doc FROM news_item_indicators t JOIN news_items n ON n.id = t.item_id WHERE t.indicator_id = ? AND t.published_at >= ? ORDER BY t.published_at DESC, t.item_id DESC',
  );
  const purgeTags = db.prepare('DELETE FROM news_item_indicators WHERE published_at < ?');
  const purgeItems = db.prepare('DELETE FROM news_items WHERE published_at < ?');
  const getFeed = db.prepare('SELECT doc FROM news_feeds WHERE url = ?');
  const putFeed = db.prepare(
    'INSERT INTO news_feeds (url, doc) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET doc = excluded.doc',
  );
  const allFeeds = db.prepare('SELECT doc FROM news_feeds ORDER BY url');

  return {
    async init() {},
    async upsert(items) {
      for (const i of items) checkItem(i);
      database.write('store news', () => {
        for (const i of items) {
          put.run(i.id, i.publishedAt, JSON.stringify(i));
          clearTags.run(i.id);
          for (const tag of i.indicators) putTag.run(tag, i.publishedAt, i.id);
        }
      });
    },
    async search(query) {
      const q = checkQuery(query);
      const since = q.since ?? '';
      return database.read('search news', () => {
        const out: NewsItem[] = [];
        const rows = (
          q.indicatorId ? latestByIndicator.iterate(q.indicatorId, since) : latest.iterate(since)
        ) as Iterable<{ doc: string }>;
        for (const row of rows) {
          const item = JSON.parse(row.doc) as NewsItem;
          if (!matchesText(item, q.text)) continue;
          out.push(item);
          if (out.length >= q.limit) break;
        }
        return out;
      });
    },
    async purge(before) {
      return database.write('purge news', () => {
        purgeTags.run(before);
        return purgeItems.run(before).changes;
      });
    },
    async getFeedState(url) {
      const row = (await database.read('get feed state', () => getFeed.get(url))) as { doc: string } | undefined;
      return row ? (JSON.parse(row.doc) as FeedState) : undefined;
    },
    async putFeedState(state) {
      database.write('put feed state', () => putFeed.run(state.url, JSON.stringify(state)));
    },
    async listFeedStates() {
      const rows = (await database.read('list feed states', () => allFeeds.all())) as { doc: string }[];
      return rows.map((r) => JSON.parse(r.doc) as FeedState);
    },
    async close() {},
  };
}
