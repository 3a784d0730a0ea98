import { Matrix, solve } from 'ml-matrix';
import { shrunkCovariance } from './shrunk-covariance.js';

/**
 * How the 80% band is drawn around the conditional mean. 'empirical': the 10/50/90% quantiles of the fit window's
 * standardized conditional residuals (fat tails and skew as the data had them); 'gaussian': ±1.2816 conditional
 * standard deviations times `scale`.
 */
export type BandMethod = 'empirical' | 'gaussian';

export interface ConditionalSettings {
  band: BandMethod;
  /** Only the last `window` samples before the origin (months); 0 = all history. */
  window: number;
  /** Widening factor of the band around its median (fat tails the fit window did not show). */
  scale: number;
  /** Overlapping h-month changes (one per month) or non-overlapping ones (every h-th month back from the origin). */
  overlapping: boolean;
}

/** Chosen on origins before 2005 only (docs/scenarios.md, "How the settings were chosen"). */
export const DEFAULT_SETTINGS: ConditionalSettings = { band: 'gaussian', window: 60, scale: 1, overlapping: false };

export interface Band {
  low: number;
  median: number;
  high: number;
}

const Z90 = 1.2815515655446004;

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The distribution of the last column given the values of the first columns, from rows of joint moves
 * (model units). With no shock columns it is the unconditional distribution of the target.
 */
export function conditionalBand(
  rows: readonly (readonly number[])[],
  shocks: readonly number[],
  settings: ConditionalSettings,
): Band {
  const k = shocks.length;
  const t = k;
  const { mean, cov } = shrunkCovariance(rows);
  let beta: number[] = [];
  let condVar = cov[t]![t]!;
  if (k > 0) {
    const sss = new Matrix(cov.slice(0, k).map((r) => r.slice(0, k)));
    const sts = Matrix.columnVector(cov.slice(0, k).map((r) => r[t]!));
    beta = solve(sss, sts).to1DArray();
    condVar -= beta.reduce((acc, b, i) => acc + b * cov[i]![t]!, 0);
  }
  const condSd = Math.sqrt(Math.max(condVar, 1e-12));
  const predict = (x: readonly number[]) => mean[t]! + beta.reduce((acc, b, i) => acc + b * (x[i]! - mean[i]!), 0);
  const center = predict(shocks);
  if (settings.band === 'gaussian') {
    const half = Z90 * condSd * settings.scale;
    return { low: center - half, median: center, high: center + half };
  }
  const z = rows.map((r) => (r[t]! - predict(r)) / condSd).sort((a, b) => a - b);
  const mid = quantile(z, 0.5);
  const at = (q: number) => center + (mid + (quantile(z, q) - mid) * settings.scale) * condSd;
  return { low: at(0.1), median: center + mid * condSd, high: at(0.9) };
}
