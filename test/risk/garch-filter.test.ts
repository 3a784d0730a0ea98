import { describe, expect, it } from 'vitest';
import { ewmaFilter } from '../../src/risk/ewma-filter.js';
import { fitGarch, garchFilter } from '../../src/risk/garch-filter.js';
import { seededRandom } from '../../src/risk/random.js';
import { VOL_CANDIDATES, volatilityForecaster } from '../../src/risk/vol-candidates.js';

/** GJR-GARCH(1,1) changes with normal shocks, simulated from known parameters. */
function simulate(n: number, p: { alpha: number; gamma: number; beta: number; variance: number }, seed: number) {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const omega = (1 - p.alpha - p.gamma / 2 - p.beta) * p.variance;
  const x = new Float64Array(n);
  let s2 = p.variance;
  for (let t = 0; t < n; t += 1) {
    x[t] = Math.sqrt(s2) * normal();
    s2 = omega + (p.alpha + (x[t]! < 0 ? p.gamma : 0)) * x[t]! * x[t]! + p.beta * s2;
  }
  return x;
}

describe('GARCH filters compared before the evaluation window', () => {
  it('quasi-ML recovers GARCH(1,1) and GJR parameters from 8,000 simulated days', () => {
    const garch = fitGarch(simulate(8000, { alpha: 0.08, gamma: 0, beta: 0.9, variance: 1e-4 }, 7), false);
    expect(garch.alpha).toBeCloseTo(0.08, 1);
    expect(garch.beta).toBeCloseTo(0.9, 1);
    expect(garch.gamma).toBe(0);
    const gjr = fitGarch(simulate(8000, { alpha: 0.02, gamma: 0.12, beta: 0.9, variance: 1e-4 }, 11), true);
    expect(gjr.gamma).toBeGreaterThan(0.06);
    expect(gjr.alpha).toBeLessThan(0.06);
    expect(gjr.alpha + gjr.gamma / 2 + gjr.beta).toBeLessThan(1);
  });

  it('the filters forecast from earlier changes only, like the EWMA filter', () => {
    const x = simulate(600, { alpha: 0.08, gamma: 0, beta: 0.9, variance: 1e-4 }, 3);
    const p = { alpha: 0.08, gamma: 0.02, beta: 0.9, variance: 1e-4 };
    const full = garchFilter(x, p);
    const cut = garchFilter(x.subarray(0, 400), p);
    expect(full.sigma.subarray(0, 400)).toEqual(cut.sigma);
    expect(full.sigma[400]).toBeCloseTo(cut.nextSigma, 15);
    expect(ewmaFilter(x, 0.9).sigma[400]).toBeCloseTo(ewmaFilter(x.subarray(0, 400), 0.9).nextSigma, 15);
    for (const c of VOL_CANDIDATES) {
      // Changing a change at or after the origin never moves that origin's forecast.
      const later = Float64Array.from(x);
      later.fill(0.5, 450);
      const a = volatilityForecaster(c, x)(450);
      const b = volatilityForecaster(c, later)(450);
      expect(b.sigma, c).toBe(a.sigma);
      expect(Array.from(b.pool), c).toEqual(Array.from(a.pool));
    }
  });
});
