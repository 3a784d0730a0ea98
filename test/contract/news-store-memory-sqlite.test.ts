import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { createSqliteNewsStore } from '../../src/news/sqlite-news-store.js';
import { describeNewsStoreContract } from './news-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('news');
afterAll(() => testDb.drop());
const database = testDb.open();

describeNewsStoreContract('memory', async () => createMemoryNewsStore());
describeNewsStoreContract('sqlite', async () => createSqliteNewsStore(database));

describe('SQLite news store', () => {
  it('an indicator’s latest items and the purge run on an index', () => {
    expect(
      queryPlan(
        database,
        'SELECT n.doc FROM news_item_indicators t JOIN news_items n ON n.id = t.item_id WHERE t.indicator_id = ? AND t.published_at >= ? ORDER BY t.published_at DESC, t.item_id DESC',
        'kospi',
        '',
      ),
    ).not.toMatch(/SCAN t|TEMP B-TREE/u);
    expect(
      queryPlan(database, 'SELECT doc FROM news_items WHERE published_at >= ? ORDER BY published_at DESC, id DESC', ''),
    ).toMatch(/news_items_published/u);
    expect(queryPlan(database, 'DELETE FROM news_items WHERE published_at < ?', '')).toMatch(/news_items_published/u);
  });

  it('what one connection stored another reads (the worker fetches, serve answers)', async () => {
    const writer = createSqliteNewsStore(database);
    const reader = createSqliteNewsStore(testDb.open());
    await writer.upsert([
      {
        id: 'f'.repeat(24),
        title: '유가 급등',
        url: 'https://n.example/f',
        source: 'n',
        sources: [],
        publishedAt: '2026-12-03T00:00:00.000Z',
        description: '',
        indicators: ['wti'],
        fetchedAt: '2026-12-03T00:00:00.000Z',
      },
    ]);
    expect((await reader.search({ indicatorId: 'wti', limit: 5 })).map((i) => i.title)).toEqual(['유가 급등']);
  });
});
