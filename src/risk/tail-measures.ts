/** VaR, ES and each holding's share of them, from simulated per-holding losses at one step. */
export interface TailMeasures {
  var: number;
  es: number;
  /** Per holding, in the order of the model: its share of VaR and of ES (shares add up to VaR and ES). */
  varContribution: Float64Array;
  esContribution: Float64Array;
}

/**
 * Losses are −Σ wᵢRᵢ as fractions of the account. ES contributions are each holding's average loss over the tail
 * paths (Euler allocation, so they add up to ES). VaR contributions average the paths whose loss lies within ±1%
 * of ranks around the quantile, then scale to VaR, since the single path at the quantile is too noisy to split.
 * `sorted` is the losses sorted ascending (native numeric sort; no index sort needed, thresholds suffice).
 */
export function tailMeasures(
  losses: Float64Array,
  sorted: Float64Array,
  holdingLoss: (path: number, i: number) => number,
  n: number,
  level: number,
): TailMeasures {
  const paths = losses.length;
  const q = Math.min(paths - 1, Math.floor(level * paths));
  const varValue = sorted[q]!;
  const band = Math.max(1, Math.floor(paths * 0.01));
  const bandLow = sorted[Math.max(0, q - band)]!;
  const bandHigh = sorted[Math.min(paths - 1, q + band)]!;
  const esContribution = new Float64Array(n);
  const varContribution = new Float64Array(n);
  let es = 0;
  let tail = 0;
  let bandSum = 0;
  for (let p = 0; p < paths; p += 1) {
    const loss = losses[p]!;
    const inTail = loss >= varValue;
    const inBand = loss >= bandLow && loss <= bandHigh;
    if (!inTail && !inBand) continue;
    if (inTail) {
      es += loss;
      tail += 1;
    }
    if (inBand) bandSum += loss;
    for (let i = 0; i < n; i += 1) {
      const part = holdingLoss(p, i);
      if (inTail) esContribution[i] = esContribution[i]! + part;
      if (inBand) varContribution[i] = varContribution[i]! + part;
    }
  }
  const scale = bandSum !== 0 ? varValue / bandSum : 0;
  for (let i = 0; i < n; i += 1) {
    esContribution[i] = esContribution[i]! / tail;
    varContribution[i] = varContribution[i]! * scale;
  }
  return { var: varValue, es: es / tail, varContribution, esContribution };
}
