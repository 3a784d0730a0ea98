import type { PointMethod } from './empirical-quantiles.js';

/** Last value, carried forward. */
export const naive: PointMethod = {
  minHistory: 1,
  fit: (y) => (end) => y[end - 1]!,
};

/** The value one season earlier; naive until a full season exists. */
export function seasonalNaive(period: number): PointMethod {
  return {
    minHistory: 1,
    fit: (y) => (end, h) => (end >= period ? y[end - period + ((h - 1) % period)]! : y[end - 1]!),
  };
}

/** Random walk with drift: the straight line through the first and the last point, extended. */
export const drift: PointMethod = {
  minHistory: 2,
  fit: (y) => (end, h) => {
    const last = y[end - 1]!;
    return end < 2 ? last : last + (h * (last - y[0]!)) / (end - 1);
  },
};

/**
 * Holt's linear method with a damped trend (Gardner & McKenzie), parameters chosen once by one-step
 * squared error over a small grid. Damping keeps multi-month forecasts from running away on a short trend.
 */
export const dampedHolt: PointMethod = {
  minHistory: 3,
  fit: (y) => {
    const n = y.length;
    let best = { sse: Number.POSITIVE_INFINITY, alpha: 0.5, beta: 0.1, phi: 0.9 };
    for (const alpha of [0.1, 0.3, 0.5, 0.7, 0.9, 1]) {
      for (const beta of [0, 0.05, 0.15, 0.3]) {
        for (const phi of [0.8, 0.9, 0.98]) {
          let level = y[0]!;
          let trend = n > 1 ? y[1]! - y[0]! : 0;
          let sse = 0;
          for (let t = 1; t < n; t += 1) {
            const f = level + phi * trend;
            const e = y[t]! - f;
            sse += e * e;
            const newLevel = f + alpha * e;
            trend = phi * trend + beta * alpha * e;
            level = newLevel;
          }
          if (sse < best.sse) best = { sse, alpha, beta, phi };
        }
      }
    }
    // States after each observation, so a forecast from any origin is O(h).
    const levels = new Float64Array(n);
    const trends = new Float64Array(n);
    let level = y[0]!;
    let trend = n > 1 ? y[1]! - y[0]! : 0;
    levels[0] = level;
    trends[0] = trend;
    for (let t = 1; t < n; t += 1) {
      const f = level + best.phi * trend;
      const e = y[t]! - f;
      level = f + best.alpha * e;
      trend = best.phi * trend + best.beta * best.alpha * e;
      levels[t] = level;
      trends[t] = trend;
    }
    return (end, h) => {
      let damp = 0;
      let phiK = 1;
      for (let k = 1; k <= h; k += 1) {
        phiK *= best.phi;
        damp += phiK;
      }
      return levels[end - 1]! + damp * trends[end - 1]!;
    };
  },
};
