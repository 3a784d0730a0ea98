import { describe, expect, it } from 'vitest';
import {
  coverage,
  geometricMean,
  mae,
  mase,
  mse,
  naiveScale,
  pinball,
  score,
  smape,
  wql,
  WQL_LEVELS,
} from '../../src/forecast/metrics.js';

describe('metrics (hand-computed)', () => {
  it('pinball loss is asymmetric by level', () => {
    expect(pinball(10, 8, 0.9)).toBeCloseTo(1.8, 12); // under-forecast: 0.9 * 2
    expect(pinball(8, 10, 0.9)).toBeCloseTo(0.2, 12); // over-forecast: 0.1 * 2
    expect(pinball(10, 10, 0.5)).toBe(0);
  });

  it('naive scale: plain and seasonal', () => {
    // |3-1| + |2-3| + |2-2| = 3 over 3 pairs
    expect(naiveScale([1, 3, 2, 2])).toBeCloseTo(1, 12);
    // period 2: |2-1| + |2-3| = 2 over 2 pairs
    expect(naiveScale([1, 3, 2, 2], 2)).toBeCloseTo(1, 12);
    expect(naiveScale([5])).toBe(0);
  });

  it('MASE, with one scale or one per point', () => {
    // errors 2, 0, 1 -> mean 1; scale 2 -> 0.5
    expect(mase([12, 20, 9], [10, 20, 10], 2)).toBeCloseTo(0.5, 12);
    // 2/1 + 0/4 + 1/0.5 = 4, / 3
    expect(mase([12, 20, 9], [10, 20, 10], [1, 4, 0.5])).toBeCloseTo(4 / 3, 12);
  });

  it('sMAPE in percent, 0 for a pair of zeros', () => {
    // 200*2/22 = 18.1818..., 0, 200*1/19 = 10.526...; a (0,0) pair adds 0
    expect(smape([12, 20, 9, 0], [10, 20, 10, 0])).toBeCloseTo(((200 * 2) / 22 + 0 + 200 / 19 + 0) / 4, 10);
  });

  it('MSE and MAE', () => {
    expect(mse([1, 2, 3], [2, 2, 5])).toBeCloseTo((1 + 0 + 4) / 3, 12);
    expect(mae([1, 2, 3], [2, 2, 5])).toBeCloseTo((1 + 0 + 2) / 3, 12);
  });

  it('WQL: 2 * pinball summed over points / sum |y|, averaged over levels', () => {
    // two levels, two points, sum|y| = 10 + 20 = 30
    // level 0.1, quantiles [8, 25]: pinball 0.1*2 = 0.2 and 0.9*5 = 4.5 -> 2*4.7/30
    // level 0.9, quantiles [11, 18]: pinball 0.1*1 = 0.1 and 0.9*2 = 1.8 -> 2*1.9/30
    const v = wql(
      [10, 20],
      [
        [8, 25],
        [11, 18],
      ],
      [0.1, 0.9],
    );
    expect(v).toBeCloseTo((9.4 / 30 + 3.8 / 30) / 2, 12);
    // a perfect forecast at every level scores 0
    expect(
      wql(
        [10, 20],
        WQL_LEVELS.map(() => [10, 20]),
      ),
    ).toBe(0);
    // with negative outcomes the denominator is still sum |y|
    expect(wql([-10], [[-12]], [0.5])).toBeCloseTo((2 * 0.5 * 2) / 10, 12);
  });

  it('coverage counts the bounds as inside', () => {
    expect(coverage([1, 5, 9, 10], [1, 2, 2, 2], [3, 4, 9, 9])).toBeCloseTo(0.5, 12);
  });

  it('rejects mismatched or empty inputs', () => {
    expect(() => mse([1, 2], [1])).toThrow(/2 actual values but 1/u);
    expect(() => mae([], [])).toThrow(/nothing to score/u);
    expect(() => wql([1], [[1]], [0.1, 0.9])).toThrow(/1 quantile rows for 2 levels/u);
  });

  it('score pools forecasts and steps (same as the pure functions on the flattened pairs)', () => {
    const quantiles = WQL_LEVELS.map((l) => (l === 0.1 ? [9, 18] : l === 0.9 ? [11, 22] : [10, 20]));
    const s = score([
      { actual: [12, 20], median: [10, 20], quantiles, scale: 2 },
      { actual: [5], median: [4], quantiles: WQL_LEVELS.map(() => [4]), scale: 1 },
    ]);
    expect(s.n).toBe(3);
    expect(s.mase).toBeCloseTo((2 / 2 + 0 / 2 + 1 / 1) / 3, 12);
    expect(s.smape).toBeCloseTo(((200 * 2) / 22 + 0 + 200 / 9) / 3, 10);
    expect(s.mse).toBeCloseTo((4 + 0 + 1) / 3, 12);
    expect(s.mae).toBeCloseTo(1, 12);
    expect(s.coverage80).toBeCloseTo(1 / 3, 12); // only 20 lies in [18, 22]
    let expected = 0;
    for (const [i, level] of WQL_LEVELS.entries()) {
      expected +=
        (2 * (pinball(12, quantiles[i]![0]!, level) + pinball(20, quantiles[i]![1]!, level) + pinball(5, 4, level))) /
        37;
    }
    expect(s.wql).toBeCloseTo(expected / 9, 12);
  });

  it('geometric mean of ratios ignores non-positive and non-finite values', () => {
    expect(geometricMean([1, 4])).toBeCloseTo(2, 12);
    expect(geometricMean([0.5, 2])).toBeCloseTo(1, 12);
    expect(geometricMean([2, 8, 0, Number.NaN])).toBeCloseTo(4, 12);
    expect(geometricMean([])).toBeNaN();
  });
});
