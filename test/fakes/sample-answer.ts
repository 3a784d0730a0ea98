import { createHash } from 'node:crypto';
import { createChartRenderer } from '../../src/chart/chartjs-renderer.js';
import type { AnswerEvent, ForecastEvent } from '../../src/engine/answer-types.js';

/**
 * A typical answer, as the engine streams it: 10 years of monthly history, a 12-month forecast with five
 * quantile paths, a real chart PNG from the project's renderer, a summary and a scenario in ~150 deltas.
 * Deterministic (a seeded random walk), so tests and benches see the same bytes every run.
 */
export async function sampleAnswer(options: { horizonMonths?: number; deltas?: number } = {}): Promise<AnswerEvent[]> {
  const horizon = options.horizonMonths ?? 12;
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
  const history: { date: string; value: number }[] = [];
  let v = 2000;
  for (let i = 0; i < 120; i += 1) {
    v *= 1 + (rand() - 0.48) * 0.08;
    history.push({ date: monthEnd(2015 + Math.floor(i / 12), i % 12), value: Math.round(v * 100) / 100 });
  }
  const last = history.at(-1)!;
  const dates = Array.from({ length: horizon }, (_, h) => monthEnd(2025, h));
  const levels = [0.1, 0.25, 0.5, 0.75, 0.9];
  const z = [-1.2816, -0.6745, 0, 0.6745, 1.2816];
  const median = dates.map((_, h) => last.value * (1 + 0.004 * (h + 1)));
  const quantiles = z.map((zi) => median.map((m, h) => m * (1 + zi * 0.05 * Math.sqrt(h + 1))));
  const low = quantiles[0]!;
  const high = quantiles[4]!;

  const forecast: ForecastEvent = {
    type: 'forecast',
    indicator: { id: 'kospi', nameKo: '코스피', nameEn: 'KOSPI', unit: 'pt' },
    horizonMonths: horizon,
    locale: 'ko',
    history: history.slice(-60),
    dates,
    median,
    levels,
    quantiles,
    method: 'patchtst-quantile',
    modelVersion: 'forecaster-v1',
    dataSource: 'test fixture (seeded random walk)',
    sampleData: true,
    facts: {
      locale: 'ko',
      indicator: { id: 'kospi', nameKo: '코스피', nameEn: 'KOSPI', unit: 'pt' },
      question: '앞으로 1년 코스피 어때? 🚀',
      horizonMonths: horizon,
      frequency: 'D',
      dataAsOf: last.date,
      lastDate: last.date,
      lastValue: last.value,
      targetDate: dates.at(-1)!,
      medianAtHorizon: median.at(-1)!,
      lowAtHorizon: low.at(-1)!,
      highAtHorizon: high.at(-1)!,
      decimals: 1,
      changeUnit: '%',
      change: ((median.at(-1)! - last.value) / last.value) * 100,
      lowChange: ((low.at(-1)! - last.value) / last.value) * 100,
      highChange: ((high.at(-1)! - last.value) / last.value) * 100,
      bandWidth: ((high.at(-1)! - low.at(-1)!) / last.value) * 100,
      trailingChange: 3.2,
      volatility: 17.5,
      drawdown: -4.1,
      method: 'patchtst-quantile',
      dataSource: 'test fixture (seeded random walk)',
      sampleData: true,
    },
  };

  const png = await createChartRenderer({}).render({
    locale: 'ko',
    title: '코스피 12개월 전망',
    unit: 'pt',
    history: forecast.history,
    forecast: dates.map((date, h) => ({ date, median: median[h]!, low: low[h]!, high: high[h]! })),
    footnote: '데이터: 테스트 · 80% 구간',
    // Larger than the engine's default, so the PNG is ~60 KB: the size the cache budget is planned for.
    width: 1200,
    height: 700,
  });

  const deltas = options.deltas ?? 150;
  return [
    forecast,
    { type: 'chart', png, hash: createHash('sha256').update(png).digest('hex') },
    {
      type: 'summary',
      text: '코스피는 향후 12개월 동안 완만한 상승이 예상되지만, 80% 구간이 넓어 불확실성이 큽니다. '.repeat(3),
      narrator: 'openai:gpt',
    },
    ...Array.from({ length: deltas }, (_, i): AnswerEvent => ({
      type: 'scenario-delta',
      text: `시나리오 ${i}: 금리와 환율이 `,
    })),
    {
      type: 'done',
      conversationId: 'conv-1',
      cached: false,
      narrator: 'openai:gpt',
      usage: { promptTokens: 812, completionTokens: 420 },
      timings: { forecast: 12, chart: 40, summary: 900, firstToken: 300, scenario: 4000, total: 5000 },
    },
  ];
}
