import type { KrxMarket, ListedStock } from '../data/stocks/listed-stock.js';
import { checkListing, mergeMarkets } from './stock-listing-input.js';
import type { StockListingStore } from './stock-listing-store.js';

/** The listing in this process (STORE=memory and tests): the same contract as SQLite and MongoDB. */
export function createMemoryStockListingStore(): StockListingStore {
  const markets = new Map<KrxMarket, { stocks: ListedStock[]; at: Date }>();
  return {
    async replaceMarket(market, stocks, at = new Date()) {
      const rows = checkListing(market, stocks).map((s) => ({ ...s }));
      markets.set(market, { stocks: rows, at });
      return { count: rows.length };
    },
    async read() {
      const stocks = mergeMarkets([...markets.values()]);
      return { stocks, loadedAt: Object.fromEntries([...markets.entries()].map(([k, v]) => [k, v.at])) };
    },
    async close() {},
  };
}
