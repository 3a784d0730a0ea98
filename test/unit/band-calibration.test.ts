import { describe, expect, it } from 'vitest';
import {
  calibrationFactors,
  type CalibrationRecord,
  type CalibrationSettings,
} from '../../src/forecast/selection/band-calibration.js';

const base: CalibrationSettings = {
  calibrationMode: 'window',
  calibrationWindow: 100,
  calibrationWeight: 1,
  aciRate: 0.1,
  calibrationFloor: 0.25,
  calibrationCeiling: 4,
};

/** A band of ±1 at every origin whose errors are deterministic multiples of `spread`, skewed upwards by `skew`. */
function record(spread: number, skew = 0): CalibrationRecord {
  // Evenly spread errors in [-spread, spread] (a shuffled grid, so no origin order hides in the window).
  const errors = Array.from({ length: 400 }, (_, i) => ((((i * 37) % 400) / 399) * 2 - 1) * spread + skew);
  return { first: 0, error: (o) => errors[o]!, side: () => [-1, 1] };
}

const coverageWith = (rec: CalibrationRecord, [l, u]: [number, number], from: number, to: number) => {
  let inside = 0;
  for (let o = from; o <= to; o += 1) if (rec.error(o, 0) >= -l && rec.error(o, 0) <= u) inside += 1;
  return inside / (to - from + 1);
};

describe('band calibration from the composite own record', () => {
  it('window mode: the factor that would have covered 80% of the known outcomes', () => {
    const rec = record(2);
    const f = calibrationFactors(rec, base, 201, 0);
    expect(f[0]).toBe(f[1]);
    expect(f[0]).toBeCloseTo(1.6, 1);
    expect(coverageWith(rec, f, 101, 200)).toBeCloseTo(0.8, 1);
  });

  it('uses only outcomes known at the origin: step k at origin t stops at origin t - 1 - k', () => {
    const rec = record(2);
    const seen: number[] = [];
    const spy: CalibrationRecord = { ...rec, error: (o, k) => (seen.push(o + k), rec.error(o, k)) };
    for (const mode of ['window', 'window-sides', 'aci', 'aci-sides'] as const)
      calibrationFactors(spy, { ...base, calibrationMode: mode }, 250, 5);
    expect(Math.max(...seen)).toBeLessThan(250);
  });

  it('per side: a skewed record widens the side it misses on and narrows the other', () => {
    const rec = record(1, 0.5);
    const [l, u] = calibrationFactors(rec, { ...base, calibrationMode: 'window-sides' }, 201, 0);
    expect(u).toBeGreaterThan(1.2);
    expect(l).toBeLessThan(0.6);
  });

  it('adaptive: replayed over the window, the misses come back to about the target rate', () => {
    const rec = record(3);
    const [l, u] = calibrationFactors(
      rec,
      { ...base, calibrationMode: 'aci', calibrationWindow: 300, aciRate: 0.05 },
      301,
      0,
    );
    expect(l).toBe(u);
    expect(coverageWith(rec, [l, u], 201, 300)).toBeGreaterThan(0.7);
    expect(coverageWith(rec, [l, u], 201, 300)).toBeLessThan(0.9);
    const sides = calibrationFactors(
      rec,
      { ...base, calibrationMode: 'aci-sides', calibrationWindow: 300, aciRate: 0.05 },
      301,
      0,
    );
    expect(coverageWith(rec, sides, 201, 300)).toBeGreaterThan(0.7);
  });

  it('off, or too short a record: factor 1; bounds hold', () => {
    const rec = record(100);
    expect(calibrationFactors(rec, { ...base, calibrationWindow: 0 }, 201, 0)).toEqual([1, 1]);
    expect(calibrationFactors(rec, base, 5, 0)).toEqual([1, 1]);
    expect(calibrationFactors(rec, base, 201, 0)).toEqual([4, 4]);
    const [, aci] = calibrationFactors(rec, { ...base, calibrationMode: 'aci' }, 201, 0);
    expect(aci).toBeLessThanOrEqual(4);
    expect(aci).toBeGreaterThan(3.5);
  });

  it('served window x adaptive: with a zero rate it is the window factor; the adaptive part judges the band as served', () => {
    const rec = record(2);
    const both = { ...base, calibrationWeight: 0.5, aciWindow: 200, calibrationWindow: 60 };
    const win = calibrationFactors(rec, { ...both, calibrationMode: 'window' }, 301, 0);
    expect(calibrationFactors(rec, { ...both, calibrationMode: 'window+aci', aciRate: 0 }, 301, 0)).toEqual(win);
    // The window factor already covers about 80%: the adaptive part adds little on top.
    const [l, u] = calibrationFactors(rec, { ...both, calibrationMode: 'window+aci', aciRate: 0.05 }, 301, 0);
    expect(l).toBe(u);
    expect(Math.abs(Math.log(l / win[0]))).toBeLessThan(0.25);
  });
});
