import { describe, expect, it } from 'vitest';
import { ewmaFilter, LOSS_WEIGHT } from '../../src/risk/ewma-filter.js';
import { gpdLossQuantiles } from '../../src/risk/gpd-tail.js';
import { seededRandom } from '../../src/risk/random.js';
import { prepareSeries } from '../../src/risk/var-models.js';
import { asymmetricRecursion } from '../../src/risk/vol-recursions.js';

const calm = () => Float64Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 0.01 : -0.01));

describe('the served filter: EWMA 0.90 with losses weighted 1.5 (round 2)', () => {
  it('a loss raises tomorrow’s volatility more than an equal gain; weight 1 is the symmetric EWMA', () => {
    const down = Float64Array.of(...calm(), -0.05);
    const up = Float64Array.of(...calm(), 0.05);
    expect(LOSS_WEIGHT).toBe(1.5);
    expect(ewmaFilter(down).nextSigma).toBeGreaterThan(ewmaFilter(up).nextSigma);
    expect(ewmaFilter(down, 0.9, 1).nextSigma).toBeCloseTo(ewmaFilter(up, 0.9, 1).nextSigma, 15);
    // The update: 0.9·s² + 0.1·1.5·r² after a loss.
    const before = ewmaFilter(calm()).nextSigma ** 2;
    expect(ewmaFilter(down).nextSigma ** 2).toBeCloseTo(0.9 * before + 0.1 * 1.5 * 0.05 ** 2, 15);
  });

  it('matches the candidate recursion the pre-window bench scored, and forecasts from earlier changes only', () => {
    const random = seededRandom(5);
    const x = Float64Array.from({ length: 500 }, () => (random() - 0.5) * 0.04);
    const r = asymmetricRecursion(0.9, 1.5);
    let v = 0;
    for (let i = 0; i < 30; i += 1) v += x[i]! ** 2;
    const state = r.seed(v / 30);
    const f = ewmaFilter(x);
    for (let t = 0; t < x.length; t += 1) {
      expect(f.sigma[t]).toBeCloseTo(r.sigma(state), 15);
      r.update(state, x[t]!);
    }
    expect(ewmaFilter(x.subarray(0, 400)).nextSigma).toBeCloseTo(f.sigma[400]!, 15);
    expect(prepareSeries(x).lossWeight).toBe(1.5);
  });
});

describe('GPD tail (a round-2 candidate, not served)', () => {
  it('recovers the quantile of an exponential tail', () => {
    const random = seededRandom(9);
    const losses = Float64Array.from({ length: 20_000 }, () => -Math.log(1 - random()));
    const { var: v, es } = gpdLossQuantiles(losses, 0.99);
    // Within 3% of the exact 99% quantile ln 100 and ES ln 100 + 1 (sampling error of ~2,000 tail points).
    expect(Math.abs(v / Math.log(100) - 1)).toBeLessThan(0.03);
    expect(Math.abs(es / (Math.log(100) + 1) - 1)).toBeLessThan(0.03);
  });
});
