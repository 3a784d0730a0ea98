/**
 * RiskMetrics (1996) exponentially weighted variance with its published daily decay 0.94. The decay is taken from
 * the literature, not fitted to our evaluation years, so the backtest in docs/risk.md is out of sample.
 */
export const RISKMETRICS_DECAY = 0.94;
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

export function ewmaFilter(x: ArrayLike<number>, decay = RISKMETRICS_DECAY): Filtered {
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
    s2 = Math.max(decay * s2 + (1 - decay) * x[t]! * x[t]!, VARIANCE_FLOOR);
  }
  return { sigma, residual, nextSigma: Math.sqrt(s2) };
}
