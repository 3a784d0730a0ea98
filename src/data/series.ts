import type { RiskXpertError } from '../errors.js';

export type Frequency = 'D' | 'W' | 'M';

/** One observation. Dates are ISO calendar dates (YYYY-MM-DD); month-end for monthly data. */
export interface Point {
  date: string;
  value: number;
}

export interface Series {
  indicatorId: string;
  frequency: Frequency;
  /** Sorted ascending by date, no duplicates, finite values. */
  points: Point[];
  /**
   * Changes whenever the data changes (content hash or ETL version). Part of every cache key,
   * so a new data load invalidates the answers built on the old one.
   */
  version: string;
  /** Human-readable provenance shown to the user, e.g. "vega-datasets sp500-2000.csv (offline sample)". */
  source: string;
  /** True when the data is a bundled offline sample rather than live provider data. */
  sample: boolean;
  /**
   * Where the points come from: 'store' (loaded by the ETL from a provider), 'folder' (CSV files), 'sample'.
   * Old data from the store means newer loads failed; old data from a folder or the sample is just where it ends.
   */
  origin?: 'store' | 'folder' | 'sample';
}

/** Read port for indicator history. Implementations throw RiskXpertError('SERIES_NOT_FOUND') for unknown data. */
export interface SeriesRepository {
  get(indicatorId: string, options?: { signal?: AbortSignal }): Promise<Series>;
  /** Like get, but undefined instead of SERIES_NOT_FOUND: the cheap path for composites asking several sources. */
  find?(indicatorId: string, options?: { signal?: AbortSignal }): Promise<Series | undefined>;
  /** Indicators this repository can serve right now (used to tell users what they can ask about). */
  available(): Promise<string[]>;
}

export type SeriesError = RiskXpertError;
