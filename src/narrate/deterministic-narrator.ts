import { trackRecordLine } from './track-record-line.js';
import type { Locale } from '../locale.js';
import { formatMonth, formatPct, withUnit } from './format-number.js';
import type { NarrationFacts, Narrator, ScenarioStream } from './narrator.js';

export const DETERMINISTIC_VERSION = 'det-1';

type Trend = 'strong-up' | 'up' | 'flat' | 'down' | 'strong-down';
type Spread = 'narrow' | 'moderate' | 'wide';

/**
 * Direction judged against the uncertainty: a +2% median inside a ±15% band is "roughly flat", not "up".
 * The band is the 80% interval, so a median move beyond a fifth of its half-width is worth a word.
 */
function trendOf(f: NarrationFacts): Trend {
  const halfBand = Math.max(f.bandWidthPct / 2, 0.1);
  const ratio = f.changePct / halfBand;
  if (Math.abs(f.changePct) < 0.5 || Math.abs(ratio) < 0.2) return 'flat';
  if (ratio >= 0.6) return 'strong-up';
  if (ratio > 0) return 'up';
  if (ratio <= -0.6) return 'strong-down';
  return 'down';
}

/** Band width per sqrt(month): comparable across horizons (uncertainty grows roughly with sqrt(h)). */
function spreadOf(f: NarrationFacts): Spread {
  const perRootMonth = f.bandWidthPct / Math.sqrt(f.horizonMonths);
  if (perRootMonth < 2.5) return 'narrow';
  if (perRootMonth < 7) return 'moderate';
  return 'wide';
}

const ko = {
  trend: { 'strong-up': '뚜렷한 상승', up: '완만한 상승', flat: '보합권', down: '완만한 하락', 'strong-down': '뚜렷한 하락' },
  spread: { narrow: '불확실성은 비교적 작은 편입니다', moderate: '불확실성은 보통 수준입니다', wide: '불확실성이 큰 편이어서 숫자 하나보다 구간을 보시는 것이 좋습니다' },
};
const en = {
  trend: { 'strong-up': 'a clear rise', up: 'a modest rise', flat: 'a roughly flat path', down: 'a modest decline', 'strong-down': 'a clear decline' },
  spread: { narrow: 'uncertainty is relatively small', moderate: 'uncertainty is moderate', wide: 'uncertainty is large, so read the range rather than the single number' },
};

function name(f: NarrationFacts): string {
  return f.locale === 'ko' ? f.indicator.nameKo : f.indicator.nameEn;
}

function summaryText(f: NarrationFacts): string {
  const u = (v: number) => withUnit(v, f.indicator.unit, f.locale);
  const trend = trendOf(f);
  const spread = spreadOf(f);
  const parts: string[] = [];
  if (f.locale === 'ko') {
    parts.push(
      `${name(f)}의 ${f.horizonMonths}개월 뒤(${formatMonth(f.targetDate, 'ko')} 말) 중앙 전망은 ${u(f.medianAtHorizon)}로, ${formatMonth(f.lastDate, 'ko')} 말 ${u(f.lastValue)} 대비 ${formatPct(f.changePct)}의 ${ko.trend[trend]} 흐름입니다.`,
      `80% 예측구간은 ${u(f.lowAtHorizon)}~${u(f.highAtHorizon)}(폭 ${formatPct(f.bandWidthPct, false)})이며, ${ko.spread[spread]}.`,
    );
    if (f.sampleData) parts.push(`이 답변은 오프라인 샘플 데이터(${f.dataSource})로 계산했으며 실시간 시세가 아닙니다.`);
    if (f.fallbackReason) parts.push(`참고: 기본 모델 대신 통계 기준모형(${f.method})을 썼습니다. (${f.fallbackReason})`);
  } else {
    parts.push(
      `The median forecast for ${name(f)} in ${f.horizonMonths} month${f.horizonMonths === 1 ? '' : 's'} (end of ${formatMonth(f.targetDate, 'en')}) is ${u(f.medianAtHorizon)}, ${formatPct(f.changePct)} from ${u(f.lastValue)} at the end of ${formatMonth(f.lastDate, 'en')}: ${en.trend[trend]}.`,
      `The 80% prediction interval is ${u(f.lowAtHorizon)} to ${u(f.highAtHorizon)} (width ${formatPct(f.bandWidthPct, false)}), and ${en.spread[spread]}.`,
    );
    if (f.sampleData) parts.push(`This answer uses offline sample data (${f.dataSource}), not live prices.`);
    if (f.fallbackReason) parts.push(`Note: a statistical baseline (${f.method}) was used instead of the main model (${f.fallbackReason}).`);
  }
  const record = trackRecordLine(f.trackRecord, f.locale);
  if (record) parts.push(record);
  return parts.join(' ');
}

function riskSentences(f: NarrationFacts): string[] {
  const highVol = f.volatilityPct >= 25;
  const lowVol = f.volatilityPct < 8;
  const deepDrawdown = f.drawdownPct <= -10;
  const out: string[] = [];
  if (f.locale === 'ko') {
    out.push(`최근 12개월 변화율은 ${formatPct(f.trailingChangePct)}, 최근 3년 월간 변동성(연율)은 ${formatPct(f.volatilityPct, false)}입니다.`);
    if (highVol) out.push('변동성이 높은 구간이라 한두 달 사이에도 구간 끝까지 움직일 수 있습니다.');
    else if (lowVol) out.push('변동성이 낮은 편이라 급격한 변화보다는 완만한 움직임이 더 흔했습니다.');
    if (deepDrawdown) out.push(`현재 값은 최근 12개월 고점보다 ${formatPct(-f.drawdownPct, false)} 낮아, 추가 하락과 반등 가능성을 함께 열어 두어야 합니다.`);
    else if (f.drawdownPct > -2) out.push('현재 값은 최근 12개월 고점 부근에 있습니다.');
  } else {
    out.push(`Over the last 12 months it moved ${formatPct(f.trailingChangePct)}, and its annualised monthly volatility over the last 3 years is ${formatPct(f.volatilityPct, false)}.`);
    if (highVol) out.push('Volatility is high, so moves to the edge of the range within a month or two are plausible.');
    else if (lowVol) out.push('Volatility has been low, so gradual moves have been more common than sharp ones.');
    if (deepDrawdown) out.push(`It sits ${formatPct(-f.drawdownPct, false)} below its 12-month high, which leaves room for both a further fall and a rebound.`);
    else if (f.drawdownPct > -2) out.push('It is close to its 12-month high.');
  }
  return out;
}

function scenarioText(f: NarrationFacts): string {
  const u = (v: number) => withUnit(v, f.indicator.unit, f.locale);
  const lowPct = ((f.lowAtHorizon - f.lastValue) / Math.abs(f.lastValue || 1)) * 100;
  const highPct = ((f.highAtHorizon - f.lastValue) / Math.abs(f.lastValue || 1)) * 100;
  const trend = trendOf(f);
  if (f.locale === 'ko') {
    return [
      `기본 시나리오: ${formatMonth(f.targetDate, 'ko')} 말 ${name(f)} 값은 ${u(f.medianAtHorizon)} 안팎(${formatPct(f.changePct)})에서 ${ko.trend[trend]}을 보이는 경우입니다. 모델이 본 과거 흐름이 이어진다고 가정한 가운데 값이며, 실제 결과의 절반은 이보다 높고 절반은 낮을 것으로 봅니다.\n\n`,
      `상승 시나리오: 상위 10% 경우에는 ${u(f.highAtHorizon)}(${formatPct(highPct)}) 이상도 가능합니다. 시장 심리 개선이나 예상보다 좋은 지표가 겹치면 이쪽에 가까워질 수 있습니다.\n\n`,
      `하락 시나리오: 하위 10% 경우에는 ${u(f.lowAtHorizon)}(${formatPct(lowPct)}) 이하로 내려갈 수 있습니다. 충격성 뉴스나 위험회피 심리가 커지면 이쪽에 가까워집니다.\n\n`,
      `주목할 점: ${riskSentences(f).join(' ')}\n\n`,
      `이 전망은 과거 데이터로 학습한 통계 모델의 확률적 추정이며 투자 권유가 아닙니다. 10번 중 2번은 실제 값이 위 구간 밖에 있을 수 있습니다.`,
    ].join('');
  }
  return [
    `Base case: by the end of ${formatMonth(f.targetDate, 'en')}, ${name(f)} sits around ${u(f.medianAtHorizon)} (${formatPct(f.changePct)}), ${en.trend[trend]}. This is the middle of the distribution if past behaviour carries on: half of outcomes would land above it and half below.\n\n`,
    `Upside: in the best 10% of outcomes it reaches ${u(f.highAtHorizon)} (${formatPct(highPct)}) or more, for example if sentiment improves or data surprises positively.\n\n`,
    `Downside: in the worst 10% it falls to ${u(f.lowAtHorizon)} (${formatPct(lowPct)}) or below, for example after a shock or a broad flight to safety.\n\n`,
    `What to watch: ${riskSentences(f).join(' ')}\n\n`,
    `This is a probabilistic estimate from a statistical model trained on past data, not investment advice. About 2 times in 10 the actual value will fall outside the range above.`,
  ].join('');
}

/** Splits after sentence ends and paragraph breaks, so the stream arrives in readable pieces. */
export function sentenceChunks(text: string): string[] {
  return text.match(/[^.!?。\n]*(?:[.!?。]+\s*|\n+|$)/gu)?.filter((s) => s.length > 0) ?? [text];
}

/** Writes the summary and the scenario from the numbers alone: same facts, same words, every time. */
export function createDeterministicNarrator(): Narrator {
  return {
    id: 'deterministic',
    version: DETERMINISTIC_VERSION,
    async summary(facts) {
      return { text: summaryText(facts), narrator: 'deterministic' };
    },
    scenario(facts): ScenarioStream {
      const text = scenarioText(facts);
      return {
        async *[Symbol.asyncIterator]() {
          for (const chunk of sentenceChunks(text)) yield { delta: chunk };
        },
        usage: () => undefined,
        narrator: () => 'deterministic',
      };
    },
  };
}

export function deterministicScenarioText(facts: NarrationFacts): string {
  return scenarioText(facts);
}

export function cutNotice(locale: Locale): string {
  return locale === 'ko'
    ? '\n\n(AI 해설이 중간에 끊겨, 나머지는 숫자에 기반한 기본 해설로 이어갑니다.)\n\n'
    : '\n\n(The AI narrative was cut off; the rest comes from the numbers alone.)\n\n';
}
