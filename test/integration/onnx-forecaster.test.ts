import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBaselineForecaster } from '../../src/forecast/baselines/index.js';
import type { ForecastInput } from '../../src/forecast/forecaster.js';
import { postprocess, preprocess } from '../../src/forecast/model-preprocessing.js';
import { CALIBRATION_VERSION } from '../../src/forecast/calibrated-forecaster.js';
import { calibrateForecast, DEFAULT_CALIBRATION } from '../../src/forecast/model-calibration.js';
import { createModelForecaster } from '../../src/forecast/model-forecaster.js';
import { createOnnxForecaster, readModelMetadata } from '../../src/forecast/onnx-forecaster.js';
import { getSession } from '../../src/forecast/onnx-session.js';

const modelPath = 'models/forecaster.onnx';
const metadataPath = 'models/metadata.json';
const meta = readModelMetadata(metadataPath);

interface GoldenCase {
  name: string;
  values: number[];
  z: number[];
  last: number;
  scale: number;
  useLog: boolean;
  raw: number[][];
  quantiles: number[][];
}
const golden = JSON.parse(readFileSync('test/golden/forecaster-golden.json', 'utf8')) as {
  metadataVersion: string;
  cases: GoldenCase[];
};

const close = (a: number, b: number, tol = 1e-4) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('ONNX forecaster against the training script golden files', () => {
  it('golden files belong to the committed model', () => {
    expect(golden.metadataVersion).toBe(meta.version);
    expect(golden.cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const c of golden.cases) {
    it(`preprocessing and output match training: ${c.name}`, async () => {
      const p = preprocess(c.values, meta);
      expect(p.useLog).toBe(c.useLog);
      expect(close(p.last, c.last)).toBe(true);
      expect(close(p.scale, c.scale)).toBe(true);
      p.z.forEach((v, i) => expect(close(v, c.z[i]!), `z[${i}]`).toBe(true));

      const forecaster = createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
      const [out] = await forecaster.forecast([{ values: c.values, horizon: meta.horizon }]);
      expect(out!.method).toBe(meta.modelId);
      expect(out!.fallbackReason).toBeUndefined();
      out!.quantiles.forEach((row, q) =>
        row.forEach((v, h) =>
          expect(close(v, c.quantiles[q]![h]!), `q${q} h${h}: ${v} vs ${c.quantiles[q]![h]}`).toBe(true),
        ),
      );

      // postprocess on the golden raw output alone reproduces the golden quantiles too
      const flat = c.raw.flat();
      const again = postprocess(
        flat,
        0,
        { z: p.z, last: c.last, scale: c.scale, useLog: c.useLog },
        meta,
        meta.horizon,
      );
      again.forEach((row, q) => row.forEach((v, h) => expect(close(v, c.quantiles[q]![h]!)).toBe(true)));
    });
  }

  it('a batch gives the same numbers as single calls, in order', async () => {
    const forecaster = createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    const inputs: ForecastInput[] = golden.cases.map((c, i) => ({ values: c.values, horizon: 3 + i }));
    const batch = await forecaster.forecast(inputs);
    for (const [i, input] of inputs.entries()) {
      const [single] = await forecaster.forecast([input]);
      expect(batch[i]!.quantiles).toEqual(single!.quantiles);
      expect(batch[i]!.quantiles[0]).toHaveLength(input.horizon);
    }
  });

  it('keeps quantiles monotone and includes the 10/50/90 levels', async () => {
    const forecaster = createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    const values = Array.from({ length: 100 }, (_, i) => 50 + 10 * Math.sin(i / 3) + i * 0.2);
    const [out] = await forecaster.forecast([{ values, horizon: 24 }]);
    for (const p of [0.1, 0.5, 0.9]) expect(out!.levels).toContain(p);
    for (let h = 0; h < 24; h += 1) {
      for (let q = 1; q < out!.levels.length; q += 1)
        expect(out!.quantiles[q]![h]!).toBeGreaterThanOrEqual(out!.quantiles[q - 1]![h]!);
    }
  });

  it('falls back to the baseline, and says why, for short histories and non-finite values', async () => {
    const forecaster = createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    const [short, nan, fine] = await forecaster.forecast([
      { values: [100, 101, 103, 102, 104], horizon: 6 },
      { values: [...Array.from({ length: 40 }, (_, i) => 100 + i), Number.NaN, 141], horizon: 6 },
      { values: Array.from({ length: 40 }, (_, i) => 100 + i), horizon: 6 },
    ]);
    expect(short!.method).toBe('drift');
    expect(short!.fallbackReason).toMatch(/5 months; the model needs at least/u);
    expect(nan!.method).toBe('drift');
    expect(nan!.fallbackReason).toMatch(/non-finite value at position 41/u);
    expect(fine!.method).toBe(meta.modelId);
  });

  it('creates the session once and reuses it', async () => {
    const a = await getSession(modelPath);
    const b = await getSession(modelPath);
    expect(a).toBe(b);
  });

  it('refuses horizons the model was not trained for', async () => {
    const forecaster = createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    await expect(
      forecaster.forecast([{ values: golden.cases[0]!.values, horizon: meta.horizon + 1 }]),
    ).rejects.toMatchObject({ code: 'HORIZON_OUT_OF_RANGE' });
  });

  it('serves the raw model calibrated on the series own past: the same numbers as calibrateForecast over raw ONNX answers', async () => {
    // The monthly S&P 500 of vega-datasets (2000-2010, 123 months).
    const text = readFileSync('node_modules/vega-datasets/data/sp500.csv', 'utf8');
    const values = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]));
    expect(values).toHaveLength(123);
    const raw = createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    const served = createModelForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    const H = 6;
    const [out] = await served.forecast([{ values, horizon: H }]);
    expect(out!.method).toBe(meta.modelId);
    expect(out!.version).toBe(`${meta.version}+${CALIBRATION_VERSION}`);
    expect(served.version).toBe(out!.version);
    const ends = Array.from({ length: values.length - meta.minHistory + 1 }, (_, k) => meta.minHistory + k);
    const answers = await raw.forecast(ends.map((end) => ({ values: values.slice(0, end), horizon: meta.horizon })));
    const expected = calibrateForecast(
      values,
      H,
      out!.levels,
      (end) => (end >= meta.minHistory ? answers[end - meta.minHistory] : undefined),
      DEFAULT_CALIBRATION,
    )!;
    out!.quantiles.forEach((row, q) =>
      row.forEach((v, h) => expect(close(v, expected[q]![h]!), `q${q} h${h}`).toBe(true)),
    );
    const [rawOut] = await raw.forecast([{ values, horizon: H }]);
    expect(out!.quantiles).not.toEqual(rawOut!.quantiles);
    for (let h = 0; h < H; h += 1) {
      for (let q = 1; q < out!.levels.length; q += 1)
        expect(out!.quantiles[q]![h]!).toBeGreaterThanOrEqual(out!.quantiles[q - 1]![h]!);
    }
  });

  it('the served model hands short histories and bad horizons to the raw model, fallbacks and errors included', async () => {
    const served = createModelForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') });
    const [short] = await served.forecast([{ values: [100, 101, 103, 102, 104], horizon: 6 }]);
    expect(short!.method).toBe('drift');
    expect(short!.fallbackReason).toMatch(/the model needs at least/u);
    await expect(
      served.forecast([{ values: golden.cases[0]!.values, horizon: meta.horizon + 1 }]),
    ).rejects.toMatchObject({ code: 'HORIZON_OUT_OF_RANGE' });
  });
});
