import { RiskXpertError } from '../errors.js';
import { quantileSorted } from './baselines/empirical-quantiles.js';
import { dampedHolt } from './baselines/ets.js';
import { levelIndex, type ForecastOutput } from './forecaster.js';

/**
 * How the model's raw answer is turned into the served one (see calibrateForecast). Every value here was chosen
 * on origins before 2016 only (bench/model-evaluation.ts --select prints the grid); models/MODEL_CARD.md says how.
 */
export interface CalibrationSettings {
  /** Weights of the model's median, damped Holt and naive in the point forecast (transformed space); sum 1. */
  weights: { model: number; ets: number; naive: number };
  /** How many of the most recent in-sample origins feed each step's error distribution (as the baselines). */
  errorWindow: number;
  /**
   * 'model-scaled': past errors are divided by the model's own 10–90% width at that origin and the served band
   * is the current width times their quantiles, so it widens when the model sees a volatile context;
   * 'empirical': past errors as they are, like the baselines.
   */
  band: 'model-scaled' | 'empirical';
  /** Fewer past errors than this at any step and the raw model answer is served unchanged. */
  minErrors: number;
}

/**
 * The lowest geometric-mean WQL / naive (0.954) of the 24 settings tried on origins 2000–2015 of the 8 card
 * series, every target before 2016 (raw model 0.969 there, in-sample for it). errorWindow is the baselines'
 * (chosen the same way); minErrors is two years of monthly origins, not tuned.
 */
export const DEFAULT_CALIBRATION: CalibrationSettings = {
  weights: { model: 0.5, ets: 0.25, naive: 0.25 },
  errorWindow: 240,
  band: 'model-scaled',
  minErrors: 24,
};

/** The model's raw answer from the history values[0..end), at least `horizon` steps; undefined where it has none. */
export type ModelAt = (end: number) => ForecastOutput | undefined;

/**
 * Split-conformal calibration of the model on the series' own past, like the baselines' empirical bands:
 * the point forecast is a fixed combination of the model's median, damped Holt and naive (in logs for a
 * positive series, levels otherwise); for every step h, the errors of that same point forecast at the last
 * `errorWindow` origins whose outcome is known before the forecast origin give the band around it. Nothing
 * after the origin is used. Returns quantiles[level][step] in original units at `levels`, or undefined when
 * the history holds fewer than `minErrors` past errors for some step (the caller serves the raw model then).
 */
export function calibrateForecast(
  values: readonly number[],
  horizon: number,
  levels: readonly number[],
  modelAt: ModelAt,
  settings: CalibrationSettings,
): number[][] | undefined {
  const n = values.length;
  const H = horizon;
  const { weights, errorWindow, band, minErrors } = settings;
  const total = weights.model + weights.ets + weights.naive;
  if (!(Math.abs(total - 1) < 1e-9) || weights.model < 0 || weights.ets < 0 || weights.naive < 0) {
    throw new RiskXpertError(
      'BAD_REQUEST',
      `Calibration weights must be non-negative and sum to 1, got ${JSON.stringify(weights)}.`,
    );
  }
  const current = modelAt(n);
  if (!current) return undefined;
  const useLog = values.every((v) => v > 0);
  const tr = (v: number) => (useLog ? Math.log(v) : v);
  const y = Float64Array.from(values, tr);
  const iMed = levelIndex(current.levels, 0.5);
  const iLo = levelIndex(current.levels, 0.1);
  const iHi = levelIndex(current.levels, 0.9);
  const ets = weights.ets > 0 && n >= dampedHolt.minHistory ? dampedHolt.fit(y) : undefined;
  if (weights.ets > 0 && !ets) return undefined;

  // A zero-width model band would make a scaled error infinite; a thousandth of a one-step move is the floor.
  const widthFloor = 1e-3 * Math.max(meanAbsDiff(y), 1e-9);
  const point = (out: ForecastOutput, end: number, h: number) =>
    weights.model * tr(out.quantiles[iMed]![h - 1]!) +
    weights.ets * (ets ? ets(end, h) : 0) +
    weights.naive * y[end - 1]!;
  const width = (out: ForecastOutput, h: number) =>
    band === 'model-scaled'
      ? Math.max(tr(out.quantiles[iHi]![h - 1]!) - tr(out.quantiles[iLo]![h - 1]!), widthFloor)
      : 1;

  const out: number[][] = levels.map(() => new Array<number>(H));
  for (let h = 1; h <= H; h += 1) {
    const errors: number[] = [];
    // Origin `end` forecasts y[end + h - 1], known before the forecast origin only if end + h - 1 <= n - 1.
    for (let end = Math.max(1, n - h - errorWindow + 1); end <= n - h; end += 1) {
      const past = modelAt(end);
      if (past) errors.push((y[end + h - 1]! - point(past, end, h)) / width(past, h));
    }
    if (errors.length < minErrors) return undefined;
    errors.sort((a, b) => a - b);
    const centre = quantileSorted(errors, 0.5);
    const p = point(current, n, h);
    const w = width(current, h);
    levels.forEach((level, i) => {
      // The median is the point forecast itself: errors size the band, they do not re-bias the centre.
      const v = p + w * (quantileSorted(errors, level) - centre);
      out[i]![h - 1] = useLog ? Math.exp(v) : v;
    });
  }
  return out;
}

function meanAbsDiff(y: Float64Array): number {
  let sum = 0;
  for (let i = 1; i < y.length; i += 1) sum += Math.abs(y[i]! - y[i - 1]!);
  return y.length > 1 ? sum / (y.length - 1) : 0;
}
