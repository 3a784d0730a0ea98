/**
 * The TypeScript twin of models/training/train_global.py's preprocess()/postprocess(). Any change here
 * must be made there too; test/golden/forecaster-golden.json (written by the training script) proves they agree.
 */
export interface ModelSpec {
  contextLength: number;
  minHistory: number;
  horizon: number;
  quantileLevels: number[];
  scaleFloor: number;
}

export interface Prepared {
  /** Normalised context, length contextLength. */
  z: Float32Array;
  last: number;
  scale: number;
  useLog: boolean;
}

export function preprocess(values: readonly number[], spec: Pick<ModelSpec, 'contextLength' | 'scaleFloor'>): Prepared {
  const L = spec.contextLength;
  const tail = values.slice(-L);
  const ctx = new Float64Array(L);
  const pad = L - tail.length;
  for (let i = 0; i < L; i += 1) ctx[i] = i < pad ? tail[0]! : tail[i - pad]!;
  const useLog = ctx.every((v) => v > 0);
  const x = useLog ? ctx.map(Math.log) : ctx;
  const last = x[L - 1]!;
  // Population standard deviation (ddof=0) of first differences, as numpy computes it in training.
  let mean = 0;
  for (let i = 1; i < L; i += 1) mean += x[i]! - x[i - 1]!;
  mean /= L - 1;
  let sq = 0;
  for (let i = 1; i < L; i += 1) sq += (x[i]! - x[i - 1]! - mean) ** 2;
  const scale = Math.max(Math.sqrt(sq / (L - 1)), spec.scaleFloor);
  const z = new Float32Array(L);
  for (let i = 0; i < L; i += 1) z[i] = (x[i]! - last) / scale;
  return { z, last, scale, useLog };
}

/**
 * raw: the model output for one series, [horizon][levels] flattened row-major.
 * Returns quantiles[level][step] in original units, monotone in level for every step.
 */
export function postprocess(
  raw: ArrayLike<number>,
  offset: number,
  prepared: Prepared,
  spec: Pick<ModelSpec, 'horizon' | 'quantileLevels'>,
  steps: number,
): number[][] {
  const Q = spec.quantileLevels.length;
  const out: number[][] = spec.quantileLevels.map(() => new Array<number>(steps));
  const column = new Array<number>(Q);
  for (let h = 0; h < steps; h += 1) {
    for (let q = 0; q < Q; q += 1) {
      const y = prepared.last + raw[offset + h * Q + q]! * prepared.scale;
      column[q] = prepared.useLog ? Math.exp(y) : y;
    }
    column.sort((a, b) => a - b);
    for (let q = 0; q < Q; q += 1) out[q]![h] = column[q]!;
  }
  return out;
}
