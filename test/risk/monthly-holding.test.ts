import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/data/series.js';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';

// KOSPI and the dollar daily; gold only at month ends (as gold_monthly.csv is): the three share too few days.
const [kospi, usdkrw] = syntheticMarket(2, 1_300, 11);
const monthEnds = (points: readonly Point[]) =>
  points.filter((p, i) => i === points.length - 1 || points[i + 1]!.date.slice(0, 7) !== p.date.slice(0, 7));
const histories: Record<string, readonly Point[]> = {
  kospi: kospi!.points,
  usdkrw: usdkrw!.points,
  gold: monthEnds(kospi!.points).map((p) => ({ date: p.date, value: p.value * 0.9 })),
};

describe('a portfolio with a holding that has no daily prices', () => {
  const risk = createRiskCommands({
    profiles: createMemoryRiskProfileStore(),
    history: async (id) => [...(histories[id] ?? [])],
  });

  it('says in the asker’s language which holding lacks daily prices, instead of a bare English error', async () => {
    const ko = await risk.run({ userId: 'cli:x', locale: 'ko', command: 'risk', args: '코스피 60%, 달러 30%, 금 10%' });
    expect(ko.text).toMatch(/^보유 종목들의 가격이 함께 있는 날이 \d+일뿐이라 .*일별 가격이 부족한 종목: 금 가격\./u);
    const en = await risk.run({
      userId: 'cli:x',
      locale: 'en',
      command: 'risk',
      args: 'KOSPI 60%, dollar 30%, gold 10%',
    });
    expect(en.text).toMatch(/^The holdings share only \d+ days of prices, .* Too few daily prices: Gold\./u);
  });

  it('answers once the monthly holding is left out', async () => {
    const reply = await risk.run({ userId: 'cli:x', locale: 'ko', command: 'risk', args: '코스피 60%, 달러 40%' });
    expect(reply.analysis?.holdings.map((h) => h.id)).toEqual(['kospi', 'usdkrw']);
  }, 30_000);
});
