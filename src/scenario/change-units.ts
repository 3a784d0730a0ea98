import { economicsOf } from '../data/indicator-economics.js';

/** How a move of an indicator is stated: '%' for prices and indices, '%p' (percentage points) for rates. */
export type ChangeUnit = '%' | '%p';

export const changeUnitOf = (indicatorId: string): ChangeUnit => economicsOf(indicatorId).changeUnit;

/**
 * The model works on log changes for prices (additive over months, closer to Gaussian) and on level changes for
 * rates; users and the backtest speak in simple % and %p. These two functions are the only conversions.
 */
export function toModelMove(unit: ChangeUnit, move: number): number {
  return unit === '%' ? 100 * Math.log1p(move / 100) : move;
}

export function fromModelMove(unit: ChangeUnit, move: number): number {
  return unit === '%' ? 100 * Math.expm1(move / 100) : move;
}

/** The move from level a to level b in model units (log % or %p). */
export function modelMove(unit: ChangeUnit, a: number, b: number): number {
  return unit === '%' ? 100 * Math.log(b / a) : b - a;
}

/** The move from level a to level b in user units (simple % or %p). */
export function userMove(unit: ChangeUnit, a: number, b: number): number {
  return unit === '%' ? 100 * (b / a - 1) : b - a;
}
