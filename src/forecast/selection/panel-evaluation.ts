import type { Point } from '../../data/series.js';
import type { ForecastInput } from '../forecaster.js';
import { geometricMean, pinball, WQL_LEVELS } from '../metrics.js';
import type { Menu } from './composite-median.js';
import { analyseSeries, DEFAULT_SELECTION, type SelectionSettings } from './selection-core.js';
import { dailyHistory } from './daily-vol-scale.js';
import {
  DAILY_VOL_FAMILIES,
  NAIVE_MEDIAN_FAMILIES,
  UNCENTRED_FAMILIES,
  useLogs,
  VOL_SCALED_FAMILIES,
} from './selection-forecaster.js';
import { scoreOrigins, type ScoredOrigins } from './track-record.js';

export interface EvalSeries {
  name: string;
  family: NonNullable<ForecastInput['family']> | undefined;
  monthly: Point[];
  /** The daily points the month ends were taken from, where the source is daily (round 5's scale reads them). */
  daily?: Point[];
}

export interface EvalPeriod {
  /** Origins (the last observed month end) on or after this month, YYYY-MM. */
  from: string;
  /** Only origins whose target month is before this month (YYYY-MM), if set. */
  targetsBefore?: string;
}

export const EVAL_PERIOD: EvalPeriod = { from: '2016-01' };
export const SELECTION_PERIOD: EvalPeriod = { from: '2000-01', targetsBefore: '2016-01' };

/** One series at one horizon: per-origin losses, so the year-block bootstrap can resample them. */
export interface EvalCell {
  series: string;
  family: string;
  horizon: number;
  origins: number;
  ratio: number;
  coverage: number;
  naiveCoverage: number;
  /** Origin year, summed pinball loss of the served and of the naive forecast, outcome inside the served 80% band. */
  perOrigin: { year: string; served: number; naive: number; inside: boolean }[];
}

export interface EvalVariant {
  settings?: SelectionSettings;
  volScaledFamilies?: ReadonlySet<string>;
  naiveMedianFamilies?: ReadonlySet<string>;
  /** Families whose band is not centred on the median of its errors (round 4b). */
  uncentredFamilies?: ReadonlySet<string>;
  /** Families whose band scale comes from daily data where the series has it (round 5; with dailyVolLambda). */
  dailyVolFamilies?: ReadonlySet<string>;
  /** The menu of point methods (round 6's additions); served MENU if unset. */
  menu?: Menu;
  /** The menu's forecasts kept per series between variants (menuCache of analyseSeries), keyed by series name. */
  menuCache?: Map<string, Map<string, Float64Array[]>>;
}

/**
 * The protocol of FORECASTING.md on one series: the served forecaster's analysis run once over every origin
 * (the same computation the forecaster does at the end of a history, so each origin's answer is the answer it
 * would have served then), scored at the h-step target against naive with its own last 240 h-step errors.
 */
export function evaluateSeries(
  s: EvalSeries,
  horizons: readonly number[],
  periods: readonly EvalPeriod[],
  variant: EvalVariant = {},
): EvalCell[][] {
  const values = s.monthly.map((p) => p.value);
  const logs = useLogs(values, s.family);
  const y = Float64Array.from(values, (v) => (logs ? Math.log(v) : v));
  const back = logs ? Math.exp : (v: number) => v;
  const H = Math.max(...horizons);
  // Origins before 1965 feed nothing that is scored from 2000 on (windows reach back at most ~400 months).
  const startIdx = s.monthly.findIndex((p) => p.date >= '1965-01');
  const scaled = variant.volScaledFamilies ?? VOL_SCALED_FAMILIES;
  const naiveMedian = variant.naiveMedianFamilies ?? NAIVE_MEDIAN_FAMILIES;
  let menuCache: Map<string, Float64Array[]> | undefined;
  if (variant.menuCache) {
    menuCache = variant.menuCache.get(s.name) ?? new Map();
    variant.menuCache.set(s.name, menuCache);
  }
  const a = analyseSeries(y, {
    H,
    firstOrigin: Math.max(0, startIdx),
    volScaling: s.family !== undefined && scaled.has(s.family),
    naiveMedian: s.family !== undefined && naiveMedian.has(s.family),
    uncentred: s.family !== undefined && (variant.uncentredFamilies ?? UNCENTRED_FAMILIES).has(s.family),
    logs,
    settings: variant.settings ?? DEFAULT_SELECTION,
    ...(s.daily && s.family !== undefined && (variant.dailyVolFamilies ?? DAILY_VOL_FAMILIES).has(s.family)
      ? { daily: dailyHistory(s.daily, s.monthly, logs ? Math.log : (v) => v) }
      : {}),
    ...(menuCache ? { menuCache } : {}),
    ...(variant.menu ? { menu: variant.menu } : {}),
  });
  const month = (i: number) => s.monthly[i]!.date.slice(0, 7);
  return periods.map((period) =>
    horizons.map((h) => {
      const origins: number[] = [];
      for (let t = a.first; t + h - 1 < y.length; t += 1) {
        if (month(t - 1) < period.from) continue;
        if (period.targetsBefore && month(t + h - 1) >= period.targetsBefore) continue;
        origins.push(t);
      }
      const sc = scoreOrigins(a, y, origins, h, back);
      return cell(
        s,
        h,
        sc,
        origins.map((t) => month(t - 1).slice(0, 4)),
      );
    }),
  );
}

function cell(s: EvalSeries, h: number, sc: ScoredOrigins, years: string[]): EvalCell {
  const lo = WQL_LEVELS.indexOf(0.1);
  const hi = WQL_LEVELS.indexOf(0.9);
  const perOrigin = sc.actual.map((y, i) => {
    let served = 0;
    let naive = 0;
    WQL_LEVELS.forEach((level, k) => {
      served += pinball(y, sc.served[k]![i]!, level);
      naive += pinball(y, sc.naive[k]![i]!, level);
    });
    return { year: years[i]!, served, naive, inside: y >= sc.served[lo]![i]! && y <= sc.served[hi]![i]! };
  });
  const inside = (q: number[][]) =>
    sc.actual.filter((y, i) => y >= q[lo]![i]! && y <= q[hi]![i]!).length / Math.max(1, sc.actual.length);
  const sum = (f: (x: (typeof perOrigin)[number]) => number) => perOrigin.reduce((acc, x) => acc + f(x), 0);
  return {
    series: s.name,
    family: s.family ?? 'other',
    horizon: h,
    origins: sc.actual.length,
    // Same origins and levels for both: the |y| denominators of WQL cancel in the ratio.
    ratio: sum((x) => x.served) / sum((x) => x.naive),
    coverage: inside(sc.served),
    naiveCoverage: inside(sc.naive),
    perOrigin,
  };
}

/**
 * Coverage of the served 80% band per block of origin years: a band can be right on average over 16 years and
 * wrong for five of them. Blocks with no origin are left out.
 */
export function blockCoverages(c: EvalCell, blocks: readonly (readonly [string, string])[]): number[] {
  const out: number[] = [];
  for (const [from, to] of blocks) {
    const os = c.perOrigin.filter((o) => o.year >= from && o.year <= to);
    if (os.length) out.push(os.filter((o) => o.inside).length / os.length);
  }
  return out;
}

/** Geometric mean over cells of the WQL ratio. */
export function geoMean(cells: readonly EvalCell[]): number {
  return geometricMean(cells.filter((c) => c.origins > 0).map((c) => c.ratio));
}

/**
 * Year-block bootstrap of the geometric mean: calendar years of origins resampled with replacement, the same
 * draw for every cell (years are the blocks: errors of one year are correlated across series and horizons).
 * A deterministic generator keeps the printed interval reproducible.
 */
export function bootstrapGeoMean(cells: readonly EvalCell[], reps = 2000, seed = 18): [number, number] {
  const years = [...new Set(cells.flatMap((c) => c.perOrigin.map((o) => o.year)))].sort();
  const byYear = cells.map((c) => {
    const m = new Map<string, { served: number; naive: number }>();
    for (const o of c.perOrigin) {
      const e = m.get(o.year) ?? { served: 0, naive: 0 };
      e.served += o.served;
      e.naive += o.naive;
      m.set(o.year, e);
    }
    return m;
  });
  let state = seed >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const stats: number[] = [];
  for (let r = 0; r < reps; r += 1) {
    const draw = years.map(() => years[Math.floor(rand() * years.length)]!);
    const ratios = byYear.map((m) => {
      let s = 0;
      let n = 0;
      for (const y of draw) {
        const e = m.get(y);
        if (e) {
          s += e.served;
          n += e.naive;
        }
      }
      return n > 0 ? s / n : Number.NaN;
    });
    stats.push(geometricMean(ratios));
  }
  stats.sort((a, b) => a - b);
  return [stats[Math.floor(0.05 * reps)]!, stats[Math.ceil(0.95 * reps) - 1]!];
}
