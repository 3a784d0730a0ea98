import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsvSeries } from '../src/data/read-csv-series.js';
import { resampleMonthEnd } from '../src/data/resample.js';
import type { EvalSeries } from '../src/forecast/selection/panel-evaluation.js';
import { loadConfig } from '../src/config.js';
import {
  evaluateStockPanel,
  readStockFolder,
  readStockStore,
  stockPanelTable,
} from '../src/forecast/stock-panel-evaluation.js';
import { openStores } from '../src/store/open-stores.js';

/**
 * The stock track record (docs/stocks.md):
 *   npm run eval:stocks -- --dir <folder of stock-XXXXXX.csv>   the served forecaster on those stocks
 *   npm run eval:stocks -- --store                                every stock the ETL loaded into the configured store
 *   npm run eval:stocks -- --data /work/shared/data              the equity panel there (KOSPI, S&P 500) instead
 *   [--from YYYY-MM]                                              first origin (default 2016-01)
 */
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function equityPanel(dir: string): Promise<EvalSeries[]> {
  const read = async (name: string, file: string, dateCol: string, valueCol: string): Promise<EvalSeries> => {
    const { points } = readCsvSeries(
      (await readFile(join(dir, file), 'utf8')).replace(/^\uFEFF/u, ''),
      { dateCol, valueCol },
      file,
    );
    return { name, family: 'equity', monthly: resampleMonthEnd(points.filter((p) => p.value > 0)) };
  };
  return [
    await read('KOSPI', 'kospi_ks11_daily_yfinance.csv', 'Price', 'Close'),
    await read('S&P 500 (Shiller)', 'sp500_shiller_monthly.csv', 'Date', 'SP500'),
  ];
}

async function fromStore(): Promise<EvalSeries[]> {
  const stores = openStores(loadConfig(process.env));
  try {
    return await readStockStore(stores.series);
  } finally {
    await stores.close();
  }
}

const stocks = arg('--dir');
const data = arg('--data');
const store = process.argv.includes('--store');
if (!stocks && !data && !store) {
  console.error(
    'usage: npm run eval:stocks -- --dir <folder with stock-XXXXXX.csv (date,value)> | --store | --data <shared data folder> [--from YYYY-MM]',
  );
  process.exit(2);
}
const t0 = Date.now();
const series = stocks ? await readStockFolder(stocks) : store ? await fromStore() : await equityPanel(data!);
const from = arg('--from') ?? '2016-01';
const result = evaluateStockPanel(series, { from });
console.log(
  `Served forecaster (equities family) on ${series.length} series, origins from ${from}, horizons 3/6/12; WQL / naive < 1 beats the random walk.\n`,
);
console.log(stockPanelTable(result));
console.error(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
