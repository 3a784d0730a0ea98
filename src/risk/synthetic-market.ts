import type { Point } from '../data/series.js';
import type { JointInput } from './joint-model.js';
import { seededRandom } from './random.js';

/**
 * Correlated synthetic prices for benches and tests that must run without the real data folder: one market factor
 * plus noise, with a turbulent stretch so volatility filtering has something to do.
 */
export function syntheticMarket(holdings: number, days: number, seed = 11): JointInput[] {
  const random = seededRandom(seed);
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const prices = Array.from({ length: holdings }, () => 100);
  const series: Point[][] = Array.from({ length: holdings }, () => []);
  const start = Date.UTC(2012, 0, 2);
  for (let t = 0; t < days; t += 1) {
    const date = new Date(start + t * 86_400_000).toISOString().slice(0, 10);
    const vol = t % 600 > 450 ? 0.025 : 0.01;
    const factor = normal();
    for (let i = 0; i < holdings; i += 1) {
      const beta = 0.4 + (0.6 * i) / Math.max(1, holdings - 1);
      prices[i] = prices[i]! * Math.exp(vol * (beta * factor + 0.8 * normal()));
      series[i]!.push({ date, value: prices[i]! });
    }
  }
  return series.map((points, i) => ({ id: `h${i + 1}`, kind: 'log' as const, points }));
}
