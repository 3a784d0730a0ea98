import type { Frequency } from './series.js';

/** How a local CSV file maps onto an indicator (one file may hold many series in long format). */
export interface CsvSource {
  file: string;
  dateCol: string;
  valueCol: string;
  /** Keep only rows where column `col` equals `equals` (long-format files such as BIS policy rates). */
  filter?: { col: string; equals: string };
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
