import type { JointModel } from './joint-model.js';
import { seededRandom } from './random.js';

export interface SimulationOptions {
  /** Steps per path; each step is `stepDays` trading days. */
  steps: number;
  stepDays: number;
  paths: number;
  seed: number;
  /** Share of the account in each holding. */
  weights: Float64Array;
  /** Steps (0-based) at which each holding's loss is kept, for contributions. */
  keep: readonly number[];
}

/**
 * Portfolio losses (fractions of the account) per step and path, losses[step * paths + path], and at the kept steps
 * each holding's part of it, held[(k * paths + path) * n + i]. Each step draws one start date and takes the block
 * of `stepDays` joint residual rows from it (summed, per holding), so the co-movement and short-run
 * autocorrelation of that stretch of history come along.
 */
export interface SimulatedPaths {
  n: number;
  steps: number;
  paths: number;
  losses: Float64Array;
  held: Float64Array;
  keep: readonly number[];
}
/** Standardized block sums: blocks[b * n + i] = Σ_{k<stepDays} z[b+k][i] / √stepDays. */
function blockSums(model: JointModel, stepDays: number): { blocks: Float64Array; count: number } {
  const n = model.ids.length;
  const count = model.days - stepDays + 1;
  const blocks = new Float64Array(count * n);
  const scale = 1 / Math.sqrt(stepDays);
  for (let i = 0; i < n; i += 1) {
    let sum = 0;
    for (let t = 0; t < model.days; t += 1) {
      sum += model.residuals[t * n + i]!;
      if (t >= stepDays) sum -= model.residuals[(t - stepDays) * n + i]!;
      if (t >= stepDays - 1) blocks[(t - stepDays + 1) * n + i] = sum * scale;
    }
  }
  return { blocks, count };
}

/** Volatility of each step's change per holding: per-row variances fading to the long run, summed over the step. */
function stepScales(model: JointModel, steps: number, stepDays: number): Float64Array {
  const n = model.ids.length;
  const out = new Float64Array(steps * n);
  for (let i = 0; i < n; i += 1) {
    const now = model.sigma[i]! ** 2;
    const long = model.longRunSigma[i]! ** 2;
    let decay = 1;
    for (let s = 0; s < steps; s += 1) {
      let v = 0;
      for (let d = 0; d < stepDays; d += 1) {
        v += long + decay * (now - long);
        decay *= model.persistence;
      }
      out[s * n + i] = Math.sqrt(v);
    }
  }
  return out;
}

export function simulatePaths(model: JointModel, options: SimulationOptions): SimulatedPaths {
  const n = model.ids.length;
  const { steps, paths, weights, keep } = options;
  const { blocks, count } = blockSums(model, options.stepDays);
  const scales = stepScales(model, steps, options.stepDays);
  const random = seededRandom(options.seed);
  const losses = new Float64Array(steps * paths);
  const held = new Float64Array(keep.length * paths * n);
  const keptAt = new Int32Array(steps).fill(-1);
  keep.forEach((s, k) => (keptAt[s] = k));
  // Prices compound (log changes); a rate's value moves by its %p change relative to today's level. Each step's
  // factor per block is computed once (steps × blocks × n), not once per path, since exp dominates the cost.
  const isLevel = Uint8Array.from(model.kinds, (k) => (k === 'level' ? 1 : 0));
  const factors = new Float64Array(steps * count * n);
  for (let s = 0; s < steps; s += 1) {
    for (let b = 0; b < count; b += 1) {
      for (let i = 0; i < n; i += 1) {
        const x = scales[s * n + i]! * blocks[b * n + i]!;
        factors[(s * count + b) * n + i] = isLevel[i] ? x / model.lastValues[i]! : Math.exp(x);
      }
    }
  }
  const running = new Float64Array(n);
  for (let p = 0; p < paths; p += 1) {
    for (let i = 0; i < n; i += 1) running[i] = isLevel[i] ? 0 : 1;
    for (let s = 0; s < steps; s += 1) {
      const row = (s * count + Math.floor(random() * count)) * n;
      const k = keptAt[s]!;
      const heldBase = (k * paths + p) * n;
      let loss = 0;
      for (let i = 0; i < n; i += 1) {
        const f = factors[row + i]!;
        const g = isLevel[i] ? running[i]! + f : running[i]! * f;
        running[i] = g;
        const part = -weights[i]! * (isLevel[i] ? g : g - 1);
        loss += part;
        if (k >= 0) held[heldBase + i] = part;
      }
      losses[s * paths + p] = loss;
    }
  }
  return { n, steps, paths, losses, held, keep };
}
