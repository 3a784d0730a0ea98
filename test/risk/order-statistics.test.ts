import { describe, expect, it } from 'vitest';
import { orderStatistics } from '../../src/risk/order-statistics.js';
import { seededRandom } from '../../src/risk/random.js';

describe('orderStatistics (the fan chart’s percentiles without a full sort)', () => {
  it('gives exactly what a sorted copy holds at each rank, with ties and in any rank order', () => {
    const random = seededRandom(3);
    for (const n of [1, 2, 7, 1000, 10_000]) {
      // Rounded values so ties occur, as they do among simulated paths that drew the same blocks.
      const values = Float64Array.from({ length: n }, () => Math.round((random() - 0.5) * 200) / 100);
      const sorted = values.slice().sort();
      const ranks = [0.95, 0.05, 0.5, 0.25, 0.75].map((q) => Math.min(n - 1, Math.floor(q * n)));
      expect(orderStatistics(values.slice(), ranks)).toEqual(ranks.map((k) => sorted[k]));
    }
  });
});
