import { describe, expect, it } from 'vitest';
import { gaussian } from '../fakes/random-walk.js';
import {
  ar1,
  correctedPhi,
  dampedHolt,
  naive,
  seasonalTrend,
  shrunkDrift,
  theta,
} from '../../src/forecast/selection/menu.js';

const run = (method: typeof naive, y: number[], H: number, end = y.length) => {
  const out = new Float64Array(H);
  method(Float64Array.from(y), end, H, out);
  return [...out];
};

describe('selection menu', () => {
  it('naive carries the last value', () => {
    expect(run(naive, [1, 2, 5], 3)).toEqual([5, 5, 5]);
  });

  it('reads nothing after the origin', () => {
    const y = Array.from({ length: 300 }, (_, i) => Math.sin(i / 7) + i / 50);
    const cut = 260;
    const changed = y.map((v, i) => (i >= cut ? v * 10 + 3 : v));
    for (const m of [naive, theta, dampedHolt, ar1(120), ar1(240), seasonalTrend, shrunkDrift]) {
      expect(run(m, changed, 12, cut)).toEqual(run(m, y, 12, cut));
    }
  });

  it('theta on a straight line: SES picks alpha 1, the forecast adds half the slope per step', () => {
    const y = Array.from({ length: 60 }, (_, i) => 10 + 2 * i);
    const last = y[59]!;
    const f = run(theta, y, 4);
    f.forEach((v, k) => expect(v).toBeCloseTo(last + 0.5 * 2 * (k + 1), 9));
  });

  it('damped Holt follows a straight line with a damped trend', () => {
    const y = Array.from({ length: 60 }, (_, i) => 5 + 0.5 * i);
    const f = run(dampedHolt, y, 3);
    // Any grid point with alpha 1 and beta > 0 tracks the line exactly; the trend is then 0.5 damped by phi.
    expect(f[0]).toBeGreaterThan(y[59]!);
    expect(f[0]).toBeLessThanOrEqual(y[59]! + 0.5 + 1e-9);
    expect(f[2]! - f[1]!).toBeLessThanOrEqual(f[1]! - f[0]! + 1e-12);
  });

  it("Kendall's correction adds (1 + 3 phi) / T and is capped at 0.995", () => {
    expect(correctedPhi(0.5, 100)).toBeCloseTo(0.5 + 2.5 / 100, 12);
    expect(correctedPhi(0.99, 50)).toBe(0.995);
  });

  it('AR(1) on a known process recovers phi and reverts towards its mean', () => {
    const phi = 0.8;
    const mu = 3;
    const z = gaussian(7);
    const e = Array.from({ length: 2400 }, () => z());
    const y = [mu];
    for (let t = 1; t < 2400; t += 1) y.push(mu + phi * (y[t - 1]! - mu) + 0.1 * e[t]!);
    // The AR(1) forecast from a point d above the mean is mu + phi^k d: check the ratio of successive deviations.
    const f = run(ar1(240), y, 3);
    const implied = (f[1]! - f[2]!) / (f[0]! - f[1]!);
    expect(implied).toBeGreaterThan(0.7);
    expect(implied).toBeLessThan(0.9);
    // A trending walk has an OLS slope near 1: the corrected phi is capped, so deviations shrink by exactly 0.995.
    const walk = Array.from({ length: 240 }, (_, i) => i + 0.5 * e[i]!);
    const g = run(ar1(240), walk, 3);
    expect((g[1]! - g[2]!) / (g[0]! - g[1]!)).toBeCloseTo(0.995, 9);
  });

  it('seasonal factors plus trend reproduce a trend-plus-seasonal series exactly', () => {
    const pattern = [0.3, -0.1, 0.2, -0.4, 0.1, 0, 0.05, -0.05, 0.2, -0.2, 0.1, -0.2]; // monthly changes' seasonal part, sums to 0
    const slope = 0.02;
    const y = [100];
    for (let i = 1; i < 180; i += 1) y.push(y[i - 1]! + slope + pattern[i % 12]!);
    const f = run(seasonalTrend, y, 24);
    let level = y[179]!;
    f.forEach((v, k) => {
      level += slope + pattern[(180 + k) % 12]!;
      expect(v).toBeCloseTo(level, 9);
    });
  });

  it('drift over 120 months, shrunk by half', () => {
    const y = Array.from({ length: 200 }, (_, i) => 3 * i);
    expect(run(shrunkDrift, y, 2)).toEqual([597 + 1.5, 597 + 3]);
  });
});
