import type { KrxMarket, ListedStock } from '../data/stocks/listed-stock.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { checkListing } from './stock-listing-input.js';
import type { StockListingStore } from './stock-listing-store.js';

interface Row {
  code: string;
  name: string;
  market: KrxMarket;
  market_cap: number;
}

/**
 * The listing in the embedded database: one row per code, a market replaced in one write transaction, so a reader
 * sees the old listing or the new one, never a market half deleted.
 */
export function createSqliteStockListingStore(database: SqliteDatabase): StockListingStore {
  const { db } = database;
  const clear = db.prepare('DELETE FROM stock_listing WHERE market = ?');
  const insert = db.prepare(
    'INSERT INTO stock_listing (code, name, market, market_cap) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, market = excluded.market, market_cap = excluded.market_cap',
  );
  const putLoad = db.prepare(
    'INSERT INTO stock_listing_loads (market, loaded_at, count) VALUES (?, ?, ?) ON CONFLICT (market) DO UPDATE SET loaded_at = excluded.loaded_at, count = excluded.count',
  );
  const all = db.prepare('SELECT code, name, market, market_cap FROM stock_listing ORDER BY code');
  const loads = db.prepare('SELECT market, loaded_at FROM stock_listing_loads');
  return {
    async replaceMarket(market, stocks, at = new Date()) {
      const rows = checkListing(market, stocks);
      return database.write('replace stock listing', () => {
        clear.run(market);
        for (const s of rows) insert.run(s.code, s.name, s.market, s.marketCap);
        putLoad.run(market, at.getTime(), rows.length);
        return { count: rows.length };
      });
    },
    async read() {
      return database.read('read stock listing', () =>
        db
          .transaction(() => {
            const stocks: ListedStock[] = (all.all() as Row[]).map((r) => ({
              code: r.code,
              name: r.name,
              market: r.market,
              marketCap: r.market_cap,
            }));
            const loadedAt = Object.fromEntries(
              (loads.all() as { market: KrxMarket; loaded_at: number }[]).map((r) => [r.market, new Date(r.loaded_at)]),
            );
            return { stocks, loadedAt };
          })
          .deferred(),
      );
    },
    async close() {},
  };
}
