// Shared by the VaR round benches (rounds 2 and 3): the statistic they add up, and filtered historical simulation
// driven by any volatility recursion.
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { seededRandom } from '../src/risk/random.js';
import { lossQuantiles } from '../src/risk/returns.js';
import { SETTINGS } from '../src/risk/var-models.js';
import type { VolRecursion } from '../src/risk/vol-recursions.js';

/** χ²(1) statistic from its p-value (bisection on the exact cdf): statistics add up across cells, p-values do not. */
export function chi2(p: number): number {
  let lo = 0;
  let hi = 200;
  for (let i = 0; i < 100; i += 1) {
    const mid = (lo + hi) / 2;
    if (1 - chisquareCdf(mid, 1) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface FilterRun {
  /** states[t * size ...] is the state used to forecast change t. */
  states: Float64Array;
  residual: Float64Array;
}

/** States before each change, seeded from the plain variance of the first 30 changes. */
export function runFilter(r: VolRecursion, x: Float64Array): FilterRun {
  const seedLength = Math.min(30, x.length);
  let v = 0;
  for (let i = 0; i < seedLength; i += 1) v += x[i]! * x[i]!;
  const state = r.seed(seedLength > 0 ? v / seedLength : 0);
  const states = new Float64Array((x.length + 1) * r.size);
  const residual = new Float64Array(x.length);
  for (let t = 0; t <= x.length; t += 1) {
    states.set(state, t * r.size);
    if (t === x.length) break;
    residual[t] = x[t]! / r.sigma(state);
    r.update(state, x[t]!);
  }
  return { states, residual };
}

/**
 * The FHS loss sample at origin d for the next h changes: 1 day rescales the last `pool` residuals by today's
 * volatility; several days draw paths whose volatility follows the recursion (5,000 paths, the fixed seed).
 */
export function fhsLosses(recursion: VolRecursion, f: FilterRun, d: number, h: number, pool: number): Float64Array {
  const stateAt = f.states.subarray(d * recursion.size, (d + 1) * recursion.size);
  const s0 = recursion.sigma(stateAt);
  const residuals = f.residual.subarray(Math.max(0, d - pool), d);
  if (h === 1) return residuals.map((z) => -s0 * z);
  const random = seededRandom(SETTINGS.seed);
  const losses = new Float64Array(SETTINGS.paths);
  const state = new Float64Array(recursion.size);
  for (let k = 0; k < SETTINGS.paths; k += 1) {
    state.set(stateAt);
    let growth = 1;
    for (let i = 0; i < h; i += 1) {
      const r = recursion.sigma(state) * residuals[Math.floor(random() * residuals.length)]!;
      growth *= 1 + r;
      recursion.update(state, r);
    }
    losses[k] = 1 - growth;
  }
  return losses;
}

export const varOf = (losses: Float64Array, level: number) => lossQuantiles(losses, level).var;
