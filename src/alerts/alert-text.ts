import { indicatorName, indicatorUnit, type Indicator } from '../data/catalog.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatPct } from '../narrate/format-number.js';
import { indicatorFormat } from '../narrate/indicator-format.js';
import type { SubscriptionRule } from '../store/subscription-store.js';
import type { ThreatEvent } from '../sim/threat-rules.js';

type Named = Pick<Indicator, 'nameKo' | 'nameEn' | 'unit'> & Partial<Pick<Indicator, 'id' | 'unitKo'>>;

/** The deterministic one-line explanation of a threat event, in the narrator's style (numbers from the event only). */
export function alertLine(
  event: Pick<ThreatEvent, 'rule' | 'date' | 'value' | 'measure'>,
  params: SubscriptionRule,
  indicator: Named,
  locale: Locale,
): string {
  const name = indicatorName(indicator, locale);
  // The indicator's own precision and unit, as in its answers ("2,150.0포인트", "3.25%").
  const fmt = indicatorFormat(
    indicator.id ?? '',
    locale,
    indicatorUnit({ unitKo: indicator.unitKo ?? indicator.unit, unit: indicator.unit }, locale),
  );
  const common = { name, date: event.date, value: fmt.level(event.value), pct: formatPct(event.measure) };
  switch (params.kind) {
    case 'drawdown':
      return t(locale, 'alert.drawdown', {
        ...common,
        // "14.1% below its peak": the word carries the sign, in both languages.
        pct: formatPct(Math.abs(event.measure), false),
        lookbackDays: params.lookbackDays,
        threshold: params.thresholdPct,
      });
    case 'move':
      return t(locale, params.period === 'day' ? 'alert.move.day' : 'alert.move.month', {
        ...common,
        threshold: params.thresholdPct,
      });
    case 'volatility-spike':
      return t(locale, 'alert.volatilitySpike', {
        ...common,
        windowDays: params.windowDays,
        z: event.measure.toFixed(1),
        zScore: params.zScore,
      });
    case 'forecast-lower-band':
      return t(locale, 'alert.forecastLowerBand', {
        ...common,
        month: event.date.slice(0, 7),
        threshold: fmt.level(params.threshold),
      });
    case 'stop-loss':
      return t(locale, 'alert.stopLoss', { ...common, threshold: params.thresholdPct });
    case 'take-profit':
      return t(locale, 'alert.takeProfit', { ...common, threshold: params.thresholdPct });
    case 'news':
      return t(locale, 'news.alert.line', { name, date: event.date });
  }
}

/**
 * The deterministic line, or an improved one if `improve` (an LLM) answers before the deadline with one line that
 * keeps every number of the original. Anything else keeps the deterministic line: an alert never waits on a model.
 */
export async function explainAlert(
  line: string,
  options: { improve?: (line: string, signal: AbortSignal) => Promise<string>; timeoutMs: number },
): Promise<string> {
  if (!options.improve) return line;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const better = await Promise.race([
      options.improve(line, signal),
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }),
      ),
    ]);
    const text = better.trim();
    const numbers = line.match(/\d[\d,.]*/gu) ?? [];
    if (!text || text.includes('\n') || text.length > 300 || !numbers.every((n) => text.includes(n))) return line;
    return text;
  } catch {
    return line;
  }
}
