import { describe, expect, it } from 'vitest';
import { BASELINE_LEVELS, createBaselineForecaster } from '../../src/forecast/baselines/index.js';
import { normalQuantile } from '../../src/forecast/baselines/empirical-quantiles.js';
import { randomWalk } from '../fakes/random-walk.js';
import { backtest } from '../../src/forecast/backtest.js';
import { CALIBRATION_VERSION, createCalibratedForecaster } from '../../src/forecast/calibrated-forecaster.js';
import type { ForecastInput, ForecastOutput, Forecaster } from '../../src/forecast/forecaster.js';
import {
  calibrateForecast,
  DEFAULT_CALIBRATION,
  type CalibrationSettings,
} from '../../src/forecast/model-calibration.js';

const CONTEXT = 64;
const MIN_HISTORY = 16;
const MAX_H = 24;

/**
 * A stand-in for the ONNX model with the property the wrapper relies on (the answer depends only on the last
 * CONTEXT values): a lognormal band of width `sigma` per sqrt(step) around last · exp(drift · h).
 * Records every call so batching can be checked.
 */
function fakeModel(sigma: number, drift = 0): Forecaster & { calls: ForecastInput[][] } {
  const calls: ForecastInput[][] = [];
  return {
    id: 'fake-model',
    version: 'fake-1',
    calls,
    async forecast(inputs) {
      calls.push(inputs);
      return inputs.map((input): ForecastOutput => {
        if (input.values.length < MIN_HISTORY)
          return {
            method: 'drift',
            version: 'x',
            levels: [...BASELINE_LEVELS],
            quantiles: BASELINE_LEVELS.map(() => new Array<number>(input.horizon).fill(1)),
            fallbackReason: 'short',
          };
        const last = input.values[input.values.length - 1]!;
        return {
          method: 'fake-model',
          version: 'fake-1',
          levels: [...BASELINE_LEVELS],
          quantiles: BASELINE_LEVELS.map((p) =>
            Array.from(
              { length: input.horizon },
              (_, h) => last * Math.exp(drift * (h + 1) + normalQuantile(p) * sigma * Math.sqrt(h + 1)),
            ),
          ),
        };
      });
    },
  };
}

const wrap = (model: Forecaster, settings: CalibrationSettings = DEFAULT_CALIBRATION) =>
  createCalibratedForecaster({ model, contextLength: CONTEXT, minHistory: MIN_HISTORY, maxHorizon: MAX_H, settings });

const monotone = (o: ForecastOutput) => {
  for (let h = 0; h < o.quantiles[0]!.length; h += 1) {
    for (let q = 1; q < o.levels.length; q += 1)
      expect(o.quantiles[q]![h]!).toBeGreaterThanOrEqual(o.quantiles[q - 1]![h]!);
  }
};

describe('model calibration', () => {
  it('with all weight on a model whose median is the last value and the plain empirical band, it IS the naive baseline', async () => {
    const values = randomWalk(400, 3);
    const settings: CalibrationSettings = {
      ...DEFAULT_CALIBRATION,
      band: 'empirical',
      weights: { model: 1, ets: 0, naive: 0 },
    };
    const [cal] = await wrap(fakeModel(0.01), settings).forecast([{ values, horizon: 12 }]);
    const [naive] = await createBaselineForecaster('naive').forecast([{ values, horizon: 12 }]);
    expect(cal!.levels).toEqual(naive!.levels);
    cal!.quantiles.forEach((row, q) => row.forEach((v, h) => expect(v).toBeCloseTo(naive!.quantiles[q]![h]!, 9)));
  });

  it('widens a band that is far too narrow to about 80% coverage on simulated random walks', async () => {
    // The fake model's band is a third of the walk's volatility; its own 80% band covers about a third.
    const model = fakeModel(0.04 / 3);
    const served = wrap(model);
    let rawCov = 0;
    let calCov = 0;
    const seeds = [11, 12, 13, 14];
    for (const seed of seeds) {
      const points = randomWalk(420, seed).map((value, i) => ({
        date: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
        value,
      }));
      const r = await backtest(points, { raw: model, served }, { horizon: 6, origins: 120 });
      rawCov += r.methods.raw!.coverage80 / seeds.length;
      calCov += r.methods.served!.coverage80 / seeds.length;
    }
    expect(rawCov).toBeLessThan(0.45);
    expect(calCov).toBeGreaterThan(0.72);
    expect(calCov).toBeLessThan(0.88);
  });

  it('scales the band with the model width at the origin (model-scaled), not with the past alone', () => {
    const values = randomWalk(300, 5);
    const at =
      (k: number) =>
      (end: number): ForecastOutput => {
        const last = values[end - 1]!;
        const s = end === values.length ? 0.02 * k : 0.02;
        return {
          method: 'm',
          version: 'v',
          levels: [...BASELINE_LEVELS],
          quantiles: BASELINE_LEVELS.map((p) =>
            Array.from({ length: 6 }, (_, h) => last * Math.exp(normalQuantile(p) * s * Math.sqrt(h + 1))),
          ),
        };
      };
    const settings: CalibrationSettings = { ...DEFAULT_CALIBRATION, weights: { model: 1, ets: 0, naive: 0 } };
    const one = calibrateForecast(values, 6, BASELINE_LEVELS, at(1), settings)!;
    const two = calibrateForecast(values, 6, BASELINE_LEVELS, at(2), settings)!;
    const logWidth = (q: number[][], h: number) => Math.log(q[9]![h]!) - Math.log(q[1]![h]!);
    for (let h = 0; h < 6; h += 1) expect(logWidth(two, h) / logWidth(one, h)).toBeCloseTo(2, 9);
    // the median is the point forecast (model weight 1: the model's median, here the last value)
    for (let h = 0; h < 6; h += 1) expect(one[5]![h]!).toBeCloseTo(values[values.length - 1]!, 9);
  });

  it('combines the medians with the given weights in log space', () => {
    const values = randomWalk(300, 7);
    const at = (end: number): ForecastOutput => {
      const last = values[end - 1]!;
      return {
        method: 'm',
        version: 'v',
        levels: [...BASELINE_LEVELS],
        quantiles: BASELINE_LEVELS.map((p) =>
          Array.from({ length: 3 }, (_, h) => last * Math.exp(0.1 + normalQuantile(p) * 0.03 * Math.sqrt(h + 1))),
        ),
      };
    };
    const q = calibrateForecast(values, 3, BASELINE_LEVELS, at, {
      ...DEFAULT_CALIBRATION,
      weights: { model: 0.25, ets: 0, naive: 0.75 },
    })!;
    const last = values[values.length - 1]!;
    for (let h = 0; h < 3; h += 1) expect(q[5]![h]!).toBeCloseTo(last * Math.exp(0.25 * 0.1), 9);
    expect(() =>
      calibrateForecast(values, 3, BASELINE_LEVELS, at, {
        ...DEFAULT_CALIBRATION,
        weights: { model: 0.5, ets: 0, naive: 0.6 },
      }),
    ).toThrow(/sum to 1/u);
  });

  it('sends each distinct context to the model once, in one call, never more than the context length', async () => {
    const model = fakeModel(0.03);
    const values = randomWalk(500, 9);
    const served = wrap(model);
    const inputs = [0, 1, 2, 3].map((k) => ({ values: values.slice(0, 480 + k), horizon: 12 }));
    const outs = await served.forecast(inputs);
    expect(model.calls).toHaveLength(1);
    const window = DEFAULT_CALIBRATION.errorWindow;
    // origins 480-12-240+1 .. 483, each once
    expect(model.calls[0]!.length).toBe(483 - (480 - 12 - window + 1) + 1);
    expect(Math.max(...model.calls[0]!.map((i) => i.values.length))).toBe(CONTEXT);
    for (const o of outs) {
      expect(o.version).toBe(`fake-1+${CALIBRATION_VERSION}`);
      expect(o.quantiles[0]).toHaveLength(12);
      monotone(o);
    }
    expect(served.version).toBe(`fake-1+${CALIBRATION_VERSION}`);
  });

  it('serves the raw answer, unchanged, where the history is too short for past errors, and passes fallbacks through', async () => {
    const model = fakeModel(0.03);
    const served = wrap(model);
    const short = randomWalk(30, 2);
    const tiny = randomWalk(5, 2);
    const [a, b, c] = await served.forecast([
      { values: short, horizon: 6 },
      { values: tiny, horizon: 6 },
      { values: randomWalk(300, 4), horizon: 6 },
    ]);
    const [rawShort] = await model.forecast([{ values: short.slice(-CONTEXT), horizon: 6 }]);
    expect(a!.version).toBe('fake-1');
    expect(a!.quantiles).toEqual(rawShort!.quantiles);
    expect(b!.fallbackReason).toBe('short');
    expect(c!.version).toBe(`fake-1+${CALIBRATION_VERSION}`);
  });

  it('leaves out-of-range horizons to the model, which refuses them', async () => {
    const strict: Forecaster = {
      id: 'strict',
      version: 's',
      async forecast(inputs) {
        if (inputs.some((i) => i.horizon > MAX_H))
          throw Object.assign(new Error('out of range'), { code: 'HORIZON_OUT_OF_RANGE' });
        return fakeModel(0.03).forecast(inputs);
      },
    };
    await expect(wrap(strict).forecast([{ values: randomWalk(300, 1), horizon: 30 }])).rejects.toMatchObject({
      code: 'HORIZON_OUT_OF_RANGE',
    });
  });

  it('with a cache, asks the model only for contexts it has not seen: none for a repeat, one for a month more', async () => {
    const model = fakeModel(0.03);
    const served = createCalibratedForecaster({
      model,
      contextLength: CONTEXT,
      minHistory: MIN_HISTORY,
      maxHorizon: MAX_H,
      cacheEntries: 1000,
    });
    const values = randomWalk(400, 21);
    const [first] = await served.forecast([{ values: values.slice(0, 399), horizon: 6 }]);
    const sent = model.calls.flat().length;
    const [again] = await served.forecast([{ values: values.slice(0, 399), horizon: 6 }]);
    expect(model.calls.flat().length).toBe(sent);
    expect(again).toEqual(first);
    await served.forecast([{ values, horizon: 6 }]);
    expect(model.calls.flat().length).toBe(sent + 1);
    const [uncached] = await wrap(fakeModel(0.03)).forecast([{ values, horizon: 6 }]);
    const [cached] = await served.forecast([{ values, horizon: 6 }]);
    expect(cached).toEqual(uncached);
  });

  it('splits the contexts into model calls of at most maxBatch', async () => {
    const model = fakeModel(0.03);
    const served = createCalibratedForecaster({
      model,
      contextLength: CONTEXT,
      minHistory: MIN_HISTORY,
      maxHorizon: MAX_H,
      maxBatch: 100,
    });
    const [out] = await served.forecast([{ values: randomWalk(400, 22), horizon: 12 }]);
    const total = DEFAULT_CALIBRATION.errorWindow + 12;
    expect(model.calls.map((c) => c.length)).toEqual([100, 100, total - 200]);
    const [whole] = await wrap(fakeModel(0.03)).forecast([{ values: randomWalk(400, 22), horizon: 12 }]);
    expect(out).toEqual(whole);
  });
});
