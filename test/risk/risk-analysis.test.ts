import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../../src/risk/parse-portfolio.js';
import { analyzeRisk } from '../../src/risk/risk-analysis.js';
import { riskText, ungroundedRiskNumbers } from '../../src/risk/risk-text.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';

const market = syntheticMarket(3, 1_300, 5);
const byId: Record<string, number> = { 'stock:005930': 2, kospi: 1, usdkrw: 0 };
const deps = { history: async (id: string) => market[byId[id]!]!.points };

describe('stated portfolios', () => {
  it('reads names as the question module and the stock list do', () => {
    expect(parsePortfolio('삼성전자 50%, 코스피 30%, 달러 20%', 'ko')).toEqual([
      { id: 'stock:005930', weight: 0.5 },
      { id: 'kospi', weight: 0.3 },
      { id: 'usdkrw', weight: 0.2 },
    ]);
    expect(parsePortfolio('삼성전자 50% 코스피 30% 달러 20%', 'ko')).toEqual(
      parsePortfolio('삼성전자 50%, 코스피 30%, 달러 20%', 'ko'),
    );
    expect(parsePortfolio('KOSPI 60% and 005380 10%', 'en')).toEqual([
      { id: 'kospi', weight: 0.6 },
      { id: 'stock:005380', weight: 0.1 },
    ]);
  });

  it('rejects what it cannot read, in the user language', () => {
    expect(() => parsePortfolio('삼성전자 50%, 코스피 70%', 'ko')).toThrow(/120%예요/u);
    expect(() => parsePortfolio('삼성전자 반', 'ko')).toThrow(/비중/u);
    expect(() => parsePortfolio('moonrock 20%', 'en')).toThrow(/Unknown holding "moonrock"/u);
  });
});

describe('risk analysis: score, plan, recommendation, explanation', () => {
  it('over the limit: a plan that cuts the largest contributor with the VaR before and after, and a recommendation within the limit', async () => {
    const holdings = parsePortfolio('삼성전자 50%, 코스피 30%, 달러 20%', 'ko');
    const a = await analyzeRisk(deps, holdings, 0.03);
    const month = a.risk.horizons.find((h) => h.horizon === '1m')!;
    expect(month.var95).toBeGreaterThan(0.03);
    expect(a.score.score).toBeGreaterThan(30);
    expect(a.score.drivers[0]!.kind).toBe('var-vs-limit');
    expect(a.plan.hold).toBe(false);
    const first = a.plan.steps[0]!;
    expect(first.toWeight).toBeLessThan(first.fromWeight);
    expect(first.var95After).toBeLessThan(first.var95Before);
    expect(a.plan.steps.at(-1)!.var95After).toBeLessThanOrEqual(0.03 * 1.05);
    expect(a.recommendation.education).toBe(true);
    expect(a.recommendation.after.var95).toBeLessThanOrEqual(0.03);
    const ko = riskText(a, 'ko');
    expect(ko).toMatch(/비중을 50\.0%에서 \d+\.\d%로 줄이면 95% VaR가 −\d+\.\d%에서 −\d+\.\d%로/u);
    expect(ko).toMatch(/교육용/u);
    expect(riskText(a, 'en')).toMatch(/not investment advice/u);
    expect(ungroundedRiskNumbers(ko, a)).toEqual([]);
    expect(ungroundedRiskNumbers('한 달 95% VaR는 −37.4%예요.', a)).toEqual([-37.4]);
  });

  it('within a generous limit and diversified: hold, a lower score', async () => {
    const a = await analyzeRisk(deps, parsePortfolio('코스피 30%, 달러 30%', 'ko'), 0.5);
    expect(a.plan.hold).toBe(true);
    expect(a.score.score).toBeLessThan(40);
    expect(riskText(a, 'ko')).toMatch(/바꿀 것이 없어요/u);
  });

  it('names a holding that lowers the ES (a hedge), so the top contribution above the ES itself adds up', async () => {
    // The dollar as the mirror of KOSPI: it gains exactly when KOSPI falls.
    const kospi = market[1]!.points;
    const hedged = {
      history: async (id: string) => (id === 'usdkrw' ? kospi.map((p) => ({ ...p, value: 1e5 / p.value })) : kospi),
    };
    const a = await analyzeRisk(hedged, parsePortfolio('코스피 60%, 달러 20%', 'ko'), 0.2);
    const month = a.risk.horizons.find((h) => h.horizon === '1m')!;
    const dollar = month.holdings.find((x) => x.id === 'usdkrw')!;
    expect(dollar.es95).toBeLessThan(0);
    expect(month.holdings.find((x) => x.id === 'kospi')!.es95).toBeGreaterThan(month.es95);
    expect(riskText(a, 'ko')).toMatch(
      /원\/달러 환율\(\+\d+\.\d%\)은 그런 나쁜 경우에 오르는 편이라 한 달 ES를 줄여 줘요\./u,
    );
    expect(riskText(a, 'en')).toMatch(/Part of it is offset by USD\/KRW \(\+\d+\.\d%\), gaining/u);
    expect(ungroundedRiskNumbers(riskText(a, 'ko'), a)).toEqual([]);
    // Without a hedge there is no such line.
    expect(riskText(await analyzeRisk(deps, parsePortfolio('코스피 30%, 달러 30%', 'ko'), 0.5), 'ko')).not.toMatch(
      /줄여 줘요/u,
    );
  });

  it('a threat event passed in by an alert shows as a driver and halves that holding in the plan', async () => {
    const a = await analyzeRisk(deps, parsePortfolio('코스피 30%, 달러 30%', 'ko'), 0.5, { threatened: ['kospi'] });
    expect(a.score.drivers.find((d) => d.kind === 'threat')!.points).toBeGreaterThan(0);
    expect(a.plan.steps).toEqual([
      expect.objectContaining({ reason: 'threat', holding: 'kospi', fromWeight: 0.3, toWeight: 0.15 }),
    ]);
  });
});
