import { addMonthsToMonthEnd, resampleMonthEnd } from '../data/resample.js';
import type { Point } from '../data/series.js';
import { levelIndex, type Forecaster } from '../forecast/forecaster.js';

/**
 * The forecast's 10% quantile path over `horizon` months, dated at month ends: what the lower-band rule checks.
 * Uses the same month-end resampling as answers, so an alert and an answer about the same data agree.
 */
export async function forecastLowPath(
  forecaster: Forecaster,
  points: readonly Point[],
  horizon = 12,
): Promise<{ date: string; value: number }[]> {
  const monthly = resampleMonthEnd(points);
  const last = monthly[monthly.length - 1];
  if (!last || monthly.length < 24) return [];
  const [out] = await forecaster.forecast([{ values: monthly.map((p) => p.value), horizon, seasonPeriod: 12 }]);
  if (!out) return [];
  const low = out.quantiles[levelIndex(out.levels, 0.1)] ?? [];
  return low.map((value, h) => ({ date: addMonthsToMonthEnd(last.date, h + 1), value }));
}
