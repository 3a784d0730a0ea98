import { Matrix, solve } from 'ml-matrix';
import { shrunkCovariance } from './shrunk-covariance.js';
import { studentTQuantile } from './student-t.js';

/**
 * How the 80% band is drawn around the conditional mean. 'empirical': the 10/50/90% quantiles of the fit window's
 * standardized conditional residuals (fat tails and skew as the data had them); 'gaussian': ±1.2816 conditional
 * standard deviations times `scale`; 'student-t': a unit-variance Student-t whose ν comes from the residuals' kurtosis.
 */
export type BandMethod = 'empirical' | 'gaussian' | 'student-t';

export interface ConditionalSettings {
  band: BandMethod;
  /** Only the last `window` samples before the origin (months); 0 = all history. */
  window: number;
  /** Widening factor of the band around its median (fat tails the fit window did not show). */
  scale: number;
  /** Overlapping h-month changes (one per month) or non-overlapping ones (every h-th month back from the origin). */
  overlapping: boolean;
  /** EWMA weights by age, 0.5^(age / halfLife) months (recent regimes count more); absent = equal weights. */
  halfLife?: number;
  /** Band from the pair's own past out-of-sample errors (conformal), see calibrated-band.ts; absent = `band`. */
  calibration?: { lookback: number; symmetric: boolean };
  /** Unconditional median where the conditional one had no trailing out-of-sample gain, see calibrated-band.ts. */
  medianFallback?: { lookback: number };
}

/** Chosen on origins before 2005 only (docs/scenarios.md, "How the settings were chosen"). */
export const DEFAULT_SETTINGS: ConditionalSettings = { band: 'gaussian', window: 60, scale: 1, overlapping: false };

export interface Band {
  low: number;
  median: number;
  high: number;
}

const Z90 = 1.2815515655446004;

export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface ConditionalFit {
  band: Band;
  /** The conditional mean and standard deviation the band was drawn around (model units). */
  center: number;
  condSd: number;
}

/** Row weights of a fit: rows come newest first, every `step` months (EWMA when `halfLife` is set). */
export function rowWeights(n: number, step: number, settings: ConditionalSettings): number[] | undefined {
  const hl = settings.halfLife;
  return hl ? Array.from({ length: n }, (_, i) => 0.5 ** ((i * step) / hl)) : undefined;
}

/** ν of a unit-variance Student-t from the excess kurtosis k of standardized residuals (ν = 4 + 6/k). */
function studentHalfWidth(z: readonly number[]): number {
  const n = z.length;
  const m = z.reduce((a, b) => a + b, 0) / n;
  const v = z.reduce((a, b) => a + (b - m) ** 2, 0) / n;
  const k = z.reduce((a, b) => a + (b - m) ** 4, 0) / n / (v * v) - 3;
  if (!(k > 0)) return Z90;
  const nu = Math.min(30, Math.max(4.5, 4 + 6 / k));
  return studentTQuantile(0.9, nu) * Math.sqrt((nu - 2) / nu);
}

/**
 * The distribution of the last column given the values of the first columns, from rows of joint moves
 * (model units). With no shock columns it is the unconditional distribution of the target.
 */
export function conditionalBand(
  rows: readonly (readonly number[])[],
  shocks: readonly number[],
  settings: ConditionalSettings,
  weights?: readonly number[],
): Band {
  return conditionalFit(rows, shocks, settings, weights).band;
}

export function conditionalFit(
  rows: readonly (readonly number[])[],
  shocks: readonly number[],
  settings: ConditionalSettings,
  weights?: readonly number[],
): ConditionalFit {
  const k = shocks.length;
  const t = k;
  const { mean, cov } = shrunkCovariance(rows, weights);
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
  const residuals = () => rows.map((r) => (r[t]! - predict(r)) / condSd);
  if (settings.band !== 'empirical') {
    const z = settings.band === 'student-t' ? studentHalfWidth(residuals()) : Z90;
    const half = z * condSd * settings.scale;
    return { band: { low: center - half, median: center, high: center + half }, center, condSd };
  }
  const z = residuals().sort((a, b) => a - b);
  const mid = quantile(z, 0.5);
  const at = (q: number) => center + (mid + (quantile(z, q) - mid) * settings.scale) * condSd;
  return { band: { low: at(0.1), median: center + mid * condSd, high: at(0.9) }, center, condSd };
}
