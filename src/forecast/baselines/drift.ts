import type { PointMethod } from './empirical-quantiles.js';

/**
 * Random walk with drift: the last value plus h times the average step of the history (the line through the
 * first and the last point). Needs only two points, works in levels for rates that cross zero, and gives a
 * flat forecast on a constant series, which is why the engine falls back to it.
 */
export const drift: PointMethod = {
  minHistory: 2,
  fit: (y) => (end, h) => {
    const last = y[end - 1]!;
    return end < 2 ? last : last + (h * (last - y[0]!)) / (end - 1);
  },
};
