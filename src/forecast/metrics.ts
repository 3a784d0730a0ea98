/**
 * Forecast accuracy measures, as the forecasting literature defines them. Pure functions over paired arrays
 * (actual[i] with forecast[i]); `score` pools many rolling-origin forecasts into one set of numbers.
 */
import { RiskXpertError } from '../errors.js';

/** The quantile levels WQL averages over, as in the Chronos benchmark. */
export const WQL_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

function samePairs(a: readonly number[], b: readonly number[], what: string): void {
  if (a.length !== b.length)
    throw new RiskXpertError('BAD_REQUEST', `${what}: ${a.length} actual values but ${b.length} forecasts.`);
  if (a.length === 0) throw new RiskXpertError('BAD_REQUEST', `${what}: nothing to score.`);
}

/** Pinball (quantile) loss of one forecast quantile q at `level` against the outcome y. */
export function pinball(y: number, q: number, level: number): number {
  return y >= q ? level * (y - q) : (1 - level) * (q - y);
}

/**
 * MASE's denominator: the in-sample mean absolute error of the (seasonal) naive one-step forecast,
 * mean |y[t] - y[t-period]|. period 1 (the default, used by the backtest) is the plain naive scale,
 * as for non-seasonal financial series; pass 12 for the seasonal scale of M4 on monthly data.
 * 0 when the history has no such pair or never moved.
 */
export function naiveScale(history: readonly number[], period = 1): number {
  let s = 0;
  let k = 0;
  for (let i = period; i < history.length; i += 1) {
    s += Math.abs(history[i]! - history[i - period]!);
    k += 1;
  }
  return k > 0 ? s / k : 0;
}

/**
 * Mean absolute scaled error: mean |y - f| / scale, one scale for all points or one per point (pooled
 * rolling origins each have their own history). A zero scale (a flat history) counts as 1e-12 so the result
 * stays finite but huge, which is what a method that misses a never-moving series deserves.
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  scale: number | readonly number[],
): number {
  samePairs(actual, forecast, 'MASE');
  let s = 0;
  for (let i = 0; i < actual.length; i += 1) {
    const d = typeof scale === 'number' ? scale : scale[i]!;
    s += Math.abs(actual[i]! - forecast[i]!) / (d > 0 ? d : 1e-12);
  }
  return s / actual.length;
}

/** Symmetric MAPE in percent (0..200): mean 200 |y - f| / (|y| + |f|); a pair of zeros counts 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  samePairs(actual, forecast, 'sMAPE');
  let s = 0;
  for (let i = 0; i < actual.length; i += 1) {
    const den = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    s += den === 0 ? 0 : (200 * Math.abs(actual[i]! - forecast[i]!)) / den;
  }
  return s / actual.length;
}

export function mse(actual: readonly number[], forecast: readonly number[]): number {
  samePairs(actual, forecast, 'MSE');
  return actual.reduce((s, y, i) => s + (y - forecast[i]!) ** 2, 0) / actual.length;
}

export function mae(actual: readonly number[], forecast: readonly number[]): number {
  samePairs(actual, forecast, 'MAE');
  return actual.reduce((s, y, i) => s + Math.abs(y - forecast[i]!), 0) / actual.length;
}

/**
 * Weighted quantile loss as in the Chronos benchmark: for each level k, 2 Σ pinball_k / Σ |y|, then the
 * mean over the levels. quantiles[k][i] is the level-k forecast for actual[i]. Scale-free, so it can be
 * compared (as a ratio to naive) across series.
 */
export function wql(
  actual: readonly number[],
  quantiles: readonly (readonly number[])[],
  levels: readonly number[] = WQL_LEVELS,
): number {
  if (quantiles.length !== levels.length)
    throw new RiskXpertError('BAD_REQUEST', `WQL: ${quantiles.length} quantile rows for ${levels.length} levels.`);
  const sumAbs = actual.reduce((s, y) => s + Math.abs(y), 0);
  let total = 0;
  levels.forEach((level, k) => {
    const q = quantiles[k]!;
    samePairs(actual, q, 'WQL');
    let loss = 0;
    for (let i = 0; i < actual.length; i += 1) loss += 2 * pinball(actual[i]!, q[i]!, level);
    total += loss / sumAbs;
  });
  return total / levels.length;
}

/** Share of outcomes inside [lower, upper], bounds included (0.1 and 0.9 quantiles give the 80% interval). */
export function coverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  samePairs(actual, lower, 'coverage');
  samePairs(actual, upper, 'coverage');
  let inside = 0;
  for (let i = 0; i < actual.length; i += 1) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside += 1;
  return inside / actual.length;
}

export interface ScoredForecast {
  actual: number[];
  median: number[];
  /** Forecast quantiles for each of WQL_LEVELS, [levelIndex][step]. */
  quantiles: number[][];
  /** MASE's scale for this forecast's history (see naiveScale). */
  scale: number;
}

export interface Scores {
  mase: number;
  /** Percent. */
  smape: number;
  wql: number;
  coverage80: number;
  mse: number;
  mae: number;
  /** Scored (origin, step) pairs. */
  n: number;
}

/**
 * Pools every forecast and step into one set of scores: MASE, sMAPE, MSE and MAE on the median, WQL on the
 * WQL_LEVELS quantiles (one Σ|y| over all pairs, so large-valued origins weigh as much as they would in
 * Chronos), coverage of the 0.1..0.9 interval.
 */
export function score(forecasts: readonly ScoredForecast[]): Scores {
  const actual: number[] = [];
  const median: number[] = [];
  const scales: number[] = [];
  const qs: number[][] = WQL_LEVELS.map(() => []);
  for (const f of forecasts) {
    for (let h = 0; h < f.actual.length; h += 1) {
      actual.push(f.actual[h]!);
      median.push(f.median[h]!);
      scales.push(f.scale);
      WQL_LEVELS.forEach((_, k) => qs[k]!.push(f.quantiles[k]![h]!));
    }
  }
  const lo = qs[WQL_LEVELS.indexOf(0.1)]!;
  const hi = qs[WQL_LEVELS.indexOf(0.9)]!;
  return {
    mase: mase(actual, median, scales),
    smape: smape(actual, median),
    wql: wql(actual, qs),
    coverage80: coverage(actual, lo, hi),
    mse: mse(actual, median),
    mae: mae(actual, median),
    n: actual.length,
  };
}

/** Geometric mean of the positive finite values (ratios to naive across series); NaN when there are none. */
export function geometricMean(values: readonly number[]): number {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v));
  if (ok.length === 0) return Number.NaN;
  return Math.exp(ok.reduce((s, v) => s + Math.log(v), 0) / ok.length);
}
