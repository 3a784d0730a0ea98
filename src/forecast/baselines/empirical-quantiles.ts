import { RiskXpertError } from '../../errors.js';
import type { ForecastInput, ForecastOutput } from '../forecaster.js';

export const BASELINE_LEVELS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;

/**
 * A point method in the transformed space: given the history up to an origin (y[0..end)), the forecast
 * h steps ahead. `fit` is called once on the whole history so that parameters are not re-estimated per origin.
 */
export interface PointMethod {
  fit(y: Float64Array): (end: number, h: number) => number;
  minHistory: number;
}

/** Type-7 (linear interpolation) sample quantile of a sorted array. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const MIN_ERRORS = 8;

/**
 * Honest probabilistic baseline: the method's point forecast plus quantiles of ITS OWN past h-step errors,
 * measured by rolling origins over the given history. Positive series are handled in log space, so errors are
 * relative (a 5% move is a 5% move at any price level); series that touch zero or below (rates, spreads) stay additive.
 * With fewer than MIN_ERRORS h-step errors, the one-step errors scaled by sqrt(h) stand in (random-walk scaling).
 */
export function forecastWithEmpiricalQuantiles(name: string, version: string, method: PointMethod, input: ForecastInput): ForecastOutput {
  const values = input.values;
  if (values.length < Math.max(2, method.minHistory)) {
    throw new RiskXpertError('SERIES_TOO_SHORT', `${name} needs at least ${Math.max(2, method.minHistory)} points, got ${values.length}.`);
  }
  if (!values.every(Number.isFinite)) throw new RiskXpertError('SERIES_INVALID', `${name}: history has non-finite values.`);
  const useLog = values.every((v) => v > 0);
  const y = Float64Array.from(values, (v) => (useLog ? Math.log(v) : v));
  const n = y.length;
  const H = input.horizon;
  const predict = method.fit(y);

  const errors: number[][] = Array.from({ length: H }, () => []);
  const firstOrigin = Math.max(method.minHistory, 2);
  for (let end = firstOrigin; end < n; end += 1) {
    for (let h = 1; h <= H && end + h - 1 < n; h += 1) {
      errors[h - 1]!.push(y[end + h - 1]! - predict(end, h));
    }
  }
  const oneStep = [...errors[0]!].sort((a, b) => a - b);
  // A constant or two-point history has no spread to learn from; a zero-width band would be a false promise.
  const scaleFloor = fallbackScale(y);
  const minimalScale = Math.max(Math.abs(y[n - 1]!) * 0.002, 1e-3);

  const quantiles: number[][] = BASELINE_LEVELS.map(() => new Array<number>(H));
  for (let h = 1; h <= H; h += 1) {
    const point = predict(n, h);
    const own = errors[h - 1]!;
    let qs: number[];
    if (own.length >= MIN_ERRORS) {
      const sorted = [...own].sort((a, b) => a - b);
      qs = BASELINE_LEVELS.map((p) => quantileSorted(sorted, p));
    } else if (oneStep.length >= MIN_ERRORS) {
      qs = BASELINE_LEVELS.map((p) => quantileSorted(oneStep, p) * Math.sqrt(h));
    } else {
      qs = BASELINE_LEVELS.map((p) => normalQuantile(p) * scaleFloor * Math.sqrt(h));
    }
    qs.sort((a, b) => a - b);
    // The 0.5 quantile is the method's own point forecast (naive stays the last value): the errors give the
    // spread around it, not a bias correction that would turn one baseline into another.
    const centre = qs[BASELINE_LEVELS.indexOf(0.5)]!;
    qs = qs.map((q) => q - centre);
    // Never narrower than a minimal random-walk band: a history that never moved does not promise it never will.
    const mid = qs[BASELINE_LEVELS.indexOf(0.5)]!;
    qs = qs.map((q, i) => {
      const floor = normalQuantile(BASELINE_LEVELS[i]!) * minimalScale * Math.sqrt(h);
      return Math.abs(q - mid) < Math.abs(floor) ? mid + floor : q;
    });
    for (let i = 0; i < BASELINE_LEVELS.length; i += 1) {
      const v = point + qs[i]!;
      quantiles[i]![h - 1] = useLog ? Math.exp(v) : v;
    }
  }
  return { method: name, version, levels: [...BASELINE_LEVELS], quantiles };
}

function fallbackScale(y: Float64Array): number {
  let sum = 0;
  for (let i = 1; i < y.length; i += 1) sum += Math.abs(y[i]! - y[i - 1]!);
  const meanAbsDiff = y.length > 1 ? sum / (y.length - 1) : 0;
  const level = Math.abs(y[y.length - 1]!);
  return Math.max(meanAbsDiff * 1.25, level * 0.005, 1e-6);
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
