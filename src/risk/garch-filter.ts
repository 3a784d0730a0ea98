import type { Filtered } from './ewma-filter.js';
import { nelderMead } from './nelder-mead.js';

/**
 * GJR-GARCH(1,1) with zero mean and variance targeting: s2[t+1] = ω + (α + γ·[x<0])·x[t]² + β·s2[t], with
 * ω = (1 − α − γ/2 − β)·v and v the sample variance of the fitting window. γ = 0 is plain GARCH(1,1).
 */
export interface GarchParams {
  alpha: number;
  gamma: number;
  beta: number;
  /** Unconditional (targeted) variance. */
  variance: number;
}

const VARIANCE_FLOOR = 1e-12;

export function garchFilter(x: ArrayLike<number>, p: GarchParams): Filtered {
  const n = x.length;
  const sigma = new Float64Array(n);
  const residual = new Float64Array(n);
  const omega = Math.max((1 - p.alpha - p.gamma / 2 - p.beta) * p.variance, 0);
  let s2 = Math.max(p.variance, VARIANCE_FLOOR);
  for (let t = 0; t < n; t += 1) {
    const s = Math.sqrt(s2);
    sigma[t] = s;
    residual[t] = x[t]! / s;
    const v = x[t]!;
    s2 = Math.max(omega + (p.alpha + (v < 0 ? p.gamma : 0)) * v * v + p.beta * s2, VARIANCE_FLOOR);
  }
  return { sigma, residual, nextSigma: Math.sqrt(s2) };
}

/** Gaussian quasi-likelihood (negated, per observation); +Infinity outside stationarity and positivity. */
function negLogLik(x: ArrayLike<number>, p: GarchParams): number {
  if (p.alpha < 0 || p.gamma < 0 || p.beta < 0 || p.alpha + p.gamma / 2 + p.beta >= 0.9995) return Infinity;
  const { sigma } = garchFilter(x, p);
  let sum = 0;
  for (let t = 0; t < x.length; t += 1) {
    const s2 = sigma[t]! * sigma[t]!;
    sum += Math.log(s2) + (x[t]! * x[t]!) / s2;
  }
  return sum / x.length;
}

/**
 * Quasi-maximum-likelihood fit (Bollerslev–Wooldridge): consistent for the variance parameters even though the
 * residuals are fat-tailed, which is why the tails themselves come from the residual bootstrap, not from a normal.
 */
export function fitGarch(x: ArrayLike<number>, asymmetric: boolean): GarchParams {
  let m = 0;
  for (let t = 0; t < x.length; t += 1) m += x[t]! * x[t]!;
  const variance = Math.max(m / Math.max(x.length, 1), VARIANCE_FLOOR);
  const toParams = (v: readonly number[]): GarchParams => ({
    alpha: v[0]!,
    beta: v[1]!,
    gamma: asymmetric ? v[2]! : 0,
    variance,
  });
  const start = asymmetric ? [0.04, 0.9, 0.06] : [0.07, 0.9];
  const { x: best } = nelderMead((v) => negLogLik(x, toParams(v)), start, { step: 0.03 });
  return toParams(best);
}
