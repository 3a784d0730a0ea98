import { coverage, wql, WQL_LEVELS } from '../metrics.js';
import type { TrackRecord } from '../forecaster.js';
import { SELECTION_LEVELS, type SeriesAnalysis } from './selection-core.js';

const WQL_ROWS = WQL_LEVELS.map((l) => SELECTION_LEVELS.findIndex((x) => Math.abs(x - l) < 1e-9));
const LO = SELECTION_LEVELS.indexOf(0.1);
const HI = SELECTION_LEVELS.indexOf(0.9);

export interface ScoredOrigins {
  actual: number[];
  /** [WQL level][origin], in the series' own units. */
  served: number[][];
  naive: number[][];
}

/**
 * The served forecast and the naive baseline at each given origin, step h (1-based), back in the series' units
 * (`back` undoes the log), with the outcome: the material of both the track record and the evaluation.
 */
export function scoreOrigins(
  a: SeriesAnalysis,
  y: Float64Array,
  origins: readonly number[],
  h: number,
  back: (v: number) => number,
): ScoredOrigins {
  const k = h - 1;
  const out: ScoredOrigins = { actual: [], served: WQL_LEVELS.map(() => []), naive: WQL_LEVELS.map(() => []) };
  for (const t of origins) {
    const band = a.bandOffsets(t, h)[k]!;
    const med = a.composite(t, k);
    const nb = a.naiveOffsets(t, k);
    const last = y[t - 1]!;
    out.actual.push(back(y[t + k]!));
    WQL_ROWS.forEach((row, i) => {
      out.served[i]!.push(back(med + band[row]!));
      out.naive[i]!.push(back(last + nb[row]!));
    });
  }
  return out;
}

export function summarise(s: ScoredOrigins, h: number): TrackRecord {
  const lo = WQL_ROWS.indexOf(LO);
  const hi = WQL_ROWS.indexOf(HI);
  return {
    horizon: h,
    origins: s.actual.length,
    wqlVsNaive: wql(s.actual, s.served) / wql(s.actual, s.naive),
    hitRate80: coverage(s.actual, s.served[lo]!, s.served[hi]!),
    naiveHitRate80: coverage(s.actual, s.naive[lo]!, s.naive[hi]!),
  };
}

/** The last `count` origins whose h-step outcome is known at the end of the series. */
export function lastScorableOrigins(a: SeriesAnalysis, h: number, count: number): number[] {
  const last = a.n - h;
  const from = Math.max(a.first, last - count + 1);
  return last >= from ? Array.from({ length: last - from + 1 }, (_, i) => from + i) : [];
}
