import type { Indicator } from '../data/catalog.js';
import type { Point } from '../data/series.js';
import { levelIndex, type ForecastOutput } from '../forecast/forecaster.js';
import type { Locale } from '../locale.js';
import type { NarrationFacts } from '../narrate/narrator.js';

const pct = (a: number, b: number) => (b === 0 ? 0 : ((a - b) / Math.abs(b)) * 100);
const round = (x: number, digits = 4) => Number(x.toPrecision(digits + 2));

/**
 * The numbers every narrator works from, derived once from the monthly history and the forecast,
 * so the LLM prompt, the deterministic text and the grounding check all agree on them.
 */
export function computeFacts(args: {
  indicator: Indicator;
  locale: Locale;
  question: string;
  history: readonly Point[];
  horizonMonths: number;
  targetDate: string;
  forecast: ForecastOutput;
  dataSource: string;
  sampleData: boolean;
}): NarrationFacts {
  const { history, forecast, horizonMonths } = args;
  const last = history[history.length - 1]!;
  const h = horizonMonths - 1;
  const at = (p: number) => forecast.quantiles[levelIndex(forecast.levels, p)]![h]!;
  const median = at(0.5);
  const low = at(0.1);
  const high = at(0.9);

  const year = history.slice(-13);
  const trailingBase = year[0]!.value;
  const peak = Math.max(...year.map((p) => p.value));

  const returns: number[] = [];
  const window = history.slice(-37);
  for (let i = 1; i < window.length; i += 1) {
    const prev = window[i - 1]!.value;
    const cur = window[i]!.value;
    // Rates and other series that touch zero have no log return; use the relative change instead.
    returns.push(prev > 0 && cur > 0 ? Math.log(cur / prev) : (cur - prev) / Math.max(Math.abs(prev), 1e-9));
  }
  const mean = returns.reduce((s, r) => s + r, 0) / Math.max(returns.length, 1);
  const variance = returns.reduce((s, r) => s + (r - mean) ** 2, 0) / Math.max(returns.length - 1, 1);

  return {
    locale: args.locale,
    indicator: {
      id: args.indicator.id,
      nameKo: args.indicator.nameKo,
      nameEn: args.indicator.nameEn,
      unit: args.locale === 'ko' ? args.indicator.unitKo : args.indicator.unit,
    },
    question: args.question,
    horizonMonths,
    lastDate: last.date,
    lastValue: round(last.value),
    targetDate: args.targetDate,
    medianAtHorizon: round(median),
    lowAtHorizon: round(low),
    highAtHorizon: round(high),
    changePct: round(pct(median, last.value), 3),
    bandWidthPct: round(((high - low) / Math.max(Math.abs(last.value), 1e-9)) * 100, 3),
    trailingChangePct: round(pct(last.value, trailingBase), 3),
    volatilityPct: round(Math.sqrt(variance) * Math.sqrt(12) * 100, 3),
    drawdownPct: round(Math.min(0, pct(last.value, peak)), 3),
    method: forecast.method,
    ...(forecast.fallbackReason ? { fallbackReason: forecast.fallbackReason } : {}),
    ...(forecast.provenance?.trackRecord ? { trackRecord: { methods: forecast.provenance.methods, ...forecast.provenance.trackRecord } } : {}),
    dataSource: args.dataSource,
    sampleData: args.sampleData,
  };
}
