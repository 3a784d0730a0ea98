import { CATALOG } from '../data/catalog.js';
import { RiskXpertError } from '../errors.js';

/**
 * Prices, FX and indices move in proportion to their level (log changes); rates move in %p (level changes), so a
 * 3.5% rate going to 3.25% is a −0.25 change, not −7%.
 */
export type ChangeKind = 'log' | 'level' | 'relative';

export function changeKindOf(id: string): ChangeKind {
  return CATALOG.find((i) => i.id === id)?.category === 'rate' ? 'level' : 'log';
}

/** Changes between consecutive observations; `values` must be positive for log changes. */
export function changes(values: readonly number[], kind: ChangeKind): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i += 1) {
    const a = values[i - 1]!;
    const b = values[i]!;
    if (kind === 'log') {
      if (!(a > 0 && b > 0))
        throw new RiskXpertError(
          'SERIES_INVALID',
          `Values must be positive for a loss in percent; found ${a <= 0 ? a : b}.`,
        );
      out.push(Math.log(b / a));
    } else if (kind === 'relative') {
      if (a === 0)
        throw new RiskXpertError('SERIES_INVALID', 'A value of 0 leaves the next relative change undefined.');
      out.push(b / a - 1);
    } else out.push(b - a);
  }
  return out;
}

/** The empirical `level` quantile of losses (type 7 interpolation) and the mean of the losses at or beyond it. */
export function lossQuantiles(losses: Float64Array | number[], level: number): { var: number; es: number } {
  const sorted = Float64Array.from(losses).sort();
  const n = sorted.length;
  const pos = level * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const q = sorted[lo]! + (lo + 1 < n ? frac * (sorted[lo + 1]! - sorted[lo]!) : 0);
  let sum = 0;
  let count = 0;
  for (let i = n - 1; i >= 0 && sorted[i]! >= q; i -= 1) {
    sum += sorted[i]!;
    count += 1;
  }
  return { var: q, es: count > 0 ? sum / count : q };
}
