import { describe, expect, it } from 'vitest';
import { buildJointModel } from '../../src/risk/joint-model.js';
import { computePortfolioRisk } from '../../src/risk/portfolio-risk.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';

describe('portfolio risk (filtered historical simulation, joint residuals drawn by date)', () => {
  const market = syntheticMarket(4, 1_400);
  const model = buildJointModel(market);

  it('gives VaR/ES at 95/99 for 1d, 1m, 3m, 12m that grow with horizon and level, with contributions adding up', () => {
    const r = computePortfolioRisk(model, [0.4, 0.3, 0.2, 0.1], { limit: 0.1 });
    expect(r.paths).toBe(10_000);
    expect(r.horizons.map((h) => h.horizon)).toEqual(['1d', '1m', '3m', '12m']);
    for (const h of r.horizons) {
      expect(h.es95).toBeGreaterThanOrEqual(h.var95);
      expect(h.var99).toBeGreaterThan(h.var95);
      expect(h.es99).toBeGreaterThanOrEqual(h.var99);
      expect(h.holdings.reduce((a, x) => a + x.es95, 0)).toBeCloseTo(h.es95, 10);
      expect(h.holdings.reduce((a, x) => a + x.var95, 0)).toBeCloseTo(h.var95, 10);
    }
    const [d, m1, m3, y] = r.horizons;
    expect(d!.var95).toBeLessThan(m1!.var95);
    expect(m1!.var95).toBeLessThan(m3!.var95);
    expect(m3!.var95).toBeLessThan(y!.var95);
    expect(y!.pOverLimit!).toBeGreaterThan(d!.pOverLimit!);
    expect(r.fan).toHaveLength(12);
    expect(r.fan[11]!.p05).toBeLessThan(r.fan[11]!.p50);
    expect(r.fan[11]!.p95).toBeGreaterThan(r.fan[0]!.p95);
  });

  it('is reproducible, and cash lowers risk in proportion', () => {
    const a = computePortfolioRisk(model, [0.25, 0.25, 0.25, 0.25]);
    const b = computePortfolioRisk(model, [0.25, 0.25, 0.25, 0.25]);
    expect(a).toEqual(b);
    const half = computePortfolioRisk(model, [0.125, 0.125, 0.125, 0.125]);
    expect(half.cash).toBeCloseTo(0.5, 12);
    expect(half.horizons[0]!.var95).toBeCloseTo(a.horizons[0]!.var95 / 2, 10);
  });

  it('keeps dependence: drawing whole dates gives more risk than the same holdings drawn independently', () => {
    const together = computePortfolioRisk(model, [0.25, 0.25, 0.25, 0.25]).horizons[1]!.var95;
    // The same series with dates shuffled per holding lose their common factor.
    const shuffled = market.map((s, i) => {
      const rot = (i * 337) % (s.points.length - 1);
      const values = s.points.map((p) => p.value);
      const ratios = values.slice(1).map((v, k) => v / values[k]!);
      const turned = [...ratios.slice(rot), ...ratios.slice(0, rot)];
      let v = 100;
      return { ...s, points: s.points.map((p, k) => ({ date: p.date, value: k === 0 ? v : (v *= turned[k - 1]!) })) };
    });
    const apart = computePortfolioRisk(buildJointModel(shuffled), [0.25, 0.25, 0.25, 0.25]).horizons[1]!.var95;
    expect(together).toBeGreaterThan(apart * 1.1);
  });

  it('refuses weights above 100% and holdings without enough common days', () => {
    expect(() => computePortfolioRisk(model, [0.5, 0.5, 0.5, 0])).toThrow(/100%/u);
    expect(() => buildJointModel([{ id: 'x', kind: 'log', points: market[0]!.points.slice(0, 100) }])).toThrow(
      /251 are needed/u,
    );
  });
});
