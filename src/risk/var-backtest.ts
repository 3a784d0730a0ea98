import type { Point } from '../data/series.js';
import { RiskXpertError } from '../errors.js';
import { baselZone, christoffersenP, kupiecP } from './coverage-tests.js';
import { changes } from './returns.js';
import { forecastLoss, prepareSeries, SETTINGS, type VarMethod } from './var-models.js';

export interface VarWindow {
  date: string;
  var: number;
  es: number;
  realized: number;
}

export interface VarBacktestReport {
  level: number;
  horizonDays: number;
  windows: VarWindow[];
  exceedances: number;
  kupiecP: number;
  christoffersenP: number;
}

export interface VarBacktestOptions {
  horizonDays: number;
  level: number;
  since?: string;
  method?: VarMethod;
  /** EWMA decay of the filtered model; the pre-window choice (FILTER_DECAY) unless a comparison asks otherwise. */
  decay?: number;
  /** Loss-side weight of the filter update (LOSS_WEIGHT unless a comparison asks otherwise; 1 is symmetric). */
  lossWeight?: number;
}

/**
 * Rolling VaR/ES on one price-like series. The forecast at `date` sees only observations up to `date`, so cutting
 * later rows never changes it. Windows advance by the horizon so they do not overlap: overlapping N-day losses
 * would make exceedances cluster by construction and void the independence test.
 */
export function backtestVar(points: readonly Point[], options: VarBacktestOptions): VarBacktestReport {
  const { horizonDays, level } = options;
  if (!(level > 0.5 && level < 1))
    throw new RiskXpertError('BAD_REQUEST', `--level must be between 0.5 and 1 (0.95 or 0.99); got ${level}.`);
  if (!Number.isInteger(horizonDays) || horizonDays < 1)
    throw new RiskXpertError('BAD_REQUEST', '--horizon-days must be a whole number >= 1.');
  const values = points.map((p) => p.value);
  const prepared = prepareSeries(changes(values, 'relative'), options.decay, options.lossWeight);
  const windows: VarWindow[] = [];
  let i = SETTINGS.minHistory;
  while (i < values.length && options.since !== undefined && points[i]!.date < options.since) i += 1;
  for (; i + horizonDays < values.length; i += horizonDays) {
    const f = forecastLoss(options.method ?? 'fhs', prepared, i, horizonDays, level);
    windows.push({ date: points[i]!.date, var: f.var, es: f.es, realized: 1 - values[i + horizonDays]! / values[i]! });
  }
  if (windows.length === 0) {
    throw new RiskXpertError(
      'SERIES_TOO_SHORT',
      `Not enough data: the first window needs ${SETTINGS.minHistory} earlier observations and ${horizonDays} after it.`,
    );
  }
  const hits = windows.map((w) => w.realized > w.var);
  return {
    level,
    horizonDays,
    windows,
    exceedances: hits.filter(Boolean).length,
    kupiecP: kupiecP(hits, level),
    christoffersenP: christoffersenP(hits),
  };
}

/** Exceedances and the Basel zone per calendar year (meaningful for 1-day 99% windows). */
export function baselByYear(
  report: VarBacktestReport,
): { year: string; windows: number; exceedances: number; zone: 'green' | 'yellow' | 'red' }[] {
  const years = new Map<string, { windows: number; exceedances: number }>();
  for (const w of report.windows) {
    const y = years.get(w.date.slice(0, 4)) ?? { windows: 0, exceedances: 0 };
    y.windows += 1;
    if (w.realized > w.var) y.exceedances += 1;
    years.set(w.date.slice(0, 4), y);
  }
  return [...years].map(([year, y]) => ({ year, ...y, zone: baselZone(y.exceedances) }));
}
