import { Matrix, solve, CholeskyDecomposition } from 'ml-matrix';
import { seededRandom, type Random } from '../risk/random.js';
import { changeUnitOf, fromModelMove, toModelMove } from './change-units.js';
import type { ConditionalSettings } from './conditional-model.js';
import { fitRows, minSamples, movesAt } from './joint-rows.js';
import type { MonthlyPanel } from './monthly-panel.js';
import type { Shock } from './scenario-schema.js';
import { shrunkCovariance } from './shrunk-covariance.js';

/** The portfolio's P&L distribution under the scenario: 10/50/90% quantiles of simulated joint moves. */
export interface PortfolioBand {
  lowWon: number;
  medianWon: number;
  highWon: number;
  /** How it was drawn, so the same numbers come back from the same inputs. */
  draws: number;
  seed: number;
}

export const JOINT_DRAWS = 10_000;
export const JOINT_SEED = 20_260_421;

function gaussian(random: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // Box–Muller; 1 - u keeps log away from 0.
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const a = 2 * Math.PI * random();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

const quantile = (sorted: Float64Array, q: number) => {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
};

/** Mean and covariance of the targets given the shocks (Gaussian conditioning on a Ledoit–Wolf fit). */
function conditionalJoint(rows: number[][], k: number, shocks: readonly number[]) {
  const { mean, cov } = shrunkCovariance(rows);
  const p = mean.length;
  const t = Array.from({ length: p - k }, (_, i) => k + i);
  const stt = new Matrix(t.map((i) => t.map((j) => cov[i]![j]!)));
  const mu = Matrix.columnVector(t.map((i) => mean[i]!));
  if (k === 0) return { mu: mu.to1DArray(), cov: stt };
  const sss = new Matrix(cov.slice(0, k).map((r) => r.slice(0, k)));
  const sst = new Matrix(cov.slice(0, k).map((r) => t.map((j) => r[j]!)));
  const b = solve(sss, sst); // k × m: Σ_SS⁻¹ Σ_ST
  const d = Matrix.columnVector(shocks.map((s, i) => s - mean[i]!));
  return {
    mu: mu.add(b.transpose().mmul(d)).to1DArray(),
    cov: stt.sub(sst.transpose().mmul(b)),
  };
}

/** A lower factor L with L·Lᵀ ≈ cov; a tiny ridge when rounding left the matrix not quite positive definite. */
function factor(raw: Matrix): Matrix {
  // Σ_TT − Σ_TS Σ_SS⁻¹ Σ_ST is symmetric in exact arithmetic only.
  const cov = raw.add(raw.transpose()).mul(0.5);
  for (let ridge = 0; ridge < 1; ridge = ridge === 0 ? 1e-9 : ridge * 100) {
    const c = new CholeskyDecomposition(cov.clone().add(Matrix.eye(cov.rows).mul(ridge * (cov.trace() || 1))));
    if (c.isPositiveDefinite()) return c.lowerTriangularMatrix;
  }
  return Matrix.zeros(cov.rows, cov.rows);
}

/**
 * Simulates the holdings' indicators jointly from the conditional Gaussian the effects use (the same fit window and
 * band scale), shocked indicators fixed at their shock, and takes the portfolio P&L's quantiles: diversification
 * and co-movement count, which a sum of per-holding medians and band ends does not.
 */
export function portfolioBand(
  panel: MonthlyPanel,
  horizonMonths: number,
  shocks: readonly Shock[],
  exposures: ReadonlyMap<string, number>,
  settings: ConditionalSettings,
  options: { draws?: number; seed?: number } = {},
): PortfolioBand | undefined {
  const draws = options.draws ?? JOINT_DRAWS;
  const seed = options.seed ?? JOINT_SEED;
  const usable = shocks.filter((s) => panel.levels[s.indicatorId]);
  const shockIds = usable.map((s) => s.indicatorId);
  const targets = [...exposures.keys()].filter((id) => !shockIds.includes(id) && panel.levels[id]);
  const ids = [...shockIds, ...targets];
  let origin = panel.months.length - 1;
  while (origin >= 0 && !ids.every((id) => Number.isFinite(panel.levels[id]?.[origin]))) origin -= 1;
  if (origin < 0) return undefined;
  const rows = fitRows(origin, horizonMonths, settings, movesAt(panel, ids, horizonMonths));
  if (targets.length > 0 && rows.length < minSamples(settings)) return undefined;
  // The shocked holdings' part is certain: value × the shock.
  const certain = usable.reduce((sum, s) => sum + ((exposures.get(s.indicatorId) ?? 0) * s.move) / 100, 0);
  const total = new Float64Array(draws);
  if (targets.length > 0) {
    const shockModel = usable.map((s) => toModelMove(s.unit, s.move));
    const { mu, cov } = conditionalJoint(rows, usable.length, shockModel);
    const l = factor(cov.mul(settings.scale ** 2)).to2DArray();
    const normal = gaussian(seededRandom(seed));
    const z = new Array<number>(targets.length);
    const weights = targets.map((id) => exposures.get(id)!);
    const units = targets.map(changeUnitOf);
    for (let d = 0; d < draws; d++) {
      for (let i = 0; i < z.length; i++) z[i] = normal();
      let pnl = certain;
      for (let i = 0; i < targets.length; i++) {
        let x = mu[i]!;
        for (let j = 0; j <= i; j++) x += l[i]![j]! * z[j]!;
        pnl += (weights[i]! * fromModelMove(units[i]!, x)) / 100;
      }
      total[d] = pnl;
    }
  } else total.fill(certain);
  total.sort();
  const won = (q: number) => Math.round(quantile(total, q));
  return { lowWon: won(0.1), medianWon: won(0.5), highWon: won(0.9), draws, seed };
}
