import type { Point } from '../../data/series.js';

/**
 * The daily observations behind a month-end series, in the same modelling space (logs or levels), each tagged
 * with the index of the monthly point whose month it falls in. Origin t (months 0..t-1 seen) may read exactly
 * the days whose month index is below t: the month-end value is the last of them.
 */
export interface DailyHistory {
  y: Float64Array;
  month: Int32Array;
}

/** Trading days per month: the monthly variance is 21 daily ones (a constant: it cancels in the band's ratio). */
const DAYS_PER_MONTH = 21;
/** Fewer daily changes than this seen and there is no scale (the monthly EWMA waits 12 months likewise). */
const MIN_DAILY_CHANGES = 63;

/** A source is daily if it has clearly more than one observation a month (monthly files have exactly one). */
export function isDaily(points: readonly Point[], months: number): boolean {
  return points.length > 1.5 * months;
}

/**
 * Tags each daily point with its month's index in `monthly` (the month-end resampling of the same points, or a
 * tail of it) and maps it to the modelling space. Days before the first month or after the last are dropped.
 */
export function dailyHistory(
  daily: readonly Point[],
  monthly: readonly Point[],
  toModel: (v: number) => number,
): DailyHistory {
  const index = new Map(monthly.map((p, i) => [p.date.slice(0, 7), i]));
  const ys: number[] = [];
  const ms: number[] = [];
  for (const p of daily) {
    const m = index.get(p.date.slice(0, 7));
    // A day with no value in the modelling space (WTI's negative close of 2020-04-20 has no log) is skipped.
    const v = toModel(p.value);
    if (m === undefined || !Number.isFinite(v)) continue;
    ys.push(v);
    ms.push(m);
  }
  return { y: Float64Array.from(ys), month: Int32Array.from(ms) };
}

/**
 * The band's volatility scale at each origin t in 0..n from daily data (ROUND5_RULES.md): sqrt(21 v), v the
 * EWMA (decay `lambda` a day) of squared daily changes among the days of months before t; NaN until 63 changes.
 */
export function dailyVolatilityScale(d: DailyHistory, n: number, lambda: number): (t: number) => number {
  const sigma = new Float64Array(n + 1).fill(Number.NaN);
  let v = Number.NaN;
  let seen = 0;
  let i = 0;
  for (let t = 1; t <= n; t += 1) {
    // Fold in the days of month t - 1: what origin t has seen beyond origin t - 1.
    for (; i < d.y.length && d.month[i]! < t; i += 1) {
      if (i === 0) continue;
      const c = d.y[i]! - d.y[i - 1]!;
      v = Number.isNaN(v) ? c * c : lambda * v + (1 - lambda) * c * c;
      seen += 1;
    }
    if (seen >= MIN_DAILY_CHANGES) sigma[t] = Math.sqrt(DAYS_PER_MONTH * v);
  }
  return (t) => sigma[t]!;
}
