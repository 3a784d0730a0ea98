import type { Collection } from 'mongodb';
import type { KrxMarket, ListedStock } from '../data/stocks/listed-stock.js';
import { RiskXpertError } from '../errors.js';
import { storeClient, type MongoStoreConnection } from './mongo-client.js';
import { checkListing, mergeMarkets } from './stock-listing-input.js';
import type { StockListingStore } from './stock-listing-store.js';

interface ListingDoc {
  _id: KrxMarket;
  stocks: ListedStock[];
  loadedAt: Date;
}

/**
 * One document per market holding its whole listing (about 2,500 small rows, well under MongoDB's 16 MB), so a
 * replacement is a single-document write: atomic without a transaction or a replica set.
 */
export function createMongoStockListingStore(options: MongoStoreConnection): StockListingStore {
  const { client, close } = storeClient(options);
  const listings: Collection<ListingDoc> = client.db(options.dbName).collection('stock_listing');

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof RiskXpertError) throw err;
      throw new RiskXpertError('STORE_UNAVAILABLE', `MongoDB ${what} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  return {
    async replaceMarket(market, stocks, at = new Date()) {
      const rows = checkListing(market, stocks);
      return guard('replace stock listing', async () => {
        await listings.replaceOne({ _id: market }, { stocks: rows, loadedAt: at }, { upsert: true });
        return { count: rows.length };
      });
    },
    async read() {
      return guard('read stock listing', async () => {
        const docs = await listings.find({}).toArray();
        const stocks = mergeMarkets(docs.map((d) => ({ stocks: d.stocks, at: d.loadedAt })));
        return { stocks, loadedAt: Object.fromEntries(docs.map((d) => [d._id, d.loadedAt])) };
      });
    },
    close,
  };
}
