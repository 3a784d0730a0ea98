import type { PointMethod } from './empirical-quantiles.js';

/** Last value, carried forward: the random-walk forecast every other method is measured against. */
export const naive: PointMethod = {
  minHistory: 1,
  fit: (y) => (end) => y[end - 1]!,
};
