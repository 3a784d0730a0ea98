import { describe, expect, it } from 'vitest';
import {
  BASELINE_LEVELS,
  BASELINE_NAMES,
  createBaselineForecaster,
  type BaselineName,
} from '../../src/forecast/baselines/index.js';
import { gaussian, randomWalk } from '../fakes/random-walk.js';
import type { ForecastOutput } from '../../src/forecast/forecaster.js';

const row = (o: ForecastOutput, p: number) => o.quantiles[o.levels.indexOf(p)]!;
const one = async (name: BaselineName, values: number[], horizon: number, seasonPeriod?: number) =>
  (await createBaselineForecaster(name).forecast([{ values, horizon, ...(seasonPeriod ? { seasonPeriod } : {}) }]))[0]!;

describe('baselines', () => {
  it('every baseline gives the 11 levels with monotone quantiles at every step', async () => {
    const values = randomWalk(150, 1);
    for (const name of BASELINE_NAMES) {
      const out = await one(name, values, 12, 12);
      expect(out.method).toBe(name);
      expect(out.levels).toEqual([...BASELINE_LEVELS]);
      expect(out.quantiles).toHaveLength(11);
      for (let h = 0; h < 12; h += 1) {
        for (let q = 1; q < out.levels.length; q += 1)
          expect(out.quantiles[q]![h]!).toBeGreaterThanOrEqual(out.quantiles[q - 1]![h]!);
      }
    }
  });

  it('naive: the median is the last value at every step', async () => {
    const values = randomWalk(80, 3);
    const out = await one('naive', values, 6);
    for (const m of row(out, 0.5)) expect(m).toBeCloseTo(values[79]!, 9);
  });

  it('drift: the slope of a linear series crossing zero (levels), the growth rate of an exponential one (logs)', async () => {
    const line = Array.from({ length: 40 }, (_, i) => -30 + 2 * i); // last = 48
    const lin = await one('drift', line, 3);
    expect(row(lin, 0.5)).toEqual([50, 52, 54].map((v) => expect.closeTo(v, 9)));
    const growth = Array.from({ length: 40 }, (_, i) => 100 * 1.01 ** i);
    const exp = await one('drift', growth, 3);
    row(exp, 0.5).forEach((m, h) => expect(m).toBeCloseTo(100 * 1.01 ** (40 + h), 6));
  });

  it('ets on a constant series forecasts the constant with a narrow but non-zero band', async () => {
    const out = await one('ets', new Array<number>(60).fill(2.5), 6);
    for (const m of row(out, 0.5)) expect(m).toBeCloseTo(2.5, 9);
    const width = row(out, 0.9)[5]! - row(out, 0.1)[5]!;
    expect(width).toBeGreaterThan(0);
    expect(width).toBeLessThan(0.1);
  });

  it('ets follows a damped trend on a noisy upward line', async () => {
    const z = gaussian(11);
    const values = Array.from({ length: 120 }, (_, i) => 50 + 0.5 * i + 0.2 * z());
    const out = await one('ets', values, 6);
    const med = row(out, 0.5);
    expect(med[5]!).toBeGreaterThan(values[119]!);
    expect(med[5]!).toBeLessThan(values[119]! + 6 * 0.5 + 1);
  });

  it('seasonal naive repeats last year, and says when it falls back to naive', async () => {
    const values = Array.from({ length: 48 }, (_, i) => 10 + (i % 12) + 0.01 * i);
    const out = await one('seasonal-naive', values, 14, 12);
    expect(out.method).toBe('seasonal-naive');
    row(out, 0.5).forEach((m, h) => expect(m).toBeCloseTo(values[36 + (h % 12)]!, 9));
    const short = await one('seasonal-naive', values.slice(0, 20), 12, 12);
    expect(short.method).toBe('naive');
    expect(short.fallbackReason).toMatch(/period \+ horizon = 24 points, got 20/u);
    for (const m of row(short, 0.5)) expect(m).toBeCloseTo(values[19]!, 9);
  });

  it('widens the band with the horizon', async () => {
    const out = await one('drift', randomWalk(200, 5), 24);
    const width = (h: number) => row(out, 0.9)[h]! - row(out, 0.1)[h]!;
    expect(width(23)).toBeGreaterThan(width(0) * 2);
  });

  it('covers about 80% of outcomes on simulated random walks (fixed seeds): honest intervals for every baseline', async () => {
    for (const name of ['naive', 'drift', 'ets'] as const) {
      const forecaster = createBaselineForecaster(name);
      let inside = 0;
      let total = 0;
      const inputs = Array.from({ length: 80 }, (_, k) => randomWalk(172, 1000 + k * 7919));
      const outs = await forecaster.forecast(inputs.map((path) => ({ values: path.slice(0, 160), horizon: 12 })));
      outs.forEach((out, k) => {
        for (let h = 0; h < 12; h += 1) {
          const y = inputs[k]![160 + h]!;
          if (y >= row(out, 0.1)[h]! && y <= row(out, 0.9)[h]!) inside += 1;
          total += 1;
        }
      });
      expect(inside / total, name).toBeGreaterThan(0.7);
      expect(inside / total, name).toBeLessThan(0.9);
    }
  });

  it('learns its band from recent errors only (errorWindow)', async () => {
    // quiet for 400 steps, then volatile for 100: a 60-origin window sees only the volatile regime
    const z = gaussian(21);
    const values = [100];
    for (let i = 1; i < 500; i += 1) values.push(values[i - 1]! * Math.exp((i < 400 ? 0.002 : 0.05) * z()));
    const width = (o: ForecastOutput) => Math.log(row(o, 0.9)[0]! / row(o, 0.1)[0]!);
    const [all] = await createBaselineForecaster('naive', { errorWindow: 10_000 }).forecast([{ values, horizon: 1 }]);
    const [recent] = await createBaselineForecaster('naive', { errorWindow: 60 }).forecast([{ values, horizon: 1 }]);
    expect(width(recent!)).toBeGreaterThan(2 * 1.2816 * 0.05 * 0.7);
    expect(width(all!)).toBeLessThan(width(recent!) / 3);
  });

  it('every baseline handles two points, a constant series and negative values without NaN', async () => {
    const inputs = [
      { values: [3.5, 3.25], horizon: 6 },
      { values: new Array<number>(30).fill(2.5), horizon: 6 },
      { values: new Array<number>(30).fill(0), horizon: 6 },
      { values: [0.5, 0.1, -0.2, -0.5, -0.1, 0, 0.25, 0.5, 0.75, 1, 0.9, 1.1, 1.2], horizon: 6 },
    ];
    for (const name of BASELINE_NAMES) {
      const outs = await createBaselineForecaster(name).forecast(inputs);
      for (const o of outs) for (const r of o.quantiles) for (const v of r) expect(Number.isFinite(v), name).toBe(true);
      for (const o of outs) expect(o.quantiles[10]![5]! - o.quantiles[0]![5]!, name).toBeGreaterThan(0);
    }
    const [two] = await createBaselineForecaster('drift').forecast([inputs[0]!]);
    expect(two!.method).toBe('drift');
    expect(row(two!, 0.5)[0]!).toBeLessThan(3.25); // the two points fall, so does drift
  });

  it('refuses a one-point history, non-finite values and a bad horizon with typed errors', async () => {
    const f = createBaselineForecaster('drift');
    await expect(f.forecast([{ values: [1], horizon: 1 }])).rejects.toMatchObject({ code: 'SERIES_TOO_SHORT' });
    await expect(f.forecast([{ values: [1, Number.NaN, 2], horizon: 1 }])).rejects.toMatchObject({
      code: 'SERIES_INVALID',
    });
    await expect(f.forecast([{ values: [1, 2, 3], horizon: 0 }])).rejects.toMatchObject({
      code: 'HORIZON_OUT_OF_RANGE',
    });
    expect(() => createBaselineForecaster('arima' as never)).toThrow(/Unknown baseline/u);
  });

  it('answers a batch in order, one output per input', async () => {
    const inputs = [randomWalk(50, 1), randomWalk(70, 2), randomWalk(90, 3)].map((values) => ({ values, horizon: 2 }));
    const outs = await createBaselineForecaster('naive').forecast(inputs);
    outs.forEach((o, i) => expect(row(o, 0.5)[0]!).toBeCloseTo(inputs[i]!.values.at(-1)!, 9));
  });
});
