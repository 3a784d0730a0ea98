import type { Indicator } from '../data/catalog.js';
import type { Locale } from '../locale.js';
import type { ChartSpec } from './chart-renderer.js';

export interface ForecastChartInput {
  indicator: Pick<Indicator, 'nameKo' | 'nameEn' | 'unit' | 'unitKo'>;
  locale: Locale;
  horizonMonths: number;
  history: { date: string; value: number }[];
  dates: string[];
  median: number[];
  low: number[];
  high: number[];
  dataSource: string;
  method: string;
}

/**
 * The chart of one answer, from its numbers alone. The engine draws every answer from it and the web history
 * redraws a stored conversation from it, so the two give the same bytes.
 */
export function forecastChartSpec(input: ForecastChartInput): ChartSpec {
  const ko = input.locale === 'ko';
  const name = ko ? input.indicator.nameKo : input.indicator.nameEn;
  return {
    locale: input.locale,
    title: ko ? `${name} ${input.horizonMonths}개월 전망` : `${name}: ${input.horizonMonths}-month outlook`,
    unit: ko ? input.indicator.unitKo : input.indicator.unit,
    history: input.history,
    forecast: input.dates.map((date, i) => ({ date, median: input.median[i]!, low: input.low[i]!, high: input.high[i]! })),
    footnote: ko
      ? `자료: ${input.dataSource} · 모델: ${input.method} · 음영: 80% 예측구간`
      : `Data: ${input.dataSource} · Model: ${input.method} · Shaded: 80% interval`,
  };
}
