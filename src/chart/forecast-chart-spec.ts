import { indicatorName, indicatorUnit, type Indicator } from '../data/catalog.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { indicatorFormat } from '../narrate/indicator-format.js';
import type { ChartSpec } from './chart-renderer.js';

export interface ForecastChartInput {
  indicator: Pick<Indicator, 'id' | 'nameKo' | 'nameEn' | 'unit' | 'unitKo'>;
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
  const { locale } = input;
  const name = indicatorName(input.indicator, locale);
  // Rounded once, to the indicator's precision: what the chart draws is what the table and the text print.
  const { round } = indicatorFormat(input.indicator.id, locale);
  return {
    locale,
    title: t(locale, 'chart.title', { name, horizon: input.horizonMonths }),
    unit: indicatorUnit(input.indicator, locale),
    history: input.history.map((p) => ({ date: p.date, value: round(p.value) })),
    forecast: input.dates.map((date, i) => ({
      date,
      median: round(input.median[i]!),
      low: round(input.low[i]!),
      high: round(input.high[i]!),
    })),
    footnote: t(locale, 'chart.footnote', { source: input.dataSource, method: input.method }),
  };
}
