import {
  conditionalFit,
  quantile,
  rowWeights,
  type Band,
  type ConditionalFit,
  type ConditionalSettings,
} from './conditional-model.js';
import { fitRows, minSamples } from './joint-rows.js';

/** One fit of shocks → target at an origin (model units): the conditional one and the same fit without shocks. */
export interface OriginFit {
  cond: ConditionalFit;
  uncond: ConditionalFit;
}

/** A past out-of-sample window: its realized move ended at month index `end` (origin + h). */
export interface PastWindow {
  end: number;
  /** Standardized error of the conditional mean, (realized − centre) / condSd. */
  z: number;
  errCond: number;
  errUncond: number;
}

/** Fewest past errors a calibration or a median fallback needs; fewer and the plain band is used. */
export const MIN_PAST = 24;

/** The fit at `origin` from moves that ended by it, given the shocks' moves (columns 0..k−1; the target is column k). */
export function fitAtOrigin(
  origin: number,
  h: number,
  shocks: readonly number[],
  settings: ConditionalSettings,
  moveAt: (end: number) => number[] | undefined,
): OriginFit | undefined {
  const k = shocks.length;
  const rows = fitRows(origin, h, settings, moveAt);
  if (rows.length < minSamples(settings)) return undefined;
  const w = rowWeights(rows.length, settings.overlapping ? 1 : h, settings);
  return {
    cond: conditionalFit(rows, shocks, settings, w),
    uncond: conditionalFit(
      rows.map((r) => [r[k]!]),
      [],
      settings,
      w,
    ),
  };
}

export const needsPast = (s: ConditionalSettings): boolean => !!(s.calibration || s.medianFallback);

/**
 * The model's own out-of-sample record for these shocks → target and horizon: at every origin whose realized move
 * ends by `lastEnd`, the fit made then, given the shocks' realized moves, against the target's realized move.
 */
export function pastWindows(
  h: number,
  k: number,
  settings: ConditionalSettings,
  moveAt: (end: number) => number[] | undefined,
  lastEnd: number,
): PastWindow[] {
  const out: PastWindow[] = [];
  for (let o = 0; o + h <= lastEnd; o++) {
    const future = moveAt(o + h);
    if (!future) continue;
    const fit = fitAtOrigin(o, h, future.slice(0, k), settings, moveAt);
    if (!fit) continue;
    const realized = future[k]!;
    out.push({
      end: o + h,
      z: (realized - fit.cond.center) / fit.cond.condSd,
      errCond: Math.abs(realized - fit.cond.center),
      errUncond: Math.abs(realized - fit.uncond.center),
    });
  }
  return out;
}

const last = <T>(xs: readonly T[], n: number): readonly T[] => (n > 0 ? xs.slice(-n) : xs);

/** Conformal band: quantiles of the past standardized errors (symmetric: of |z|) times this fit's condSd. */
function conformal(fit: ConditionalFit, past: readonly PastWindow[], settings: ConditionalSettings): Band {
  const cal = settings.calibration;
  const z = last(past, cal?.lookback ?? 0).map((p) => p.z);
  if (!cal || z.length < MIN_PAST) return fit.band;
  const { center, condSd } = fit;
  if (cal.symmetric) {
    const half =
      quantile(
        z.map(Math.abs).sort((a, b) => a - b),
        0.8,
      ) *
      condSd *
      settings.scale;
    return { low: center - half, median: center, high: center + half };
  }
  const sorted = [...z].sort((a, b) => a - b);
  return {
    low: center + quantile(sorted, 0.1) * condSd,
    median: center,
    high: center + quantile(sorted, 0.9) * condSd,
  };
}

/**
 * The served band at an origin: the fit's band, calibrated on `past` (windows that ended by the origin, oldest first)
 * when the settings ask, and moved onto the unconditional median when the conditional one had no trailing gain.
 */
export function calibratedBand(fit: OriginFit, past: readonly PastWindow[], settings: ConditionalSettings): Band {
  const band = conformal(fit.cond, past, settings);
  const fb = settings.medianFallback;
  const recent = last(past, fb?.lookback ?? 0);
  if (!fb || recent.length < MIN_PAST) return band;
  const mean = (f: (p: PastWindow) => number) => recent.reduce((a, p) => a + f(p), 0) / recent.length;
  if (mean((p) => p.errCond) < mean((p) => p.errUncond)) return band;
  const shift = fit.uncond.center - band.median;
  return { low: band.low + shift, median: band.median + shift, high: band.high + shift };
}
