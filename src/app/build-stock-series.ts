import type { Config } from '../config.js';
import { createCompositeRepository } from '../data/composite-repository.js';
import type { EtlRequests } from '../data/etl-jobs.js';
import type { SeriesRepository } from '../data/series.js';
import { createStockPrices } from '../data/stock-prices.js';
import { createStockRepository } from '../data/stocks/stock-repository.js';
import type { SeriesStore } from '../store/series-store.js';

/**
 * The indicators' repository with single KRX stocks in front: `stock:<code>` is priced as paper trading prices it
 * (the ETL's store, then stock-<code>.csv in RISKXPERT_DATA_DIR), and a stock not loaded yet is asked of the
 * workers when there is a queue; every other id goes on to `base`.
 */
export function withStockSeries(
  config: Config,
  base: SeriesRepository,
  seriesStore: SeriesStore,
  etl: EtlRequests | undefined,
): SeriesRepository {
  const prices = createStockPrices({
    store: seriesStore,
    ...(config.data.dir ? { csvDir: config.data.dir } : {}),
    kisConfigured: config.etl.kis !== undefined && config.etl.providers.includes('kis'),
    ...(etl ? { requestLoad: (id: string) => etl.requestStockLoad(id) } : {}),
  });
  return createCompositeRepository([createStockRepository(prices), base]);
}
