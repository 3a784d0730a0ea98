import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { createSqliteSeriesStore } from '../../src/store/sqlite-series-store.js';
import { describeSeriesStoreContract } from './series-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('series');
afterAll(() => testDb.drop());
const database = testDb.open();

describeSeriesStoreContract('memory', async () => createMemorySeriesStore());
describeSeriesStoreContract('sqlite', async () => createSqliteSeriesStore(database));

describe('SQLite series store on a file', () => {
  it('reads a series as one primary-key range scan in date order (no sort)', () => {
    const plan = queryPlan(
      database,
      'SELECT date, value FROM series_points WHERE indicator_id = ? ORDER BY date',
      'kospi',
    );
    expect(plan).toMatch(/USING PRIMARY KEY/u);
    expect(plan).not.toMatch(/TEMP B-TREE/u);
  });

  it('a load written by one connection is read whole by another', async () => {
    const writer = createSqliteSeriesStore(database);
    const reader = createSqliteSeriesStore(testDb.open());
    const points = Array.from({ length: 500 }, (_, i) => ({
      date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      value: i,
    }));
    const r = await writer.upsert('two_conn', points, { source: 'test' });
    const read = (await reader.read('two_conn'))!;
    expect(read.points).toEqual(points);
    expect(read.version).toBe(r.version);
  });
});
