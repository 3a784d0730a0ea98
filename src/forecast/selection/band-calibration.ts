/**
 * Recalibration of the selection's band on one series and step, from the composite's own record only: at origin
 * t, the origins o whose step-k outcome is known (o + k < t), each with its error y[o+k] - median and its own
 * uncalibrated band. The factors multiply the band's lower and upper offsets.
 */
export type CalibrationMode = 'window' | 'window-sides' | 'aci' | 'aci-sides' | 'window+aci' | 'window+aci-sides';

export interface CalibrationSettings {
  /** How the factors are learned (0 window: off). */
  calibrationMode: CalibrationMode;
  /** Trailing known origins the factors learn from. */
  calibrationWindow: number;
  /** Window modes: factor = 1 + weight x (raw factor - 1); adaptive modes: factor = exp(weight x log factor). */
  calibrationWeight: number;
  /** Adaptive modes: step of the log factor per scored origin. */
  aciRate: number;
  /** Adaptive modes: known origins the replay runs over (default calibrationWindow). */
  aciWindow?: number;
  calibrationFloor: number;
  calibrationCeiling: number;
}

export interface CalibrationRecord {
  /** The first origin of the analysis. */
  first: number;
  /** Outcome minus the composite median at origin o, step k. */
  error(o: number, k: number): number;
  /** The uncalibrated band's lower (negative) and upper (positive) 10%/90% offsets at origin o, step k. */
  side(o: number, k: number): [number, number];
}

/** Fewer known origins than this and the band is not recalibrated. */
const MIN_CALIBRATION = 12;
const TINY = 1e-12;

/** [lower factor, upper factor] at origin t, step k. */
export function calibrationFactors(
  rec: CalibrationRecord,
  s: CalibrationSettings,
  t: number,
  k: number,
): [number, number] {
  const K = s.calibrationWindow;
  if (!(K > 0)) return [1, 1];
  const hi = t - 1 - k;
  const lo = Math.max(rec.first, hi - K + 1);
  if (hi - lo + 1 < MIN_CALIBRATION) return [1, 1];
  const clamp = (c: number) => Math.min(s.calibrationCeiling, Math.max(s.calibrationFloor, c));
  switch (s.calibrationMode) {
    case 'window': {
      const c = clamp(shrink(s, quantileOf(ratios(rec, lo, hi, k, 'both'), 0.8)));
      return [c, c];
    }
    case 'window-sides':
      return [
        clamp(shrink(s, quantileOf(ratios(rec, lo, hi, k, 'lower'), 0.9))),
        clamp(shrink(s, quantileOf(ratios(rec, lo, hi, k, 'upper'), 0.9))),
      ];
    case 'aci':
    case 'aci-sides':
      return adaptive(rec, s, t, k, () => [1, 1]);
    case 'window+aci':
    case 'window+aci-sides': {
      // The adaptive factor corrects what the served window factor left: its replay judges the band as served.
      const win = (o: number): [number, number] => windowFactor(rec, s, o, k);
      const [wl, wu] = win(t);
      const [al, au] = adaptive(rec, s, t, k, win);
      return [clamp(wl * al), clamp(wu * au)];
    }
  }
}

const windowMemo = new WeakMap<CalibrationRecord, Map<number, [number, number]>>();

/** The symmetric window factor at origin o, step k, kept per record (the adaptive replay asks for it again and again). */
function windowFactor(rec: CalibrationRecord, s: CalibrationSettings, o: number, k: number): [number, number] {
  let memo = windowMemo.get(rec);
  if (!memo) windowMemo.set(rec, (memo = new Map()));
  const key = o * 64 + k;
  const hit = memo.get(key);
  if (hit) return hit;
  const f = calibrationFactors(rec, { ...s, calibrationMode: 'window' }, o, k);
  memo.set(key, f);
  return f;
}

function shrink(s: CalibrationSettings, raw: number): number {
  return 1 + s.calibrationWeight * (raw - 1);
}

/**
 * Conformity scores over origins lo..hi: 'both', the error over the band side it fell on (the factor whose 0.8
 * quantile covers 80%); 'upper' / 'lower', the error over that one side (negative on the other side), whose 0.9
 * quantile puts 10% of outcomes beyond it.
 */
function ratios(
  rec: CalibrationRecord,
  lo: number,
  hi: number,
  k: number,
  which: 'both' | 'upper' | 'lower',
): Float64Array {
  const r = new Float64Array(hi - lo + 1);
  for (let o = lo; o <= hi; o += 1) {
    const e = rec.error(o, k);
    const [l, u] = rec.side(o, k);
    const up = e / Math.max(u, TINY);
    const down = e / Math.min(l, -TINY);
    r[o - lo] = which === 'upper' ? up : which === 'lower' ? down : e >= 0 ? up : down;
  }
  return r.sort();
}

/**
 * Adaptive conformal inference as integral control of the miss rate: replayed over the known origins lo..hi
 * from factor 1, each origin's outcome is judged against the band the running factor would have given it and
 * the log factor moves by rate x (miss - target): a run of misses widens, a run of hits narrows, so over the
 * window the misses come back to the target rate (unless a bound stops it). Symmetric: one factor, target 0.2;
 * per side: each side its own factor, target 0.1.
 */
function adaptive(
  rec: CalibrationRecord,
  s: CalibrationSettings,
  t: number,
  k: number,
  base: (o: number) => [number, number],
): [number, number] {
  const hi = t - 1 - k;
  const lo = Math.max(rec.first, hi - (s.aciWindow ?? s.calibrationWindow) + 1);
  if (hi - lo + 1 < MIN_CALIBRATION) return [1, 1];
  const minL = Math.log(s.calibrationFloor);
  const maxL = Math.log(s.calibrationCeiling);
  const clampL = (v: number) => Math.min(maxL, Math.max(minL, v));
  let a = 0;
  let b = 0;
  for (let o = lo; o <= hi; o += 1) {
    const e = rec.error(o, k);
    const [l, u] = rec.side(o, k);
    const [bl, bu] = base(o);
    const below = e < l * bl * Math.exp(s.calibrationWeight * a);
    const above = e > u * bu * Math.exp(s.calibrationWeight * b);
    if (s.calibrationMode === 'aci' || s.calibrationMode === 'window+aci') {
      a = clampL(a + s.aciRate * ((below || above ? 1 : 0) - 0.2));
      b = a;
    } else {
      a = clampL(a + s.aciRate * ((below ? 1 : 0) - 0.1));
      b = clampL(b + s.aciRate * ((above ? 1 : 0) - 0.1));
    }
  }
  return [Math.exp(s.calibrationWeight * a), Math.exp(s.calibrationWeight * b)];
}

/** Type-7 sample quantile of a sorted typed array (as quantileSorted in baselines/empirical-quantiles.ts). */
export function quantileOf(sorted: Float64Array, p: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** How many origins before an origin its factors can depend on (the served answer must see all of them). */
export function calibrationReach(s: CalibrationSettings): number {
  const W = s.aciWindow ?? s.calibrationWindow;
  if (s.calibrationMode === 'aci' || s.calibrationMode === 'aci-sides') return W;
  if (s.calibrationMode === 'window+aci' || s.calibrationMode === 'window+aci-sides') return W + s.calibrationWindow;
  return s.calibrationWindow;
}
