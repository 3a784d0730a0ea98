import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStockListingStore } from '../../src/store/memory-stock-listing-store.js';
import { createSqliteStockListingStore } from '../../src/store/sqlite-stock-listing-store.js';
import { describeStockListingStoreContract } from './stock-listing-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('listing');
const perCase: ReturnType<typeof sqliteTestDb>[] = [];
afterAll(() => {
  testDb.drop();
  for (const db of perCase) db.drop();
});

describeStockListingStoreContract('memory', async () => createMemoryStockListingStore());
// A database of its own per test: the contract starts each test from an empty listing.
describeStockListingStoreContract('sqlite', async () => {
  const db = sqliteTestDb('listing-case');
  perCase.push(db);
  return createSqliteStockListingStore(db.open());
});

describe('SQLite stock listing on a file', () => {
  const database = testDb.open();
  it('replacing a market deletes by the market index; the listing is read in key order (no sort)', () => {
    expect(queryPlan(database, 'DELETE FROM stock_listing WHERE market = ?', 'KOSPI')).toMatch(/stock_listing_market/u);
    expect(queryPlan(database, 'SELECT code, name, market, market_cap FROM stock_listing ORDER BY code')).not.toMatch(
      /TEMP B-TREE/u,
    );
  });

  it('a listing written by one connection is read by another', async () => {
    await createSqliteStockListingStore(database).replaceMarket('KOSPI', [
      { code: '005930', name: '삼성전자', market: 'KOSPI', marketCap: 3 },
    ]);
    const read = await createSqliteStockListingStore(testDb.open()).read();
    expect(read.stocks).toEqual([{ code: '005930', name: '삼성전자', market: 'KOSPI', marketCap: 3 }]);
  });
});
