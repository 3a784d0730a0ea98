import { describe, expect, it } from 'vitest';
import { analyseSeries, DEFAULT_SELECTION, SELECTION_LEVELS } from '../../src/forecast/selection/selection-core.js';
import { createSelectionForecaster } from '../../src/forecast/selection/selection-forecaster.js';
import { volatilityScale } from '../../src/forecast/selection/vol-scale.js';
import { randomWalk } from '../fakes/random-walk.js';

/** A positive series that trends upwards: a random-walk median misses it on one side. */
function trending(n: number, seed: number): number[] {
  return randomWalk(n, seed).map((v, i) => Math.abs(v) + 50 + 0.2 * i);
}

describe('selection forecaster, round 4 options (not served)', () => {
  it('the horizon volatility scale is the EWMA at one step and tends to the long-run change at long horizons', () => {
    const y = Float64Array.from(trending(400, 2), Math.log);
    const ewma = volatilityScale(y, 0.9, 0);
    const horizon = volatilityScale(y, 0.9, 0.9);
    let v = Number.NaN;
    for (let t = 2; t <= 300; t += 1) {
      const d = y[t - 1]! - y[t - 2]!;
      v = Number.isNaN(v) ? d * d : 0.9 * v + 0.1 * d * d;
    }
    expect(ewma(300, 11)).toBeCloseTo(Math.sqrt(v), 12);
    expect(horizon(300, 0)).toBeCloseTo(ewma(300, 0), 12);
    let sq = 0;
    for (let i = 60; i < 300; i += 1) sq += (y[i]! - y[i - 1]!) ** 2;
    const longRun = Math.sqrt(sq / 240);
    const far = volatilityScale(y, 0.9, 0.5)(300, 200);
    expect(Math.abs(far - longRun)).toBeLessThan(Math.abs(ewma(300, 0) - longRun) * 0.05 + 1e-12);
  });

  it('an uncentred band moves the median by the composite own median error, and its spread still widens', () => {
    // 1% a month up, with a wiggle: the random walk's 12-step errors have a median near +12%.
    const y = Float64Array.from({ length: 500 }, (_, i) => 0.01 * i + 0.02 * Math.sin(1.7 * i));
    const t = 480;
    const mid = SELECTION_LEVELS.indexOf(0.5);
    const centred = analyseSeries(y, { H: 12, naiveMedian: true });
    const shifted = analyseSeries(y, { H: 12, naiveMedian: true, uncentred: true });
    const band = shifted.bandOffsets(t, 12);
    // The random walk under an upward drift: its past errors' median is positive, so the served median is above it.
    expect(band[11]![mid]!).toBeGreaterThan(0.1);
    expect(centred.bandOffsets(t, 12)[11]![mid]).toBe(0);
    for (let k = 1; k < 12; k += 1) {
      const spread = (row: number[], i: number) => Math.abs(row[i]! - row[mid]!);
      expect(spread(band[k]!, 0)).toBeGreaterThanOrEqual(spread(band[k - 1]!, 0) - 1e-12);
      expect(spread(band[k]!, SELECTION_LEVELS.length - 1)).toBeGreaterThanOrEqual(
        spread(band[k - 1]!, SELECTION_LEVELS.length - 1) - 1e-12,
      );
    }
  });

  it('both keep the leakage and served-equals-evaluated properties', async () => {
    const values = trending(700, 5);
    const y = Float64Array.from(values, Math.log);
    const t = 650;
    const p90 = SELECTION_LEVELS.indexOf(0.9);
    const settings = { ...DEFAULT_SELECTION, volHorizonRho: 0.9 };
    const opts = { H: 6, settings, volScaling: true, uncentred: true };
    const full = analyseSeries(y, opts);
    const [out] = await createSelectionForecaster({
      cacheEntries: 0,
      settings,
      volScaledFamilies: new Set(['equity']),
      naiveMedianFamilies: new Set(),
      uncentredFamilies: new Set(['equity']),
    }).forecast([{ values: values.slice(0, t), horizon: 6, family: 'equity' }]);
    expect(out!.quantiles[p90]![5]).toBeCloseTo(Math.exp(full.composite(t, 5) + full.bandOffsets(t, 6)[5]![p90]!), 9);
    const z = y.map((v, i) => (i >= t ? v + 0.5 * Math.sin(i) : v));
    expect(analyseSeries(z, opts).bandOffsets(t, 6)).toEqual(full.bandOffsets(t, 6));
  });
});
