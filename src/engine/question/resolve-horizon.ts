import type { HorizonSpec, YearMonth } from './read-horizon.js';

export const MIN_HORIZON = 1;
export const MAX_HORIZON = 24;
export const DEFAULT_HORIZON = 6;

/** Why the horizon is what it is, when the question did not say it in whole months (stated in the answer). */
export type HorizonNote =
  | { kind: 'default'; months: number }
  | { kind: 'calendar'; target: YearMonth; from: YearMonth; months: number }
  | { kind: 'clamped'; requested: number; months: number; target?: YearMonth }
  | { kind: 'rounded'; unit: 'weeks' | 'days'; months: number }
  /** "언제 내려?" with no span said: a year ahead. */
  | { kind: 'when'; months: number };

export interface ResolvedHorizon {
  months: number;
  note?: HorizonNote;
}

export function yearMonthOf(isoDate: string): YearMonth {
  return { year: Number(isoDate.slice(0, 4)), month: Number(isoDate.slice(5, 7)) };
}

/** Months from `from` to `to` (both calendar months). */
export function monthsFrom(from: YearMonth, to: YearMonth): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/**
 * The horizon in whole months. A calendar target counts from the month of the data's last observation, since the
 * forecast's first month is the one after it; anything outside 1..24 becomes the nearest supported horizon.
 */
export function resolveHorizon(spec: HorizonSpec | undefined, lastObservation: string): ResolvedHorizon {
  if (!spec) return { months: DEFAULT_HORIZON, note: { kind: 'default', months: DEFAULT_HORIZON } };
  if (spec.kind === 'calendar') {
    const from = yearMonthOf(lastObservation);
    const requested = monthsFrom(from, spec.target);
    const months = clamp(requested);
    if (months !== requested) return { months, note: { kind: 'clamped', requested, months, target: spec.target } };
    return { months, note: { kind: 'calendar', target: spec.target, from, months } };
  }
  const months = clamp(spec.months);
  if (months !== spec.months) return { months, note: { kind: 'clamped', requested: spec.months, months } };
  if (spec.unit) return { months, note: { kind: 'rounded', unit: spec.unit, months } };
  if (spec.assumed) return { months, note: { kind: 'when', months } };
  return { months };
}

function clamp(months: number): number {
  return Math.min(MAX_HORIZON, Math.max(MIN_HORIZON, Math.round(months)));
}
