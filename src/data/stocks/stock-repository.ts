import type { Series, SeriesRepository } from '../series.js';
import { stockCodeOf } from '../stock-instruments.js';
import type { StockPrices } from '../stock-prices.js';

/**
 * `stock:<code>` series for the engine, from the same place paper trading prices them (the ETL's store, then
 * `stock-<code>.csv` in RISKXPERT_DATA_DIR). Other ids are not its business: `find` answers undefined and the next
 * repository is asked. A stock without prices throws SERIES_NOT_FOUND with `details.stockPrice` saying why.
 */
export function createStockRepository(prices: Pick<StockPrices, 'series'>): SeriesRepository {
  async function find(id: string): Promise<Series | undefined> {
    if (!stockCodeOf(id)) return undefined;
    const s = await prices.series(id);
    return {
      indicatorId: id,
      frequency: 'D',
      points: s.points,
      version: s.version,
      source: s.source,
      sample: false,
      origin: s.origin,
    };
  }
  return {
    find,
    async get(id) {
      const s = await find(id);
      if (!s) throw new Error(`not a stock id: ${id}`);
      return s;
    },
    // Stocks are asked for by name; they are not offered in the list of indicators.
    available: async () => [],
  };
}
