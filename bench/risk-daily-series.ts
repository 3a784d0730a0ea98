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
