import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Point } from '../src/data/series.js';
import { readSeriesFromCsvText } from '../src/forecast/csv-series-reader.js';

/** The daily series the VaR benches read from ../shared/data: the catalog's, and the held-out Fed H.10 dollar rates. */
export interface DailySeriesFile {
  name: string;
  file: string;
  valueCol: string;
}

/** The catalog's daily series: every VaR setting is chosen on these, before each one's evaluation window. */
export const CATALOG_DAILY_SERIES: readonly DailySeriesFile[] = [
  { name: 'KOSPI', file: 'kospi_ks11_daily_yfinance.csv', valueCol: 'Close' },
  { name: 'USD/KRW', file: 'fred_DEXKOUS_usdkrw_daily.csv', valueCol: 'DEXKOUS' },
  { name: 'VIX', file: 'vix_daily.csv', valueCol: 'CLOSE' },
  { name: 'WTI', file: 'oil_wti_daily.csv', valueCol: 'Price' },
  { name: 'Brent', file: 'oil_brent_daily.csv', valueCol: 'Price' },
];

/**
 * HELD_OUT=1: a second check on daily series outside the catalog (Fed H.10 dollar rates, floating era 1974–2017,
 * whole files), the kind of held-out series the issue also checks on; they take no part in any choice.
 */
export const HELD_OUT_DAILY_SERIES: readonly DailySeriesFile[] = [
  'Japan',
  'United Kingdom',
  'Canada',
  'Switzerland',
  'Australia',
  'Sweden',
].map((c) => ({ name: `H.10 ${c}`, file: 'fx_fed_h10_daily_wide_1971_2017.csv', valueCol: c }));

/**
 * The part of a daily series the VaR settings may be chosen on. Catalog: values up to the first origin of the last
 * ten years' window (`since`), so only changes before the window. H.10 (held out): after 1973, the floating era.
 */
export async function readPreWindow(
  dir: string,
  s: DailySeriesFile,
  heldOut: boolean,
): Promise<{ since: string; pre: Point[] }> {
  const { points } = readSeriesFromCsvText(await readFile(join(dir, s.file), 'utf8'), { valueCol: s.valueCol }, s.file);
  const last = points.at(-1)!.date;
  const since = heldOut ? last : `${Number(last.slice(0, 4)) - 10}${last.slice(4)}`;
  const end = points.findIndex((p) => p.date >= since);
  const pre = heldOut ? points.filter((p) => p.date >= '1974-01-01') : points.slice(0, end + 1);
  return { since, pre };
}
