import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * The standard normal quantile for an upper level (0.5 < level < 1), through the chi-square(1) CDF already in use
 * for the coverage tests: P(Z² ≤ z²) = 2Φ(z) − 1, solved by bisection to 1e-10.
 */
export function normalQuantile(level: number): number {
  const target = 2 * level - 1;
  let lo = 0;
  let hi = 10;
  while (hi - lo > 1e-10) {
    const mid = (lo + hi) / 2;
    if (chisquareCdf(mid * mid, 1) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export const normalDensity = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
