import { describe, expect, it } from 'vitest';
import { createBaselineForecaster, BASELINE_NAMES } from '../../src/forecast/baselines/index.js';
import { normalQuantile } from '../../src/forecast/baselines/empirical-quantiles.js';

function randomWalk(n: number, seed: number, sigma = 0.04, start = 100): number[] {
  let s = seed;
  const rand = () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
  const out = [start];
  for (let i = 1; i < n; i += 1) {
    const z = normalQuantile(Math.min(Math.max(rand(), 1e-9), 1 - 1e-9));
    out.push(out[i - 1]! * Math.exp(sigma * z));
  }
  return out;
}

describe('baselines', () => {
  it('every baseline gives monotone quantiles with the 10/50/90 levels for each step', async () => {
    const values = randomWalk(150, 1);
    for (const name of BASELINE_NAMES) {
      const [out] = await createBaselineForecaster(name).forecast([{ values, horizon: 12, seasonPeriod: 12 }]);
      expect(out!.method).toBe(name);
      for (const p of [0.1, 0.5, 0.9]) expect(out!.levels).toContain(p);
      for (let h = 0; h < 12; h += 1) {
        for (let q = 1; q < out!.levels.length; q += 1) expect(out!.quantiles[q]![h]!).toBeGreaterThanOrEqual(out!.quantiles[q - 1]![h]!);
      }
    }
  });

  it('naive centres on the last value and drift follows a straight line', async () => {
    const line = Array.from({ length: 60 }, (_, i) => 10 + 2 * i);
    const [naive] = await createBaselineForecaster('naive').forecast([{ values: line, horizon: 3 }]);
    const [drift] = await createBaselineForecaster('drift').forecast([{ values: line, horizon: 3 }]);
    const median = (o: typeof naive) => o!.quantiles[o!.levels.indexOf(0.5)]!;
    // positive series are modelled in logs; on an exact line the drift errors are tiny but the median stays near it
    expect(Math.abs(median(naive)[0]! - 128)).toBeLessThan(12);
    expect(median(drift)[2]!).toBeGreaterThan(128);
  });

  it('widens the band with the horizon', async () => {
    const [out] = await createBaselineForecaster('drift').forecast([{ values: randomWalk(200, 5), horizon: 24 }]);
    const width = (h: number) => out!.quantiles[out!.levels.indexOf(0.9)]![h]! - out!.quantiles[out!.levels.indexOf(0.1)]![h]!;
    expect(width(23)).toBeGreaterThan(width(0) * 2);
  });

  it('covers about 80% of outcomes on simulated random walks (honest intervals)', async () => {
    let inside = 0;
    let total = 0;
    const forecaster = createBaselineForecaster('naive');
    for (let seed = 1; seed <= 60; seed += 1) {
      const path = randomWalk(160, seed * 7919);
      const [out] = await forecaster.forecast([{ values: path.slice(0, 148), horizon: 12 }]);
      for (let h = 0; h < 12; h += 1) {
        const y = path[148 + h]!;
        if (y >= out!.quantiles[1]![h]! && y <= out!.quantiles[9]![h]!) inside += 1;
        total += 1;
      }
    }
    expect(inside / total).toBeGreaterThan(0.68);
    expect(inside / total).toBeLessThan(0.92);
  });

  it('handles two points, a constant series and negative values without NaN', async () => {
    const f = createBaselineForecaster('drift');
    const outs = await f.forecast([
      { values: [3.5, 3.25], horizon: 6 },
      { values: new Array(30).fill(2.5), horizon: 6 },
      { values: [0.5, 0.1, -0.2, -0.5, -0.1, 0, 0.25, 0.5, 0.75, 1, 0.9, 1.1, 1.2], horizon: 6 },
    ]);
    for (const o of outs) for (const row of o.quantiles) for (const v of row) expect(Number.isFinite(v)).toBe(true);
    const constant = outs[1]!;
    expect(constant.quantiles[10]![5]! - constant.quantiles[0]![5]!).toBeGreaterThan(0);
  });

  it('refuses a one-point history with SERIES_TOO_SHORT', async () => {
    await expect(createBaselineForecaster('drift').forecast([{ values: [1], horizon: 1 }])).rejects.toMatchObject({ code: 'SERIES_TOO_SHORT' });
  });
});
