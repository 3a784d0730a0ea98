import type { Indicator } from '../data/catalog.js';
import type { Locale } from '../locale.js';
import { formatPct, withUnit } from '../narrate/format-number.js';
import type { SubscriptionRule } from '../store/subscription-store.js';
import type { ThreatEvent } from '../sim/threat-rules.js';

type Named = Pick<Indicator, 'nameKo' | 'nameEn' | 'unit'>;

/** The deterministic one-line explanation of a threat event, in the narrator's style (numbers from the event only). */
export function alertLine(event: Pick<ThreatEvent, 'rule' | 'date' | 'value' | 'measure'>, params: SubscriptionRule, indicator: Named, locale: Locale): string {
  const name = locale === 'ko' ? indicator.nameKo : indicator.nameEn;
  const v = withUnit(event.value, indicator.unit, locale);
  const pct = formatPct(event.measure);
  if (locale === 'ko') {
    switch (params.kind) {
      case 'drawdown':
        return `⚠️ ${name}가 최근 ${params.lookbackDays}일 고점 대비 ${pct} 떨어졌습니다 (${event.date} ${v}, 기준 ${params.thresholdPct}%).`;
      case 'move':
        return `⚠️ ${name}가 ${params.period === 'day' ? '하루' : '한 달'} 동안 ${pct} 움직였습니다 (${event.date} ${v}, 기준 ±${params.thresholdPct}%).`;
      case 'volatility-spike':
        return `⚠️ ${name}의 최근 ${params.windowDays}일 변동성이 평소보다 크게 높습니다 (z = ${event.measure.toFixed(1)}, 기준 ${params.zScore}, ${event.date} ${v}).`;
      case 'forecast-lower-band':
        return `⚠️ ${name} 예측의 하단(10% 분위)이 ${event.date.slice(0, 7)}에 ${withUnit(params.threshold, indicator.unit, locale)} 아래인 ${v}까지 내려갑니다.`;
      case 'stop-loss':
        return `🛑 손절 알림: ${name}가 모의투자 평균 매입가 대비 ${pct}입니다 (${event.date} ${v}, 기준 −${params.thresholdPct}%).`;
      case 'take-profit':
        return `✅ 익절 알림: ${name}가 모의투자 평균 매입가 대비 ${pct}입니다 (${event.date} ${v}, 기준 +${params.thresholdPct}%).`;
    }
  }
  switch (params.kind) {
    case 'drawdown':
      return `⚠️ ${name} is ${pct} below its ${params.lookbackDays}-day peak (${v} on ${event.date}; threshold ${params.thresholdPct}%).`;
    case 'move':
      return `⚠️ ${name} moved ${pct} in a ${params.period} (${v} on ${event.date}; threshold ±${params.thresholdPct}%).`;
    case 'volatility-spike':
      return `⚠️ ${name}'s ${params.windowDays}-day volatility is unusually high (z = ${event.measure.toFixed(1)}, threshold ${params.zScore}; ${v} on ${event.date}).`;
    case 'forecast-lower-band':
      return `⚠️ The lower band (10% quantile) of the ${name} forecast falls to ${v} in ${event.date.slice(0, 7)}, below ${withUnit(params.threshold, indicator.unit, locale)}.`;
    case 'stop-loss':
      return `🛑 Stop-loss: ${name} is ${pct} from your paper position's average cost (${v} on ${event.date}; threshold −${params.thresholdPct}%).`;
    case 'take-profit':
      return `✅ Take-profit: ${name} is ${pct} from your paper position's average cost (${v} on ${event.date}; threshold +${params.thresholdPct}%).`;
  }
}

/**
 * The deterministic line, or an improved one if `improve` (an LLM) answers before the deadline with one line that
 * keeps every number of the original. Anything else keeps the deterministic line: an alert never waits on a model.
 */
export async function explainAlert(line: string, options: { improve?: (line: string, signal: AbortSignal) => Promise<string>; timeoutMs: number }): Promise<string> {
  if (!options.improve) return line;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const better = await Promise.race([
      options.improve(line, signal),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true })),
    ]);
    const text = better.trim();
    const numbers = line.match(/\d[\d,.]*/gu) ?? [];
    if (!text || text.includes('\n') || text.length > 300 || !numbers.every((n) => text.includes(n))) return line;
    return text;
  } catch {
    return line;
  }
}
