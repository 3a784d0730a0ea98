import { MAX_LOOKBACK } from './menu.js';

/**
 * The band's volatility scale at each origin of y (modelling space: %p for rates, log changes otherwise): the
 * EWMA of squared one-step changes seen before the origin (NaN for the first 12), and with `rho` > 0 its
 * h-step form sqrt(w_h sigma^2 + (1 - w_h) L), w_h the mean of rho^0..rho^(h-1), L the mean squared change over
 * the last MAX_LOOKBACK months: an EWMA variance reverting to its long run at rate rho a month (ROUND4_RULES.md).
 * Returns the scale of a step-k (0-based) error from origin t, t in 0..y.length.
 */
export function volatilityScale(y: Float64Array, lambda: number, rho: number): (t: number, k: number) => number {
  const n = y.length;
  const sigma = new Float64Array(n + 1);
  let v = Number.NaN;
  let warm = 0;
  for (let t = 1; t <= n; t += 1) {
    if (t >= 2) {
      const d = y[t - 1]! - y[t - 2]!;
      v = Number.isNaN(v) ? d * d : lambda * v + (1 - lambda) * d * d;
      warm += 1;
    }
    sigma[t] = warm >= 12 ? Math.sqrt(v) : Number.NaN;
  }
  if (!(rho > 0)) return (t) => sigma[t]!;
  const sq = new Float64Array(n + 1);
  for (let i = 1; i < n; i += 1) sq[i + 1] = sq[i]! + (y[i]! - y[i - 1]!) ** 2;
  return (t, k) => {
    const s = sigma[t]!;
    if (!Number.isFinite(s)) return s;
    const from = Math.max(1, t - MAX_LOOKBACK);
    const longRun = t - from > 0 ? (sq[t]! - sq[from]!) / (t - from) : Number.NaN;
    const w = (1 - rho ** (k + 1)) / ((k + 1) * (1 - rho));
    return Math.sqrt(w * s * s + (1 - w) * longRun);
  };
}
