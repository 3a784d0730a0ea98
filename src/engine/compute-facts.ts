import { indicatorUnit, type Indicator } from '../data/catalog.js';
import { economicsOf } from '../data/indicator-economics.js';
import type { Point } from '../data/series.js';
import { levelIndex, type ForecastOutput } from '../forecast/forecaster.js';
import type { Locale } from '../locale.js';
import { roundTo } from '../narrate/format-number.js';
import type { NarrationFacts } from '../narrate/narrator.js';
import type { StaleData } from './answer-types.js';

const pct = (a: number, b: number) => (b === 0 ? 0 : ((a - b) / Math.abs(b)) * 100);
interface FactsInput {
  indicator: Indicator;
  locale: Locale;
  question: string;
  history: readonly Point[];
  horizonMonths: number;
  targetDate: string;
  forecast: ForecastOutput;
  dataSource: string;
  sampleData: boolean;
  /** Date of the last raw observation (defaults to the last monthly point). */
  dataAsOf?: string;
  stale?: StaleData;
  /** The loaded series' own frequency (the offline sample of a monthly indicator is daily). */
  frequency?: 'D' | 'W' | 'M';
}

/**
 * The numbers every narrator works from, derived once from the monthly history and the forecast,
 * so the LLM prompt, the deterministic text and the grounding check all agree on them.
 *
 * Levels are rounded once, to the indicator's precision, and every change is computed from the rounded levels:
 * the summary's "−0.25%p" is then exactly the difference of the two levels it names. Rates and yields change in
 * percentage points; everything else in percent of the last value.
 */
export function computeFacts(args: FactsInput): NarrationFacts {
  const { history, forecast, horizonMonths } = args;
  const economics = economicsOf(args.indicator.id);
  const { decimals, changeUnit } = economics;
  const r = (x: number) => roundTo(x, decimals);
  const changeDecimals = changeUnit === '%p' ? 2 : 1;
  const rc = (x: number) => roundTo(x, changeDecimals);
  // %p: a difference of levels; %: relative to the base.
  const diff = (a: number, b: number) => rc(changeUnit === '%p' ? a - b : pct(a, b));

  const lastPoint = history[history.length - 1]!;
  const h = horizonMonths - 1;
  const path = (p: number) => forecast.quantiles[levelIndex(forecast.levels, p)]!;
  const last = r(lastPoint.value);
  const median = r(path(0.5)[h]!);
  const low = r(path(0.1)[h]!);
  const high = r(path(0.9)[h]!);

  const year = history.slice(-13).map((p) => r(p.value));
  const peak = Math.max(...year);

  const variance = varianceOfChanges(history, changeUnit);
  const yoy =
    economics.reading === 'yoy' && history.length >= 13 ? yoyReading(history, horizonMonths, path) : undefined;

  return {
    locale: args.locale,
    indicator: {
      id: args.indicator.id,
      nameKo: args.indicator.nameKo,
      nameEn: args.indicator.nameEn,
      unit: indicatorUnit(args.indicator, args.locale),
    },
    question: args.question,
    horizonMonths,
    frequency: args.frequency ?? args.indicator.frequency,
    dataAsOf: args.dataAsOf ?? lastPoint.date,
    lastDate: lastPoint.date,
    lastValue: last,
    targetDate: args.targetDate,
    medianAtHorizon: median,
    lowAtHorizon: low,
    highAtHorizon: high,
    decimals,
    changeUnit,
    change: diff(median, last),
    lowChange: diff(low, last),
    highChange: diff(high, last),
    bandWidth: changeUnit === '%p' ? rc(high - low) : rc(((high - low) / Math.max(Math.abs(last), 1e-9)) * 100),
    trailingChange: diff(last, year[0]!),
    volatility: rc(Math.sqrt(variance) * Math.sqrt(12)),
    drawdown: Math.min(0, diff(last, peak)),
    ...(yoy ? { yoy } : {}),
    ...(args.stale ? { stale: args.stale } : {}),
    method: forecast.method,
    ...(forecast.fallbackReason ? { fallbackReason: forecast.fallbackReason } : {}),
    ...(forecast.provenance?.trackRecord
      ? { trackRecord: { methods: forecast.provenance.methods, ...forecast.provenance.trackRecord } }
      : {}),
    dataSource: args.dataSource,
    sampleData: args.sampleData,
  };
}

/** Variance of the last 36 monthly changes: %p differences, or log returns in percent. */
function varianceOfChanges(history: readonly Point[], changeUnit: string): number {
  const changes: number[] = [];
  const window = history.slice(-37);
  for (let i = 1; i < window.length; i += 1) {
    const prev = window[i - 1]!.value;
    const cur = window[i]!.value;
    if (changeUnit === '%p') changes.push(cur - prev);
    // Series that touch zero have no log return; use the relative change instead.
    else changes.push(prev > 0 && cur > 0 ? Math.log(cur / prev) * 100 : pct(cur, prev));
  }
  const mean = changes.reduce((s, x) => s + x, 0) / Math.max(changes.length, 1);
  return changes.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(changes.length - 1, 1);
}

/** Year-on-year change now and at the target, with its band (the target's base may lie on the median path). */
function yoyReading(
  history: readonly Point[],
  horizonMonths: number,
  path: (p: number) => number[],
): NonNullable<NarrationFacts['yoy']> {
  const lastPoint = history[history.length - 1]!;
  const h = horizonMonths - 1;
  // The value 12 months before the target: in the history, or on the median path for horizons past a year.
  const base = (offsetFromLast: number): number =>
    offsetFromLast <= 0 ? history[history.length - 1 + offsetFromLast]!.value : path(0.5)[offsetFromLast - 1]!;
  const atTarget = base(horizonMonths - 12);
  return {
    last: roundTo(pct(lastPoint.value, history[history.length - 13]!.value), 1),
    median: roundTo(pct(path(0.5)[h]!, atTarget), 1),
    low: roundTo(pct(path(0.1)[h]!, atTarget), 1),
    high: roundTo(pct(path(0.9)[h]!, atTarget), 1),
  };
}
