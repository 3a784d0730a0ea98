import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readCsvSeries } from '../../src/data/read-csv-series.js';
import { resampleMonthEnd } from '../../src/data/resample.js';
import type { ForecastInput } from '../../src/forecast/forecaster.js';

/**
 * Series shipped in the vega-datasets npm package, so the golden test runs without the shared data folder:
 * the S&P 500 monthly (2000-2010) and the Mauna Loa CO2 record (monthly, strongly seasonal).
 * The golden file is written by `npx tsx test/golden/write-selection-golden.ts`.
 */
export async function goldenInputs(): Promise<{ name: string; input: ForecastInput }[]> {
  const dir = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
  const load = async (file: string, dateCol: string, valueCol: string) =>
    resampleMonthEnd(readCsvSeries(await readFile(join(dir, file), 'utf8'), { dateCol, valueCol }, file).points).map((p) => p.value);
  const sp500 = await load('sp500.csv', 'date', 'price');
  const co2 = await load('co2-concentration.csv', 'Date', 'CO2');
  return [
    { name: 'sp500-h6', input: { values: sp500, horizon: 6, family: 'equity' } },
    { name: 'co2-h12', input: { values: co2, horizon: 12 } },
  ];
}
