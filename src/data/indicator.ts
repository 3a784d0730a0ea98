import type { Frequency } from './series.js';

/** How a local CSV file maps onto an indicator (one file may hold many series in long format). */
export interface CsvSource {
  file: string;
  dateCol: string;
  valueCol: string;
  /** Keep only rows where column `col` equals `equals` (long-format files such as BIS policy rates). */
  filter?: { col: string; equals: string };
  /**
   * A cross rate from two dollar rates in one long-format file: this row's value divided by the value, on the same
   * date, of the rows where `divideBy` matches, times `scale` (won per 100 yen = KRW per USD / JPY per USD × 100).
   */
  cross?: { divideBy: { col: string; equals: string }; scale: number };
  /** When this file's cadence differs from the indicator's usual one (a monthly file for a daily indicator). */
  frequency?: Frequency;
}

/** One provider's name for an indicator: a KIS code, an ECOS "STAT/CYCLE/ITEM", a FRED series id. */
export interface ProviderSource {
  provider: 'kis' | 'ecos' | 'fred';
  symbol: string;
}

export interface Indicator {
  id: string;
  nameKo: string;
  nameEn: string;
  /** Lower-case aliases matched in questions. Longer aliases win over shorter ones. */
  aliases: string[];
  unit: string;
  unitKo: string;
  frequency: Frequency;
  category: 'equity' | 'fx' | 'rate' | 'inflation' | 'commodity' | 'volatility';
  /**
   * Files tried in order in RISKXPERT_DATA_DIR. The first is the layout of the project's shared data folder;
   * `<id>.csv` with `date,value` columns always works as the simple convention.
   */
  csv: CsvSource[];
  /**
   * Live providers, primary first, then fallbacks; the CSV folder (when set) is always the last resort. A fallback
   * only appends days after what another provider loaded, so it never rewrites history with different numbers.
   */
  providers: ProviderSource[];
  /**
   * The exchange whose trading days a daily series follows: its loads run after that market's close and never keep
   * a bar from a session still open.
   */
  market?: 'KRX';
}

/** A catalog entry's CSV in the simple convention: `<id>.csv` with `date,value` columns. */
export const simple = (id: string): CsvSource => ({ file: `${id}.csv`, dateCol: 'date', valueCol: 'value' });

/**
 * A won cross rate from the Fed H.10 monthly file (`Date,Country,Exchange rate`), where every currency in it,
 * the euro and the pound included, is units per US dollar: KRW per `country`'s unit = South Korea / `country` ×
 * `scale`. (The shared folder's README says the euro is quoted the other way; its values say otherwise: 0.63 in
 * July 2008, when a euro bought 1.58 dollars.)
 */
export const fedH10Cross = (country: string, scale: number): CsvSource => ({
  file: 'fx_fed_h10_monthly_long.csv',
  dateCol: 'Date',
  valueCol: 'Exchange rate',
  filter: { col: 'Country', equals: 'South Korea' },
  cross: { divideBy: { col: 'Country', equals: country }, scale },
  frequency: 'M',
});
