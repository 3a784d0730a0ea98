import { correctedPhi, naive, type MenuMethod } from './menu.js';

/** The most persistence allowed in the changes: beyond it one month's move would be extrapolated for years. */
const PHI_CAP = 0.9;
/** Fewer changes than this and the slope is noise: naive. */
const MIN_CHANGES = 24;

/**
 * ARIMA(1,1,0): an AR(1) on the monthly changes within the last `window` months d_t = y_t - y_{t-1} (ROUND6_RULES.md). A monthly
 * average of a random walk (US 10y, gold, a CPI) has positively autocorrelated changes (Working 1960), so part of
 * the last change carries on. Without `withMean` the slope is through the origin (no drift) with the known-mean
 * bias correction phi (1 + 2 / T), and the forecast is y_T + sum_k phi^k d_T; with it the changes are centred on
 * their mean mu, Kendall's correction applies, and the forecast is y_T + sum_k (mu + phi^k (d_T - mu)).
 * |phi| is capped at 0.9. Reads y[end - window .. end) only, as the level AR(1) does.
 */
export function ar1Changes(window: number, withMean = false): MenuMethod {
  return (y, end, H, out) => {
    // The changes within the last `window` months (window - 1 of them), so it reads no more than MAX_LOOKBACK.
    const start = Math.max(1, end - window + 1); // first change: d_start = y[start] - y[start - 1]
    const T = end - start - 1; // pairs (d_{t-1}, d_t)
    if (T < MIN_CHANGES) return naive(y, end, H, out);
    const d = (t: number) => y[t]! - y[t - 1]!;
    let mu = 0;
    if (withMean) {
      for (let t = start; t < end; t += 1) mu += d(t);
      mu /= end - start;
    }
    let sxy = 0;
    let sxx = 0;
    for (let t = start + 1; t < end; t += 1) {
      sxy += (d(t - 1) - mu) * (d(t) - mu);
      sxx += (d(t - 1) - mu) ** 2;
    }
    // Changes that never vary (a straight line) carry no autocorrelation: phi 0, the mean change alone if used.
    const ols = sxx > 0 ? sxy / sxx : 0;
    const raw = withMean ? correctedPhi(ols, T, PHI_CAP) : Math.min(PHI_CAP, ols * (1 + 2 / T));
    const phi = Math.max(-PHI_CAP, raw);
    const last = d(end - 1) - mu;
    let level = y[end - 1]!;
    let p = 1;
    for (let k = 0; k < H; k += 1) {
      p *= phi;
      level += mu + p * last;
      out[k] = level;
    }
  };
}
