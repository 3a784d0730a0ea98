import { getIndicator, indicatorUnit } from '../data/catalog.js';
import { economicsOf } from '../data/indicator-economics.js';
import type { Locale } from '../locale.js';
import { formatChange, formatNumber, rangeWithUnit, roundTo, withUnit } from './format-number.js';

/** Every way one indicator's numbers are printed, bound to its precision: the table, narrators and chart share it. */
export interface IndicatorFormat {
  decimals: number;
  changeUnit: '%' | '%p';
  /** The unit as shown in this locale ("원", "KRW", "%", "포인트"). */
  unit: string;
  round(value: number): number;
  /** The bare number: "2,470.8". */
  number(value: number): string;
  /** The number with its unit: "2,470.8포인트", "3.25%", "배럴당 86.48달러". */
  level(value: number): string;
  /** A range, the unit once: "2,121.9~2,903.2포인트", "1.68~4.83%". */
  range(low: number, high: number): string;
  /** A change in the indicator's change unit: "+1.2%", "−0.25%p". */
  change(change: number, options?: { sign?: boolean; withBp?: boolean }): string;
}

export function indicatorFormat(indicatorId: string, locale: Locale, unitOverride?: string): IndicatorFormat {
  const economics = economicsOf(indicatorId);
  const indicator = getIndicator(indicatorId);
  const unit = unitOverride ?? (indicator ? indicatorUnit(indicator, locale) : '');
  const { decimals, changeUnit } = economics;
  return {
    decimals,
    changeUnit,
    unit,
    round: (value) => roundTo(value, decimals),
    number: (value) => formatNumber(value, decimals),
    level: (value) => withUnit(value, unit, locale, decimals),
    range: (low, high) => rangeWithUnit(low, high, unit, locale, decimals),
    change: (change, options) => formatChange(change, changeUnit, locale, options),
  };
}
