import { fitDampedHoltGrid } from '../damped-holt-grid.js';

/**
 * The selection forecaster's menu of point methods (FORECASTING.md, "Menu"). Each is a pure function of the
 * history before an origin: it reads y[0..end) only (y is already in the modelling space: logs for a positive
 * multiplicative series, levels for rates) and writes the forecasts for steps 1..H into `out`.
 * Every method looks back at most MAX_LOOKBACK points, so a forecast depends on a bounded recent window.
 */

export type MenuMethod = (y: Float64Array, end: number, H: number, out: Float64Array) => void;

/** The longest window any method reads (AR(1) on 240 months; theta and damped Holt are fitted on as many). */
export const MAX_LOOKBACK = 240;
/** The fewest points every method can forecast from. */
export const MIN_MENU_HISTORY = 24;

/** Last value carried forward: the random walk. */
export const naive: MenuMethod = (y, end, H, out) => {
  const last = y[end - 1]!;
  for (let k = 0; k < H; k += 1) out[k] = last;
};

/**
 * The theta method (Assimakopoulos & Nikolopoulos; Hyndman & Billah's form, as R's thetaf): simple exponential
 * smoothing plus half the OLS slope of the window, alpha by one-step squared error on a grid. On a straight
 * line alpha is 1 and the forecast is the last value plus half the slope per step.
 */
export const theta: MenuMethod = (y, end, H, out) => {
  const start = Math.max(0, end - MAX_LOOKBACK);
  const n = end - start;
  const slope = olsSlope(y, start, end);
  let bestAlpha = 1;
  let bestLevel = y[end - 1]!;
  let bestSse = Number.POSITIVE_INFINITY;
  for (let a = 1; a <= 20; a += 1) {
    const alpha = a / 20;
    let level = y[start]!;
    let sse = 0;
    for (let t = start + 1; t < end; t += 1) {
      const e = y[t]! - level;
      sse += e * e;
      level += alpha * e;
    }
    // Ties (a perfectly fitted line) go to the larger alpha: the loop runs upwards and `<=` keeps the later one.
    if (sse <= bestSse) {
      bestSse = sse;
      bestAlpha = alpha;
      bestLevel = level;
    }
  }
  const tail = (1 - (1 - bestAlpha) ** n) / bestAlpha;
  for (let k = 0; k < H; k += 1) out[k] = bestLevel + 0.5 * slope * (k + tail);
};

/** Holt's linear method with a damped trend, parameters by one-step squared error over a grid on the window. */
export const dampedHolt: MenuMethod = (y, end, H, out) => {
  const start = Math.max(0, end - MAX_LOOKBACK);
  const best = fitDampedHoltGrid(y, start, end);
  let damp = 0;
  for (let k = 0; k < H; k += 1) {
    damp += best.phi ** (k + 1);
    out[k] = best.level + damp * best.trend;
  }
};

/** Kendall's first-order bias correction of the OLS AR(1) slope, capped below a unit root. */
export function correctedPhi(phiOls: number, T: number, cap = 0.995): number {
  return Math.min(cap, phiOls + (1 + 3 * phiOls) / T);
}

/**
 * AR(1) on the last `window` points: OLS of y[t] on y[t-1], Kendall's correction, phi capped at 0.995, and the
 * forecast mu + phi^k (y_last - mu) with mu the implied mean c / (1 - phi) of the corrected fit.
 */
export function ar1(window: number): MenuMethod {
  return (y, end, H, out) => {
    const start = Math.max(0, end - window);
    const T = end - start - 1;
    let sx = 0;
    let sy = 0;
    for (let t = start + 1; t < end; t += 1) {
      sx += y[t - 1]!;
      sy += y[t]!;
    }
    const mx = sx / T;
    const my = sy / T;
    let sxy = 0;
    let sxx = 0;
    for (let t = start + 1; t < end; t += 1) {
      sxy += (y[t - 1]! - mx) * (y[t]! - my);
      sxx += (y[t - 1]! - mx) ** 2;
    }
    const last = y[end - 1]!;
    if (!(sxx > 0)) return naive(y, end, H, out);
    const phi = Math.max(-0.99, correctedPhi(sxy / sxx, T));
    // Intercept re-solved for the corrected slope through the sample means: c = my - phi mx.
    const mu = (my - phi * mx) / (1 - phi);
    let p = 1;
    for (let k = 0; k < H; k += 1) {
      p *= phi;
      out[k] = mu + p * (last - mu);
    }
  };
}

/**
 * Seasonal factors from the last 5 years of monthly changes (each calendar position's mean change less the
 * mean change), plus a trend: the 36-month mean change shrunk halfway to the 120-month one. Positions are
 * counted from the start of the array, so no dates are needed: y[i] - y[i-1] belongs to season i mod 12.
 */
export const seasonalTrend: MenuMethod = (y, end, H, out) => {
  const P = 12;
  const years = 5;
  const from = Math.max(1, end - years * P);
  const sums = new Float64Array(P);
  const counts = new Float64Array(P);
  let total = 0;
  for (let i = from; i < end; i += 1) {
    const d = y[i]! - y[i - 1]!;
    sums[i % P] = sums[i % P]! + d;
    counts[i % P] = counts[i % P]! + 1;
    total += d;
  }
  const mean = total / (end - from);
  const trend36 = meanChange(y, end, 36);
  const trend120 = meanChange(y, end, 120);
  const trend = (trend36 + trend120) / 2;
  let level = y[end - 1]!;
  for (let k = 0; k < H; k += 1) {
    const s = (end + k) % P;
    level += trend + (counts[s]! > 0 ? sums[s]! / counts[s]! - mean : 0);
    out[k] = level;
  }
};

/** The mean one-step change over the last 120 months, shrunk by half. */
export const shrunkDrift: MenuMethod = (y, end, H, out) => {
  const slope = 0.5 * meanChange(y, end, 120);
  const last = y[end - 1]!;
  for (let k = 0; k < H; k += 1) out[k] = last + slope * (k + 1);
};

function meanChange(y: Float64Array, end: number, window: number): number {
  const from = Math.max(0, end - 1 - window);
  return end - 1 > from ? (y[end - 1]! - y[from]!) / (end - 1 - from) : 0;
}

function olsSlope(y: Float64Array, start: number, end: number): number {
  const n = end - start;
  if (n < 2) return 0;
  const mt = (n - 1) / 2;
  let my = 0;
  for (let t = start; t < end; t += 1) my += y[t]!;
  my /= n;
  let num = 0;
  let den = 0;
  for (let t = start; t < end; t += 1) {
    num += (t - start - mt) * (y[t]! - my);
    den += (t - start - mt) ** 2;
  }
  return num / den;
}

/** The menu in a fixed order (ties in the selection go to the earlier entry). */
export const MENU: readonly { name: string; run: MenuMethod }[] = [
  { name: 'naive', run: naive },
  { name: 'theta', run: theta },
  { name: 'damped-holt', run: dampedHolt },
  { name: 'ar1-120', run: ar1(120) },
  { name: 'ar1-240', run: ar1(240) },
  { name: 'seasonal-trend', run: seasonalTrend },
  { name: 'drift-half', run: shrunkDrift },
];
