import type { Point } from '../data/series.js';
import { RiskXpertError } from '../errors.js';
import type { Forecaster } from './forecaster.js';
import { naiveScale, score, WQL_LEVELS, type Scores, type ScoredForecast } from './metrics.js';

export interface BacktestOptions {
  horizon: number;
  /** How many rolling origins (the last ones possible), step 1. */
  origins: number;
  /** Only origins whose first forecast date is on or after this date (keeps evaluation out of the training period). */
  since?: string;
  seasonPeriod?: number;
}

export interface BacktestResult {
  horizon: number;
  origins: number;
  firstOrigin: string;
  lastOrigin: string;
  methods: Record<string, Scores>;
}

/**
 * Rolling-origin evaluation: at each origin every method sees only the data before it and forecasts the next
 * `horizon` points. All origins go to each forecaster in one batched call.
 */
export async function backtest(series: readonly Point[], methods: Record<string, Forecaster>, options: BacktestOptions): Promise<BacktestResult> {
  const values = series.map((p) => p.value);
  const H = options.horizon;
  const lastOrigin = values.length - H;
  let first = Math.max(2, lastOrigin - options.origins + 1);
  if (options.since) {
    const sinceIdx = series.findIndex((p) => p.date >= options.since!);
    if (sinceIdx < 0) throw new RiskXpertError('BAD_REQUEST', `No data on or after ${options.since}.`);
    first = Math.max(first, sinceIdx);
  }
  if (first > lastOrigin) {
    throw new RiskXpertError('SERIES_TOO_SHORT', `Not enough data for a ${H}-step backtest (${values.length} points).`);
  }
  const origins = Array.from({ length: lastOrigin - first + 1 }, (_, i) => first + i);
  const results: Record<string, Scores> = {};
  for (const [name, forecaster] of Object.entries(methods)) {
    const outputs = await forecaster.forecast(origins.map((t) => ({ values: values.slice(0, t), horizon: H, seasonPeriod: options.seasonPeriod ?? 12 })));
    const scored: ScoredForecast[] = outputs.map((out, k) => {
      const t = origins[k]!;
      const idx = WQL_LEVELS.map((level) => {
        const i = out.levels.findIndex((l) => Math.abs(l - level) < 1e-9);
        if (i < 0) throw new RiskXpertError('FORECAST_FAILED', `${name} has no ${level} quantile.`);
        return i;
      });
      return {
        actual: values.slice(t, t + H),
        median: out.quantiles[out.levels.findIndex((l) => Math.abs(l - 0.5) < 1e-9)]!,
        quantiles: idx.map((i) => out.quantiles[i]!),
        scale: naiveScale(values.slice(0, t)),
      };
    });
    results[name] = score(scored);
  }
  return {
    horizon: H,
    origins: origins.length,
    firstOrigin: series[origins[0]!]!.date,
    lastOrigin: series[origins[origins.length - 1]!]!.date,
    methods: results,
  };
}
