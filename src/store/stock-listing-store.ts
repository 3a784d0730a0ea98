import type { KrxMarket, ListedStock } from '../data/stocks/listed-stock.js';

export interface StockListing {
  stocks: ListedStock[];
  /** When each market's listing was last replaced (absent: never loaded). */
  loadedAt: Partial<Record<KrxMarket, Date>>;
}

/**
 * The KRX listing the ETL loads from KIS's master files: code, name and market of every listed stock. A market is
 * replaced whole (a delisted stock must disappear), in one transaction where the backend has them, and an empty
 * load is refused so that a broken download never wipes the listing.
 */
export interface StockListingStore {
  replaceMarket(market: KrxMarket, stocks: readonly ListedStock[], at?: Date): Promise<{ count: number }>;
  read(): Promise<StockListing>;
  close(): Promise<void>;
}
