import { calibrationReach } from './band-calibration.js';
import { createCompositeBand } from './composite-band.js';
import { compositeMedian, menuForecasts } from './composite-median.js';
import type { DailyHistory } from './daily-vol-scale.js';
import { MENU, MIN_MENU_HISTORY, type MenuMethod } from './menu.js';
import { DEFAULT_SELECTION, type SelectionSettings } from './selection-settings.js';

export {
  DEFAULT_SELECTION,
  MIN_RELATIVE_BAND,
  SELECTION_LEVELS,
  type SelectionSettings,
} from './selection-settings.js';

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
  const H = options.H;
  const first = Math.max(MIN_MENU_HISTORY, options.firstOrigin ?? MIN_MENU_HISTORY);
  // 1-3. Every method at every origin, scored on its trailing out-of-sample errors; the best `top` averaged.
  const F = menuForecasts(y, menu, first, H, options.menuCache);
  const median = compositeMedian(y, F, menu, first, H, s, options.naiveMedian === true);
  // 4-5. The band from the composite's own past errors, volatility-scaled and recalibrated.
  const band = createCompositeBand({
    y,
    first,
    H,
    settings: s,
    composite: median.composite,
    volScaling: options.volScaling === true,
    logs: options.logs === true,
    uncentred: options.uncentred === true,
    ...(options.daily ? { daily: options.daily } : {}),
  });
  return {
    n: y.length,
    H,
    first,
    names: menu.map((x) => x.name),
    methodForecast: median.forecast,
    composite: median.composite,
    chosen: (t, k) => median.picks(t, k).map((m) => menu[m]!.name),
    path(t, K) {
      const ms = median.picks(t, K - 1);
      return Array.from({ length: K }, (_, k) => ms.reduce((acc, m) => acc + median.forecast(m, t, k), 0) / ms.length);
    },
    bandOffsets: band.bandOffsets,
    naiveOffsets: band.naiveOffsets,
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
