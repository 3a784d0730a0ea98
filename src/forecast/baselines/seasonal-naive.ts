import type { PointMethod } from './empirical-quantiles.js';

/**
 * The value one season earlier (same month last year for period 12). In-sample errors start at the first
 * origin with a full season behind it, so naive errors never leak into the seasonal error distribution.
 * The forecaster answers with naive instead when the history is shorter than period + horizon (see index.ts).
 */
export function seasonalNaive(period: number): PointMethod {
  return {
    minHistory: period,
    fit: (y) => (end, h) => y[end - period + ((h - 1) % period)]!,
  };
}
