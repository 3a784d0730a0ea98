import { RiskXpertError } from '../errors.js';
import { changeUnitOf, fromModelMove, userMove } from './change-units.js';
import { calibratedBand, fitAtOrigin, needsPast, pastWindows, type PastWindow } from './calibrated-band.js';
import { DEFAULT_SETTINGS, type Band, type ConditionalSettings } from './conditional-model.js';
import { movesAt } from './joint-rows.js';
import type { MonthlyPanel } from './monthly-panel.js';

export interface BacktestWindow {
  date: string;
  shocks: Record<string, number>;
  low: number;
  median: number;
  high: number;
  realized: number;
}

export interface ScenarioBacktestResult {
  windows: BacktestWindow[];
  coverage80: number;
  /** Mean absolute error of the conditional median and of the unconditional median (target units). */
  maeConditional: number;
  maeUnconditional: number;
}

export interface ScenarioBacktestOptions {
  shocks: string[];
  target: string;
  horizon: number;
  /** First origin month (YYYY-MM). */
  since: string;
  /** Last month any realized move may reach (YYYY-MM): used to choose settings on data before the evaluation. */
  until?: string;
  settings?: ConditionalSettings;
}

/**
 * Rolling-origin evaluation of the conditional model: at every month-end origin the model sees only changes that
 * ended by the origin, is given the realized moves of the shocked indicators over the next `horizon` months, and
 * predicts the target's move.
 */
export function runScenarioBacktest(panel: MonthlyPanel, options: ScenarioBacktestOptions): ScenarioBacktestResult {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const ids = [...options.shocks, options.target];
  for (const id of ids) {
    if (!panel.levels[id]) throw new RiskXpertError('SERIES_NOT_FOUND', `No data for ${id} (set RISKXPERT_DATA_DIR).`);
  }
  const h = options.horizon;
  const units = ids.map(changeUnitOf);
  const lv = ids.map((id) => panel.levels[id]!);
  const moveAt = movesAt(panel, ids, h);
  const windows: BacktestWindow[] = [];
  const k = options.shocks.length;
  // The model's own past record, each window used only from the month its realized move ended (end <= origin).
  const record = needsPast(settings) ? pastWindows(h, k, settings, moveAt, panel.months.length - 1) : [];
  let known = 0;
  const pastAt = (o: number): PastWindow[] => {
    while (known < record.length && record[known]!.end <= o) known += 1;
    return record.slice(0, known);
  };
  let errCond = 0;
  let errUncond = 0;
  for (let o = 0; o + h < panel.months.length; o++) {
    const month = panel.months[o]!;
    if (month < options.since || (options.until && panel.months[o + h]! > options.until)) continue;
    const future = moveAt(o + h);
    if (!future) continue;
    const fit = fitAtOrigin(o, h, future.slice(0, k), settings, moveAt);
    if (!fit) continue;
    const cond = calibratedBand(fit, needsPast(settings) ? pastAt(o) : [], settings);
    const tu = units[k]!;
    const toUser = (b: Band): Band => ({
      low: fromModelMove(tu, b.low),
      median: fromModelMove(tu, b.median),
      high: fromModelMove(tu, b.high),
    });
    const c = toUser(cond);
    const realized = userMove(tu, lv[k]![o]!, lv[k]![o + h]!);
    errCond += Math.abs(c.median - realized);
    errUncond += Math.abs(fromModelMove(tu, fit.uncond.band.median) - realized);
    const shocks: Record<string, number> = {};
    options.shocks.forEach((id, j) => (shocks[id] = userMove(units[j]!, lv[j]![o]!, lv[j]![o + h]!)));
    windows.push({ date: month, shocks, ...c, realized });
  }
  const n = windows.length;
  const inside = windows.filter((w) => w.realized >= w.low && w.realized <= w.high).length;
  return {
    windows,
    coverage80: n ? inside / n : Number.NaN,
    maeConditional: n ? errCond / n : Number.NaN,
    maeUnconditional: n ? errUncond / n : Number.NaN,
  };
}
