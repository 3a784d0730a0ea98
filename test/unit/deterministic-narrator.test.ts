import { describe, expect, it } from 'vitest';
import { createDeterministicNarrator } from '../../src/narrate/deterministic-narrator.js';
import { ungroundedNumbers } from '../../src/narrate/grounding.js';
import type { NarrationFacts } from '../../src/narrate/narrator.js';

const base: NarrationFacts = {
  locale: 'ko',
  indicator: { id: 'usdkrw', nameKo: '원/달러 환율', nameEn: 'USD/KRW', unit: '원' },
  question: '환율 6개월',
  horizonMonths: 6,
  lastDate: '2026-02-28',
  lastValue: 1450.3,
  targetDate: '2026-08-31',
  medianAtHorizon: 1460.1,
  lowAtHorizon: 1380.2,
  highAtHorizon: 1545.9,
  changePct: 0.676,
  bandWidthPct: 11.42,
  trailingChangePct: 4.1,
  volatilityPct: 9.3,
  drawdownPct: -1.2,
  method: 'patchtst-q',
  dataSource: 'fred_DEXKOUS_usdkrw_daily.csv',
  sampleData: false,
};

async function narrate(f: NarrationFacts) {
  const n = createDeterministicNarrator();
  const summary = (await n.summary(f)).text;
  let scenario = '';
  let chunks = 0;
  for await (const c of n.scenario(f, summary)) {
    scenario += c.delta;
    chunks += 1;
  }
  return { summary, scenario, chunks };
}

describe('deterministic narrator', () => {
  it('writes Korean from the numbers, with the band and a disclaimer, streamed in several pieces', async () => {
    const { summary, scenario, chunks } = await narrate(base);
    expect(summary).toContain('1,460.1원');
    expect(summary).toContain('1,380.2원~1,545.9원');
    expect(summary).toContain('보합권');
    expect(scenario).toMatch(/기본 시나리오.*상승 시나리오.*하락 시나리오.*주목할 점/su);
    expect(scenario).toContain('투자 권유가 아닙니다');
    expect(chunks).toBeGreaterThan(5);
    expect(`${summary}${scenario}`).not.toMatch(/NaN|undefined|Infinity/u);
    expect(ungroundedNumbers(`${summary} ${scenario}`, base)).toEqual([]);
  });

  it('writes English when the locale is en', async () => {
    const { summary, scenario } = await narrate({ ...base, locale: 'en', indicator: { ...base.indicator, unit: 'KRW' } });
    expect(summary).toMatch(/median forecast for USD\/KRW in 6 months/u);
    expect(scenario).toMatch(/not investment advice/u);
    expect(/[\uac00-\ud7a3]/u.test(summary + scenario)).toBe(false);
  });

  it('moves its words with the data: direction against the band, volatility, drawdown', async () => {
    const up = await narrate({ ...base, medianAtHorizon: 1530, changePct: 5.5 });
    expect(up.summary).toContain('뚜렷한 상승');
    const down = await narrate({ ...base, medianAtHorizon: 1400, changePct: -3.5 });
    expect(down.summary).toContain('하락');
    const wild = await narrate({ ...base, volatilityPct: 40, drawdownPct: -22, bandWidthPct: 60 });
    expect(wild.summary).toContain('불확실성이 큰 편');
    expect(wild.scenario).toContain('변동성이 높은 구간');
    expect(wild.scenario).toContain('고점보다 22.0% 낮아');
  });

  it('labels sample data and a fallback method', async () => {
    const { summary } = await narrate({ ...base, sampleData: true, dataSource: 'vega-datasets', fallbackReason: 'too short', method: 'drift' });
    expect(summary).toContain('오프라인 샘플 데이터');
    expect(summary).toContain('drift');
  });

  it('is deterministic', async () => {
    expect(await narrate(base)).toEqual(await narrate(base));
  });
});
