import type { CalibrationSettings } from './band-calibration.js';

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
