import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/data/series.js';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';

const monthEnds = (points: readonly Point[]) =>
  points.filter((p, i) => i === points.length - 1 || points[i + 1]!.date.slice(0, 7) !== p.date.slice(0, 7));
// Dated on a month's first trading day, as the Shiller S&P 500 file is (YYYY-MM-01): those dates are also daily
// series' dates, so a day-by-day join finds hundreds of "days" that are really a month apart.
const monthStarts = (points: readonly Point[]) =>
  points.filter((p, i) => i === 0 || points[i - 1]!.date.slice(0, 7) !== p.date.slice(0, 7));

/** KOSPI and the dollar daily; gold only monthly (as gold_monthly.csv is), over `days` trading days. */
function commands(days: number, monthly: (points: readonly Point[]) => Point[] = monthEnds) {
  const [kospi, usdkrw] = syntheticMarket(2, days, 11);
  const histories: Record<string, readonly Point[]> = {
    kospi: kospi!.points,
    usdkrw: usdkrw!.points,
    gold: monthly(kospi!.points).map((p) => ({ date: p.date, value: p.value * 0.9 })),
  };
  return createRiskCommands({
    profiles: createMemoryRiskProfileStore(),
    history: async (id) => [...(histories[id] ?? [])],
  });
}

describe('a portfolio with a holding that has only monthly prices', () => {
  it('is modelled on month ends: 1, 3 and 12 months, no one-day VaR, and the answer says why', async () => {
    const risk = commands(2_600);
    const ko = await risk.run({ userId: 'cli:x', locale: 'ko', command: 'risk', args: '코스피 60%, 달러 30%, 금 10%' });
    const a = ko.analysis!;
    expect(a.risk.frequency).toBe('monthly');
    expect(a.monthlyOnly).toEqual(['gold']);
    expect(a.risk.horizons.map((h) => h.horizon)).toEqual(['1m', '3m', '12m']);
    const [m1, m3, m12] = a.risk.horizons.map((h) => h.var95) as [number, number, number];
    expect(m1).toBeGreaterThan(0);
    expect(m3).toBeGreaterThan(m1);
    expect(m12).toBeGreaterThan(m3);
    expect(m12).toBeLessThan(0.9);
    expect(ko.text).toContain('금 가격은 월별 자료만 있어 모든 종목을 월말 값으로 계산했어요');
    expect(ko.text).toMatch(/95% VaR는 3개월 −\d+\.\d%, 12개월 −\d+\.\d%이고/u);
    expect(ko.text).not.toMatch(/하루 −/u);

    const en = await risk.run({
      userId: 'cli:y',
      locale: 'en',
      command: 'risk',
      args: 'KOSPI 60%, dollar 30%, gold 10%',
    });
    expect(en.text).toContain('Monthly data only for Gold, so every holding is taken at month ends');
    expect(en.analysis!.risk.horizons[0]!.var95).toBeCloseTo(m1, 10);
  }, 30_000);

  it('does not take monthly dates that fall on trading days for days (the Shiller S&P 500 file)', async () => {
    const risk = commands(2_600, monthStarts);
    const reply = await risk.run({ userId: 'cli:x', locale: 'en', command: 'risk', args: 'KOSPI 50%, gold 50%' });
    const { risk: r } = reply.analysis!;
    expect(r.frequency).toBe('monthly');
    const twelve = r.horizons.find((h) => h.horizon === '12m')!;
    const one = r.horizons.find((h) => h.horizon === '1m')!;
    // Months compounded as days gave a 12-month "VaR" of several hundred per cent.
    expect(twelve.var95).toBeGreaterThan(one.var95);
    expect(twelve.var95).toBeLessThan(0.9);
  }, 30_000);

  it('with too few months in common, says so in months and names the monthly holding', async () => {
    const risk = commands(600);
    const ko = await risk.run({ userId: 'cli:x', locale: 'ko', command: 'risk', args: '코스피 60%, 달러 30%, 금 10%' });
    expect(ko.text).toMatch(
      /^월별 자료만 있는 종목\(금 가격\)이 있어 .*함께 있는 달이 \d+개월뿐이에요\(최소 61개월 필요\)/u,
    );
    const en = await risk.run({ userId: 'cli:x', locale: 'en', command: 'risk', args: 'KOSPI 60%, gold 40%' });
    expect(en.text).toMatch(/^Monthly data only for Gold, so .* share only \d+ months of prices/u);
  });

  it('a portfolio of daily holdings keeps the daily model and its one-day VaR', async () => {
    const reply = await commands(1_300).run({
      userId: 'cli:x',
      locale: 'ko',
      command: 'risk',
      args: '코스피 60%, 달러 40%',
    });
    expect(reply.analysis?.risk.frequency).toBe('daily');
    expect(reply.analysis?.monthlyOnly).toEqual([]);
    expect(reply.analysis?.risk.horizons.map((h) => h.horizon)).toEqual(['1d', '1m', '3m', '12m']);
    expect(reply.text).toMatch(/95% VaR는 하루 −/u);
  }, 30_000);
});
