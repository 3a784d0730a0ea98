import { normalQuantile } from '../baselines/empirical-quantiles.js';
import { calibrationFactors, quantileOf, type CalibrationRecord } from './band-calibration.js';
import { dailyVolatilityScale, type DailyHistory } from './daily-vol-scale.js';
import { MAX_LOOKBACK } from './menu.js';
import { MIN_RELATIVE_BAND, SELECTION_LEVELS, type SelectionSettings } from './selection-settings.js';
import { volatilityScale } from './vol-scale.js';

const MEDIAN = SELECTION_LEVELS.indexOf(0.5);
const LO = SELECTION_LEVELS.indexOf(0.1);
const HI = SELECTION_LEVELS.indexOf(0.9);

/** What the band of one series is built from (selection-core.ts's AnalysisOptions, resolved). */
export interface BandInputs {
  y: Float64Array;
  first: number;
  H: number;
  settings: SelectionSettings;
  composite: (t: number, k: number) => number;
  volScaling: boolean;
  logs: boolean;
  uncentred: boolean;
  daily?: DailyHistory;
}

export interface CompositeBand {
  /** Quantile offsets (SELECTION_LEVELS) from the median for steps 0..K-1 at origin t, widening with the step. */
  bandOffsets(t: number, K: number): number[][];
  /** The naive baseline's offsets for step k at origin t: its own last errorWindow h-step errors, nothing else. */
  naiveOffsets(t: number, k: number): number[];
}

/**
 * Step 4: the band's volatility scale of a step-k error from each origin (vol-scale.ts; from daily data:
 * daily-vol-scale.ts), and whether the band may use it there.
 */
function bandScale(b: BandInputs): { at: (t: number, k: number) => number; ok: (t: number, k: number) => boolean } {
  const s = b.settings;
  const at: (t: number, k: number) => number =
    b.daily !== undefined && s.dailyVolLambda > 0
      ? dailyVolatilityScale(b.daily, b.y.length, s.dailyVolLambda)
      : volatilityScale(b.y, s.ewmaLambda, s.volHorizonRho ?? 0);
  return { at, ok: (t, k) => b.volScaling && at(t, k) > 0 && Number.isFinite(at(t, k)) };
}

/** The h-step errors of `source` at the last `window` origins whose targets are known at t, sorted (÷ `scale`). */
function sortedErrors(
  y: Float64Array,
  source: (t: number, k: number) => number,
  first: number,
  window: number,
  t: number,
  k: number,
  scale?: (t: number, k: number) => number,
): Float64Array {
  const hi = t - 1 - k;
  const lo = Math.max(first, hi - window + 1);
  const out = new Float64Array(Math.max(0, hi - lo + 1));
  for (let o = lo; o <= hi; o += 1) {
    const e = y[o + k]! - source(o, k);
    out[o - lo] = scale ? e / scale(o, k) : e;
  }
  return out.sort();
}

/** The SELECTION_LEVELS quantiles of sorted errors, centred on their median. */
function offsetsFrom(sorted: Float64Array): number[] {
  const q = SELECTION_LEVELS.map((p) => quantileOf(sorted, p));
  const centre = q[MEDIAN]!;
  return q.map((v) => v - centre);
}

/** With too few errors: a normal band from the mean absolute monthly change of the last MAX_LOOKBACK months. */
function normalBand(y: Float64Array, t: number, k: number): number[] {
  let a = 0;
  const from = Math.max(1, t - MAX_LOOKBACK);
  for (let i = from; i < t; i += 1) a += Math.abs(y[i]! - y[i - 1]!);
  const scale = Math.max((t - from > 0 ? a / (t - from) : 0) * 1.25, 1e-9);
  return SELECTION_LEVELS.map((p) => normalQuantile(p) * scale * Math.sqrt(k + 1));
}

/** The floor's unit per sqrt(step) at origin t: MIN_RELATIVE_BAND, of the largest |level| in levels. */
function floorUnit(y: Float64Array, t: number, logs: boolean): number {
  if (logs) return MIN_RELATIVE_BAND;
  let m = 0;
  for (let i = Math.max(0, t - MAX_LOOKBACK); i < t; i += 1) m = Math.max(m, Math.abs(y[i]!));
  return MIN_RELATIVE_BAND * Math.max(m, 1e-6);
}

/** One step's served offsets: calibrated per side, at least the floor, never narrower than the step before. */
function bandRow(raw: number[], [cl, cu]: [number, number], unit: number, k: number, prev?: number[]): number[] {
  const off = raw.map((v, i) => v * (i < MEDIAN ? cl : cu));
  for (let i = 0; i < off.length; i += 1) {
    const floor = normalQuantile(SELECTION_LEVELS[i]!) * unit * Math.sqrt(k + 1);
    if (Math.abs(off[i]!) < Math.abs(floor)) off[i] = floor;
  }
  if (prev)
    for (let i = 0; i < off.length; i += 1)
      off[i] = i < MEDIAN ? Math.min(off[i]!, prev[i]!) : Math.max(off[i]!, prev[i]!);
  return off;
}

/** The composite's band from its own past out-of-sample errors, recalibrated on its record (band-calibration.ts). */
export function createCompositeBand(b: BandInputs): CompositeBand {
  const { y, first, H, settings: s, composite } = b;
  const idx = (t: number, k: number) => (t - first) * H + k;
  const scale = bandScale(b);
  const rawMemo: (number[] | undefined)[] = new Array((y.length - first + 1) * H);
  // The median error the band was centred on (0 unless `uncentred`): the served median is composite + shift.
  const shift = new Float64Array(rawMemo.length);
  const rawOffsets = (t: number, k: number): number[] => (rawMemo[idx(t, k)] ??= compositeOffsets(t, k));
  const shiftAt = (t: number, k: number): number => (rawOffsets(t, k), shift[idx(t, k)]!);
  const record: CalibrationRecord = {
    first,
    // Calibration judges the spread around the served median.
    error: (o, k) => y[o + k]! - composite(o, k) - shiftAt(o, k),
    side: (o, k) => {
      const off = rawOffsets(o, k);
      return [off[LO]!, off[HI]!];
    },
  };

  function compositeOffsets(t: number, k: number): number[] {
    // Scaling needs every error's own scale: only when all origins in the window have one.
    const hi = t - 1 - k;
    const lo = Math.max(first, hi - s.errorWindow + 1);
    let scaled = scale.ok(t, k);
    for (let o = lo; scaled && o <= hi; o += 1) if (!(scale.at(o, k) > 0)) scaled = false;
    const own = sortedErrors(y, composite, first, s.errorWindow, t, k, scaled ? scale.at : undefined);
    if (own.length >= s.minErrors) {
      const unit = scaled ? scale.at(t, k) : 1;
      if (b.uncentred) shift[idx(t, k)] = quantileOf(own, 0.5) * unit;
      return offsetsFrom(own).map((v) => v * unit);
    }
    const one = t - 1 >= first ? sortedErrors(y, composite, first, s.errorWindow, t, 0) : new Float64Array(0);
    if (one.length >= s.minErrors) return offsetsFrom(one).map((v) => v * Math.sqrt(k + 1));
    return normalBand(y, t, k);
  }

  return {
    bandOffsets(t, K) {
      const unit = floorUnit(y, t, b.logs);
      const rows: number[][] = [];
      for (let k = 0; k < K; k += 1)
        rows.push(bandRow(rawOffsets(t, k), calibrationFactors(record, s, t, k), unit, k, rows[k - 1]));
      return rows.map((row, k) => (shiftAt(t, k) === 0 ? row : row.map((v) => v + shiftAt(t, k))));
    },
    naiveOffsets(t, k) {
      const own = sortedErrors(y, (o) => y[o - 1]!, first, s.errorWindow, t, k);
      return own.length >= 2 ? offsetsFrom(own) : normalBand(y, t, k);
    },
  };
}
