import { normalQuantile } from '../baselines/empirical-quantiles.js';
import { calibrationFactors, calibrationReach, quantileOf, type CalibrationSettings } from './band-calibration.js';
import { MAX_LOOKBACK, MENU, MIN_MENU_HISTORY, type MenuMethod } from './menu.js';
import { dailyVolatilityScale, type DailyHistory } from './daily-vol-scale.js';
import { volatilityScale } from './vol-scale.js';

/** Settings of the selection; the defaults were chosen on origins whose targets end before 2016-01 (MODEL_CARD.md). */
export interface SelectionSettings extends CalibrationSettings {
  /** Trailing origins whose out-of-sample h-step errors score each method. */
  scoreWindow: number;
  /** How many of the best-scored methods are averaged into the median. */
  top: number;
  /** The composite's own past h-step errors that make its band. */
  errorWindow: number;
  /** Fewer scored origins than this and the median is naive's. */
  minScored: number;
  /** Fewer own errors than this and the band falls back (one-step errors x sqrt(h), then a normal band). */
  minErrors: number;
  /** EWMA decay of squared monthly changes for the volatility scale of the band (used only where `volScaling`). */
  ewmaLambda: number;
  /**
   * 0: the band's volatility scale is the one-step EWMA for every step (select-3). Otherwise the h-step scale is
   * sqrt(w_h sigma^2 + (1 - w_h) L), w_h the mean of rho^0..rho^(h-1) and L the mean squared monthly change over
   * the last 240 months: an EWMA variance that reverts to its long run at rate rho per month (ROUND4_RULES.md).
   */
  volHorizonRho: number;
  /**
   * 0: the monthly EWMA above (select-3). Otherwise, where the analysis is given the series' daily points, the
   * scale is their realised volatility: an EWMA with this decay a day of squared daily changes (ROUND5_RULES.md).
   */
  dailyVolLambda: number;
}

export const DEFAULT_SELECTION: SelectionSettings = {
  scoreWindow: 120,
  top: 2,
  errorWindow: 240,
  minScored: 12,
  minErrors: 24,
  ewmaLambda: 0.9,
  volHorizonRho: 0,
  dailyVolLambda: 0,
  calibrationMode: 'window',
  aciRate: 0.1,
  calibrationWindow: 60,
  calibrationWeight: 0.5,
  calibrationFloor: 0.5,
  calibrationCeiling: 1.5,
};

/**
 * The narrowest band per sqrt(step): 0.2% of the level (in levels, of the largest |value| in the last 240
 * months), as the baselines' floor. A history that never moved (a policy rate on hold) does not promise it never will.
 */
export const MIN_RELATIVE_BAND = 0.002;

export const SELECTION_LEVELS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;
const MEDIAN = SELECTION_LEVELS.indexOf(0.5);

export interface AnalysisOptions {
  /** Longest step forecast at each origin. */
  H: number;
  /** First origin (number of observed points) to forecast from; at least MIN_MENU_HISTORY. */
  firstOrigin?: number;
  /** Standardise band errors by an EWMA volatility scale. */
  volScaling?: boolean;
  /** y is in logs (the band's floor is then relative: MIN_RELATIVE_BAND of the level), else in levels. */
  logs?: boolean;
  /** The median is naive's at every origin (a family where nothing beat the random walk before 2016). */
  naiveMedian?: boolean;
  /**
   * The band is the composite plus its own errors' quantiles, not centred on their median: the served median
   * moves by the median of the composite's last errorWindow (scaled) errors, its bias at that step (round 4b).
   */
  uncentred?: boolean;
  settings?: SelectionSettings;
  /** The daily points behind y (same space, up to the same last month): the band's scale with dailyVolLambda. */
  daily?: DailyHistory;
  /**
   * Keeps the menu's forecasts of this very series (same y, H and first origin) between analyses that differ only
   * in settings: the evaluation compares variants without refitting the menu. The caller owns the key's meaning.
   */
  menuCache?: Map<string, Float64Array[]>;
  menu?: readonly { name: string; run: MenuMethod }[];
}

/**
 * Everything the selection computes on one series in its modelling space y: every menu method's forecast at
 * every origin t in [first, n] (origin t has seen y[0..t)), the composite median and its band. What an origin
 * uses is only what was known at it: a method's h-step error at origin s counts once its target y[s+h-1] is
 * observed, i.e. s + h <= t. The last origin, n, is the forecast beyond the data.
 */
export interface SeriesAnalysis {
  readonly n: number;
  readonly H: number;
  readonly first: number;
  readonly names: readonly string[];
  /** Method m's forecast of step k (0-based) from origin t. */
  methodForecast(m: number, t: number, k: number): number;
  /** The composite median of step k from origin t, and the methods averaged into it. */
  composite(t: number, k: number): number;
  chosen(t: number, k: number): string[];
  /**
   * The median path for steps 0..K-1 from origin t made by the methods chosen for the last step: one smooth
   * path whose end is the composite at step K-1 (methods chosen per step would make it jump between methods).
   */
  path(t: number, K: number): number[];
  /** Quantile offsets (SELECTION_LEVELS) from the median for steps 0..K-1 at origin t, widening with the step. */
  bandOffsets(t: number, K: number): number[][];
  /** The naive baseline's offsets for step k at origin t: its own last errorWindow h-step errors, nothing else. */
  naiveOffsets(t: number, k: number): number[];
}

export function analyseSeries(y: Float64Array, options: AnalysisOptions): SeriesAnalysis {
  const s = options.settings ?? DEFAULT_SELECTION;
  const menu = options.menu ?? MENU;
  const M = menu.length;
  const H = options.H;
  const n = y.length;
  const first = Math.max(MIN_MENU_HISTORY, options.firstOrigin ?? MIN_MENU_HISTORY);
  const T = n - first + 1;
  const idx = (t: number, k: number) => (t - first) * H + k;

  // 1. Every method at every origin.
  const cacheKey = `${n}|${first}|${H}|${menu.map((x) => x.name).join(',')}`;
  const F = options.menuCache?.get(cacheKey) ?? menu.map(() => new Float64Array(T * H));
  if (!options.menuCache?.has(cacheKey)) {
    const buf = new Float64Array(H);
    for (let t = first; t <= n; t += 1) {
      for (let m = 0; m < M; m += 1) {
        menu[m]!.run(y, t, H, buf);
        F[m]!.set(buf, (t - first) * H);
      }
    }
    options.menuCache?.set(cacheKey, F);
  }
  // 2. Prefix sums of absolute errors per method and step, over origins (known or not: the windows below only
  //    ever reach origins whose targets are observed).
  const cum = menu.map(() => Array.from({ length: H }, () => new Float64Array(T + 1)));
  for (let m = 0; m < M; m += 1) {
    for (let k = 0; k < H; k += 1) {
      const c = cum[m]![k]!;
      for (let t = first; t <= n; t += 1) {
        const target = t + k;
        const e = target < n ? Math.abs(y[target]! - F[m]![idx(t, k)]!) : 0;
        c[t - first + 1] = c[t - first]! + e;
      }
    }
  }
  const naiveIndex = Math.max(
    0,
    menu.findIndex((x) => x.name === 'naive'),
  );
  // 3. The composite: mean of the `top` methods with the lowest trailing mean absolute error.
  const C = new Float64Array(T * H);
  const picks: number[][] = new Array(T * H);
  const scores = new Float64Array(M);
  const order = Array.from({ length: M }, (_, i) => i);
  for (let t = first; t <= n; t += 1) {
    for (let k = 0; k < H; k += 1) {
      const hi = t - 1 - k; // last origin whose step-k target y[hi + k] is observed at t
      const lo = Math.max(first, hi - s.scoreWindow + 1);
      const count = hi - lo + 1;
      let chosen: number[];
      if (count < s.minScored || options.naiveMedian === true) chosen = [naiveIndex];
      else {
        for (let m = 0; m < M; m += 1) scores[m] = cum[m]![k]![hi - first + 1]! - cum[m]![k]![lo - first]!;
        order.sort((a, b) => scores[a]! - scores[b]! || a - b);
        chosen = order.slice(0, s.top);
      }
      let sum = 0;
      for (const m of chosen) sum += F[m]![idx(t, k)]!;
      C[idx(t, k)] = sum / chosen.length;
      picks[idx(t, k)] = chosen;
    }
  }
  // 4. Volatility scale of a step-k error from each origin (vol-scale.ts; from daily data: daily-vol-scale.ts).
  const scaleAt: (t: number, k: number) => number =
    options.daily !== undefined && s.dailyVolLambda > 0
      ? dailyVolatilityScale(options.daily, n, s.dailyVolLambda)
      : volatilityScale(y, s.ewmaLambda, s.volHorizonRho ?? 0);
  const scaleOk = (t: number, k: number) =>
    options.volScaling === true && scaleAt(t, k) > 0 && Number.isFinite(scaleAt(t, k));
  const meanAbsDiff = (t: number) => {
    let a = 0;
    const from = Math.max(1, t - MAX_LOOKBACK);
    for (let i = from; i < t; i += 1) a += Math.abs(y[i]! - y[i - 1]!);
    return t - from > 0 ? a / (t - from) : 0;
  };

  /** The h-step errors of `source` at the last errorWindow origins whose targets are known at t, sorted. */
  function errorsAt(source: (t: number, k: number) => number, t: number, k: number, scaled: boolean): Float64Array {
    const hi = t - 1 - k;
    const lo = Math.max(first, hi - s.errorWindow + 1);
    const out = new Float64Array(Math.max(0, hi - lo + 1));
    for (let o = lo; o <= hi; o += 1) {
      const e = y[o + k]! - source(o, k);
      out[o - lo] = scaled ? e / scaleAt(o, k) : e;
    }
    return out.sort();
  }

  function offsetsFrom(sorted: Float64Array): number[] {
    const q = SELECTION_LEVELS.map((p) => quantileOf(sorted, p));
    const centre = q[MEDIAN]!;
    return q.map((v) => v - centre);
  }

  const compositeAt = (t: number, k: number) => C[idx(t, k)]!;

  const LO = SELECTION_LEVELS.indexOf(0.1);
  const HI = SELECTION_LEVELS.indexOf(0.9);
  const rawMemo: (number[] | undefined)[] = new Array(T * H);
  // The median error the band was centred on (0 unless `uncentred`): the served median is composite + shift.
  const shift = new Float64Array(T * H);
  const rawOffsets = (t: number, k: number): number[] => (rawMemo[idx(t, k)] ??= compositeOffsets(t, k));
  const shiftAt = (t: number, k: number): number => (rawOffsets(t, k), shift[idx(t, k)]!);

  const record = {
    first,
    // Calibration judges the spread around the served median.
    error: (o: number, k: number) => y[o + k]! - C[idx(o, k)]! - shiftAt(o, k),
    side: (o: number, k: number): [number, number] => {
      const off = rawOffsets(o, k);
      return [off[LO]!, off[HI]!];
    },
  };

  function compositeOffsets(t: number, k: number): number[] {
    // Scaling needs every error's own scale: only when all origins in the window have one.
    const hi = t - 1 - k;
    const lo = Math.max(first, hi - s.errorWindow + 1);
    let scaled = scaleOk(t, k);
    for (let o = lo; scaled && o <= hi; o += 1) if (!(scaleAt(o, k) > 0)) scaled = false;
    const own = errorsAt(compositeAt, t, k, scaled);
    if (own.length >= s.minErrors) {
      const unit = scaled ? scaleAt(t, k) : 1;
      if (options.uncentred === true) shift[idx(t, k)] = quantileOf(own, 0.5) * unit;
      return offsetsFrom(own).map((v) => v * unit);
    }
    const one = t - 1 >= first ? errorsAt(compositeAt, t, 0, false) : new Float64Array(0);
    if (one.length >= s.minErrors) return offsetsFrom(one).map((v) => v * Math.sqrt(k + 1));
    const scale = Math.max(meanAbsDiff(t) * 1.25, 1e-9);
    return SELECTION_LEVELS.map((p) => normalQuantile(p) * scale * Math.sqrt(k + 1));
  }

  return {
    n,
    H,
    first,
    names: menu.map((x) => x.name),
    methodForecast: (m, t, k) => F[m]![idx(t, k)]!,
    composite: compositeAt,
    chosen: (t, k) => picks[idx(t, k)]!.map((m) => menu[m]!.name),
    path(t, K) {
      const ms = picks[idx(t, K - 1)]!;
      return Array.from({ length: K }, (_, k) => ms.reduce((acc, m) => acc + F[m]![idx(t, k)]!, 0) / ms.length);
    },
    bandOffsets(t, K) {
      const rows: number[][] = [];
      let scale = MIN_RELATIVE_BAND;
      if (!options.logs) {
        let m = 0;
        for (let i = Math.max(0, t - MAX_LOOKBACK); i < t; i += 1) m = Math.max(m, Math.abs(y[i]!));
        scale = MIN_RELATIVE_BAND * Math.max(m, 1e-6);
      }
      for (let k = 0; k < K; k += 1) {
        const [cl, cu] = calibrationFactors(record, s, t, k);
        const off = rawOffsets(t, k).map((v, i) => v * (i < MEDIAN ? cl : cu));
        for (let i = 0; i < off.length; i += 1) {
          const floor = normalQuantile(SELECTION_LEVELS[i]!) * scale * Math.sqrt(k + 1);
          if (Math.abs(off[i]!) < Math.abs(floor)) off[i] = floor;
        }
        const prev = rows[k - 1];
        // Never narrower than the step before, on either side: the band widens with the horizon.
        if (prev)
          for (let i = 0; i < off.length; i += 1)
            off[i] = i < MEDIAN ? Math.min(off[i]!, prev[i]!) : Math.max(off[i]!, prev[i]!);
        rows.push(off);
      }
      return rows.map((row, k) => (shiftAt(t, k) === 0 ? row : row.map((v) => v + shiftAt(t, k))));
    },
    naiveOffsets(t, k) {
      const own = errorsAt((o) => y[o - 1]!, t, k, false);
      if (own.length >= 2) return offsetsFrom(own);
      const scale = Math.max(meanAbsDiff(t) * 1.25, 1e-9);
      return SELECTION_LEVELS.map((p) => normalQuantile(p) * scale * Math.sqrt(k + 1));
    },
  };
}

/** The earliest origin the answer at `n` (and its track record over `trackOrigins`) depends on. */
export function firstNeededOrigin(
  n: number,
  H: number,
  trackOrigins: number,
  settings: SelectionSettings = DEFAULT_SELECTION,
): number {
  return Math.max(
    MIN_MENU_HISTORY,
    n - trackOrigins - 3 * H - settings.scoreWindow - settings.errorWindow - calibrationReach(settings) - 2,
  );
}
