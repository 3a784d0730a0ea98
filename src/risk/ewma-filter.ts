/** RiskMetrics (1996) published daily decay, the first model's setting; kept as the reference candidate. */
export const RISKMETRICS_DECAY = 0.94;
/**
 * The decay in use, chosen ONLY on origins before the ten-year evaluation window of every catalog daily series
 * (bench/risk-var-prewindow.ts, rule and evidence in docs/risk.md): 0.90 had the smallest pooled Kupiec +
 * Christoffersen statistic of the candidates (EWMA 0.90–0.97, GARCH, GJR, a full-history residual pool). A faster
 * filter catches up with a volatility burst within days, so 99% exceedances bunch less.
 */
export const FILTER_DECAY = 0.9;
/**
 * Round 2 (docs/risk-round2-rules.md, chosen on pre-window origins only, like the decay): a loss-side change counts
 * 1.5× its square in the update and a gain-side change 0.5× (mean weight 1), a fixed news-impact asymmetry, not
 * fitted per series. After a large loss the next day's 99% VaR was exceeded about twice as often as on average;
 * weighting losses lifts tomorrow's volatility more after a fall. 1 is the symmetric EWMA of round 1.
 */
export const LOSS_WEIGHT = 1.5;
/** Observations used to seed the recursion with a plain variance. */
const SEED_LENGTH = 30;
/** A floor so a flat stretch (a pegged rate, a holiday run) does not give zero variance and infinite residuals. */
const VARIANCE_FLOOR = 1e-12;

export interface Filtered {
  /** sigma[t]: the volatility forecast for change t made from changes before t. */
  sigma: Float64Array;
  /** residual[t] = change[t] / sigma[t]. */
  residual: Float64Array;
  /** Forecast volatility of the change after the last one. */
  nextSigma: number;
}

/** One step of the recursion: the variance after change r (r < 0 is a loss for a holder). */
export function nextVariance(s2: number, r: number, decay: number, lossWeight: number): number {
  const weight = r < 0 ? lossWeight : 2 - lossWeight;
  return Math.max(decay * s2 + (1 - decay) * weight * r * r, VARIANCE_FLOOR);
}

export function ewmaFilter(x: ArrayLike<number>, decay = FILTER_DECAY, lossWeight = LOSS_WEIGHT): Filtered {
  const n = x.length;
  const sigma = new Float64Array(n);
  const residual = new Float64Array(n);
  const seed = Math.min(SEED_LENGTH, n);
  let s2 = 0;
  for (let i = 0; i < seed; i += 1) s2 += x[i]! * x[i]!;
  s2 = Math.max(seed > 0 ? s2 / seed : 0, VARIANCE_FLOOR);
  for (let t = 0; t < n; t += 1) {
    const s = Math.sqrt(s2);
    sigma[t] = s;
    residual[t] = x[t]! / s;
    s2 = nextVariance(s2, x[t]!, decay, lossWeight);
  }
  return { sigma, residual, nextSigma: Math.sqrt(s2) };
}
