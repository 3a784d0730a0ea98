/**
 * Forecast accuracy measures, as the forecasting literature defines them. Inputs are per (origin, step) pairs.
 */

/** The quantile levels WQL averages over, as in the Chronos benchmark. */
export const WQL_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export function pinball(y: number, q: number, level: number): number {
  return y >= q ? level * (y - q) : (1 - level) * (q - y);
}

export interface ScoredForecast {
  actual: number[];
  median: number[];
  /** Forecast quantiles for each of WQL_LEVELS, [levelIndex][step]. */
  quantiles: number[][];
  /** In-sample mean absolute one-step change of the history (the naive forecast's error): MASE's scale. */
  scale: number;
}

export interface Scores {
  mase: number;
  smape: number;
  wql: number;
  coverage80: number;
  mse: number;
  mae: number;
  n: number;
}

/** Aggregates over every forecast and step: MASE and sMAPE (%) on the median, WQL on the quantiles, 80% coverage. */
export function score(forecasts: readonly ScoredForecast[]): Scores {
  let n = 0;
  let scaledAbs = 0;
  let smape = 0;
  let sq = 0;
  let abs = 0;
  let covered = 0;
  let sumAbsY = 0;
  const levelLoss = WQL_LEVELS.map(() => 0);
  const i10 = WQL_LEVELS.indexOf(0.1);
  const i90 = WQL_LEVELS.indexOf(0.9);
  for (const f of forecasts) {
    for (let h = 0; h < f.actual.length; h += 1) {
      const y = f.actual[h]!;
      const m = f.median[h]!;
      const e = Math.abs(y - m);
      n += 1;
      scaledAbs += e / (f.scale > 0 ? f.scale : 1e-12);
      smape += Math.abs(y) + Math.abs(m) === 0 ? 0 : (200 * e) / (Math.abs(y) + Math.abs(m));
      sq += e * e;
      abs += e;
      sumAbsY += Math.abs(y);
      WQL_LEVELS.forEach((level, i) => (levelLoss[i]! += 2 * pinball(y, f.quantiles[i]![h]!, level)));
      if (y >= f.quantiles[i10]![h]! && y <= f.quantiles[i90]![h]!) covered += 1;
    }
  }
  const wql = levelLoss.reduce((s, l) => s + l / sumAbsY, 0) / WQL_LEVELS.length;
  return { mase: scaledAbs / n, smape: smape / n, wql, coverage80: covered / n, mse: sq / n, mae: abs / n, n };
}

/** Mean absolute one-step change: the in-sample error of the naive forecast. */
export function naiveScale(history: readonly number[]): number {
  let s = 0;
  for (let i = 1; i < history.length; i += 1) s += Math.abs(history[i]! - history[i - 1]!);
  return history.length > 1 ? s / (history.length - 1) : 0;
}

export function geometricMean(values: readonly number[]): number {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v));
  return Math.exp(ok.reduce((s, v) => s + Math.log(v), 0) / ok.length);
}
