/**
 * Holt's linear method with a damped trend (Gardner & McKenzie), additive errors: alpha, beta and phi chosen by
 * one-step squared error over a 72-point grid, which is cheap (O(72 n)) and stable where a numerical optimiser
 * would be slower and sometimes land on a runaway trend. Shared by the ETS baseline and the selection menu.
 */
const ALPHAS = [0.1, 0.3, 0.5, 0.7, 0.9, 1];
const BETAS = [0, 0.05, 0.15, 0.3];
const PHIS = [0.8, 0.9, 0.98];

export interface DampedHoltFit {
  alpha: number;
  beta: number;
  phi: number;
  sse: number;
  /** The filtered level and trend after y[end - 1]. */
  level: number;
  trend: number;
}

/** Fits y[start..end) (at least two points), starting from level y[start] and trend y[start + 1] - y[start]. */
export function fitDampedHoltGrid(y: ArrayLike<number>, start: number, end: number): DampedHoltFit {
  let best: DampedHoltFit = {
    alpha: 0.5,
    beta: 0.1,
    phi: 0.9,
    sse: Number.POSITIVE_INFINITY,
    level: y[end - 1]!,
    trend: 0,
  };
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      for (const phi of PHIS) {
        let level = y[start]!;
        let trend = y[start + 1]! - y[start]!;
        let sse = 0;
        for (let t = start + 1; t < end; t += 1) {
          const f = level + phi * trend;
          const e = y[t]! - f;
          sse += e * e;
          level = f + alpha * e;
          trend = phi * trend + beta * alpha * e;
        }
        if (sse < best.sse) best = { alpha, beta, phi, sse, level, trend };
      }
    }
  }
  return best;
}
