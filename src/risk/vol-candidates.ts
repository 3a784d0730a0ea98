import { ewmaFilter, type Filtered } from './ewma-filter.js';
import { fitGarch, garchFilter } from './garch-filter.js';

/**
 * The volatility filters compared before the evaluation window (bench/risk-var-prewindow.ts, docs/risk.md). Each
 * forecaster answers, for an origin d, today's volatility and the residual pool using changes before d only.
 */
export const VOL_CANDIDATES = [
  'ewma-0.94',
  'ewma-0.90',
  'ewma-0.92',
  'ewma-0.96',
  'ewma-0.97',
  'ewma-0.94-fullpool',
  'garch',
  'gjr',
] as const;
export type VolCandidate = (typeof VOL_CANDIDATES)[number];

const POOL = 1000;
/** GARCH parameters are refitted once a year (250 days) on the last ten years before the origin. */
const REFIT_EVERY = 250;
const FIT_WINDOW = 2500;

export function volatilityForecaster(
  candidate: VolCandidate,
  x: Float64Array,
): (d: number) => { sigma: number; pool: Float64Array } {
  const poolOf = (f: Filtered, d: number, size: number) => f.residual.subarray(Math.max(0, d - size), d);
  const sigmaAt = (f: Filtered, d: number) => (d < f.sigma.length ? f.sigma[d]! : f.nextSigma);
  if (candidate.startsWith('ewma')) {
    // Symmetric, as in round 1 (the loss weight came in round 2), so this bench still reproduces its table.
    const f = ewmaFilter(x, Number(candidate.split('-')[1]), 1);
    const size = candidate.endsWith('fullpool') ? Infinity : POOL;
    return (d) => ({ sigma: sigmaAt(f, d), pool: poolOf(f, d, size) });
  }
  let fittedAt = -Infinity;
  let f: Filtered | undefined;
  return (d) => {
    if (f === undefined || d - fittedAt >= REFIT_EVERY) {
      const params = fitGarch(x.subarray(Math.max(0, d - FIT_WINDOW), d), candidate === 'gjr');
      f = garchFilter(x.subarray(0, Math.min(x.length, d + REFIT_EVERY)), params);
      fittedAt = d;
    }
    return { sigma: sigmaAt(f, d), pool: poolOf(f, d, POOL) };
  };
}
