import { fitDampedHoltGrid } from '../damped-holt-grid.js';
import type { PointMethod } from './empirical-quantiles.js';

/**
 * Holt's linear method with a damped trend, parameters chosen once per history (damped-holt-grid.ts). Damping keeps multi-month
 * forecasts from extrapolating a short trend for ever. The states are filtered forward only, so a forecast
 * from an in-sample origin uses the observations before it (the parameters, fitted once, see all of them).
 */
export const dampedHolt: PointMethod = {
  minHistory: 3,
  fit: (y) => {
    const n = y.length;
    const init = () => ({ level: y[0]!, trend: n > 1 ? y[1]! - y[0]! : 0 });
    const best = fitDampedHoltGrid(y, 0, n);
    // States after each observation, so a forecast from any origin is O(h).
    const levels = new Float64Array(n);
    const trends = new Float64Array(n);
    let { level, trend } = init();
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
    // damp[h] = phi + phi^2 + ... + phi^h
    const damp = [0];
    return (end, h) => {
      for (let k = damp.length; k <= h; k += 1) damp.push(damp[k - 1]! + best.phi ** k);
      return levels[end - 1]! + damp[h]! * trends[end - 1]!;
    };
  },
};
