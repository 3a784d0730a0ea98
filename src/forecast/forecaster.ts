/** The forecaster port. Implementations: the ONNX Transformer and the statistical baselines. */

export interface ForecastInput {
  /** Monthly observations, oldest first, finite numbers. The engine resamples daily data to month ends first. */
  values: number[];
  /** Months ahead to forecast, 1..24. */
  horizon: number;
  /** Seasonal period for seasonal methods (12 for monthly). */
  seasonPeriod?: number;
  /**
   * The indicator's family (the catalog's category). Rates are modelled in levels, positive series in logs; the
   * selection forecaster's band uses a volatility scale only for the families where that was shown to help.
   */
  family?: 'equity' | 'fx' | 'rate' | 'inflation' | 'commodity' | 'volatility' | 'stock';
}

/** What the selection forecaster used, and how it has done on this series at this horizon, out of sample. */
export interface ForecastProvenance {
  /** The menu methods averaged into the median at the answer's horizon (e.g. ["theta", "ar1-240"]). */
  methods: string[];
  trackRecord?: TrackRecord;
}

export interface TrackRecord {
  horizon: number;
  /** Past origins scored (each a forecast made then, scored on the outcome `horizon` months later). */
  origins: number;
  /** WQL of the served forecasts over WQL of the naive baseline at the same origins (below 1: better). */
  wqlVsNaive: number;
  /** Share of outcomes inside the served 80% band, and inside naive's. */
  hitRate80: number;
  naiveHitRate80: number;
}

export interface ForecastOutput {
  /** Identifies the method actually used (e.g. "patchtst-q", "drift"); differs from the forecaster's id on fallback. */
  method: string;
  /** Version of the model or baseline code; part of the cache key. */
  version: string;
  /** Quantile levels, ascending, always containing 0.1, 0.5 and 0.9. */
  levels: number[];
  /** quantiles[i][h] is the `levels[i]` quantile at step h+1; monotone in i for every h. */
  quantiles: number[][];
  /** Set when the preferred method could not be used (too short a history, NaNs...), in plain English. */
  fallbackReason?: string;
  /** Set by the selection forecaster. */
  provenance?: ForecastProvenance;
}

export interface Forecaster {
  readonly id: string;
  readonly version: string;
  /** Batched: one output per input, same order. */
  forecast(inputs: ForecastInput[], options?: { signal?: AbortSignal }): Promise<ForecastOutput[]>;
  close?(): Promise<void>;
}

/** Index of the level closest to `p` in `levels`. */
export function levelIndex(levels: readonly number[], p: number): number {
  let best = 0;
  for (let i = 1; i < levels.length; i += 1) {
    if (Math.abs(levels[i]! - p) < Math.abs(levels[best]! - p)) best = i;
  }
  return best;
}
