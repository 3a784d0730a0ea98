import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { levelIndex } from '../../src/forecast/forecaster.js';
import { analyseSeries, DEFAULT_SELECTION, SELECTION_LEVELS } from '../../src/forecast/selection/selection-core.js';
import {
  createSelectionForecaster,
  SELECTION_HISTORY_MONTHS,
  SELECTION_VERSION,
  useLogs,
} from '../../src/forecast/selection/selection-forecaster.js';
import { goldenInputs } from '../golden/selection-golden-cases.js';
import { randomWalk } from '../fakes/random-walk.js';

/** A positive, seasonal, trending monthly series with noise: every menu method has something to do. */
function series(n: number, seed = 3): number[] {
  const walk = randomWalk(n, seed);
  return walk.map((v, i) => Math.abs(v) + 50 + 0.05 * i + 2 * Math.sin((2 * Math.PI * i) / 12));
}

describe('selection forecaster', () => {
  it('never uses data after the origin: perturbing the future leaves every past forecast and band unchanged', () => {
    const y = Float64Array.from(series(420), Math.log);
    const cut = 380;
    const z = y.map((v, i) => (i >= cut ? v + 0.5 * Math.sin(i) : v));
    const a = analyseSeries(y, { H: 12, volScaling: true });
    const b = analyseSeries(z, { H: 12, volScaling: true });
    for (const t of [200, 300, cut]) {
      for (const k of [0, 5, 11]) expect(b.composite(t, k)).toBe(a.composite(t, k));
      expect(b.bandOffsets(t, 12)).toEqual(a.bandOffsets(t, 12));
      expect(b.path(t, 12)).toEqual(a.path(t, 12));
    }
    // ...and the future does change a later origin, so the comparison above is not vacuous.
    expect(b.composite(cut + 20, 0)).not.toBe(a.composite(cut + 20, 0));
  });

  it('serves at the end of a history exactly what the evaluation scores at that origin', async () => {
    const values = series(400);
    const y = Float64Array.from(values, Math.log);
    const full = analyseSeries(y, { H: 6 });
    const t = 350;
    const [out] = await createSelectionForecaster({ cacheEntries: 0, volScaledFamilies: new Set() }).forecast([
      { values: values.slice(0, t), horizon: 6 },
    ]);
    const median = out!.quantiles[levelIndex(out!.levels, 0.5)]!;
    expect(median[5]).toBeCloseTo(Math.exp(full.composite(t, 5)), 9);
    const band = full.bandOffsets(t, 6)[5]!;
    const p90 = SELECTION_LEVELS.indexOf(0.9);
    expect(out!.quantiles[p90]![5]).toBeCloseTo(Math.exp(full.composite(t, 5) + band[p90]!), 9);
  });

  it('the round-3 calibrations (not served) keep both properties: no future data, and served = evaluated at an origin', async () => {
    const values = series(700, 5);
    const y = Float64Array.from(values, Math.log);
    const t = 650;
    const p90 = SELECTION_LEVELS.indexOf(0.9);
    for (const calibrationMode of ['window-sides', 'aci', 'window+aci-sides'] as const) {
      const settings = { ...DEFAULT_SELECTION, calibrationMode, aciWindow: 120, aciRate: 0.2, calibrationCeiling: 2 };
      const full = analyseSeries(y, { H: 6, settings });
      const [out] = await createSelectionForecaster({
        cacheEntries: 0,
        volScaledFamilies: new Set(),
        settings,
      }).forecast([{ values: values.slice(0, t), horizon: 6 }]);
      expect(out!.quantiles[p90]![5]).toBeCloseTo(Math.exp(full.composite(t, 5) + full.bandOffsets(t, 6)[5]![p90]!), 9);
      const z = y.map((v, i) => (i >= t ? v + 0.5 * Math.sin(i) : v));
      expect(analyseSeries(z, { H: 6, settings }).bandOffsets(t, 6)).toEqual(full.bandOffsets(t, 6));
    }
  });

  it('needs no more than SELECTION_HISTORY_MONTHS of history: the engine cut changes nothing, at any horizon', async () => {
    const values = series(1200, 9);
    const f = createSelectionForecaster({ cacheEntries: 0 });
    for (const horizon of [1, 12, 24]) {
      const [all, cut] = await f.forecast([
        { values, horizon, family: 'equity' },
        { values: values.slice(-SELECTION_HISTORY_MONTHS), horizon, family: 'equity' },
      ]);
      expect(cut).toEqual(all);
    }
  });

  it('quantiles are monotone in the level and the band widens with the horizon', async () => {
    const f = createSelectionForecaster({ cacheEntries: 0 });
    const inputs = [1, 2, 3, 4].map((seed) => ({ values: series(360, seed), horizon: 24, family: 'equity' as const }));
    for (const out of await f.forecast(inputs)) {
      const lo = out.quantiles[levelIndex(out.levels, 0.1)]!;
      const hi = out.quantiles[levelIndex(out.levels, 0.9)]!;
      const mid = out.quantiles[levelIndex(out.levels, 0.5)]!;
      for (let h = 0; h < 24; h += 1) {
        for (let i = 1; i < out.levels.length; i += 1)
          expect(out.quantiles[i]![h]).toBeGreaterThanOrEqual(out.quantiles[i - 1]![h]!);
        if (h > 0) {
          // In the modelling space (logs) each side of the band is at least as wide as the step before.
          expect(Math.log(hi[h]! / mid[h]!)).toBeGreaterThanOrEqual(Math.log(hi[h - 1]! / mid[h - 1]!) - 1e-12);
          expect(Math.log(mid[h]! / lo[h]!)).toBeGreaterThanOrEqual(Math.log(mid[h - 1]! / lo[h - 1]!) - 1e-12);
        }
      }
    }
  });

  it('says which methods made the median and its out-of-sample track record at the horizon', async () => {
    const [out] = await createSelectionForecaster().forecast([{ values: series(300), horizon: 6 }]);
    expect(out!.method).toBe('selection');
    expect(out!.version).toBe(SELECTION_VERSION);
    expect(out!.provenance!.methods).toHaveLength(2);
    const tr = out!.provenance!.trackRecord!;
    expect(tr).toMatchObject({ horizon: 6, origins: 60 });
    expect(tr.wqlVsNaive).toBeGreaterThan(0);
    expect(tr.hitRate80).toBeGreaterThanOrEqual(0);
    expect(tr.hitRate80).toBeLessThanOrEqual(1);
  });

  it('models rates in levels: a series through zero and below gets a band, and a rate family never goes to logs', async () => {
    expect(useLogs([1, 2, 3], 'rate')).toBe(false);
    expect(useLogs([1, 2, 3], 'equity')).toBe(true);
    expect(useLogs([1, 0, 3], undefined)).toBe(false);
    const values = Array.from({ length: 200 }, (_, i) => 0.5 * Math.sin(i / 9) - 0.1);
    const [out] = await createSelectionForecaster().forecast([{ values, horizon: 3, family: 'rate' }]);
    expect(out!.quantiles.flat().every(Number.isFinite)).toBe(true);
    expect(Math.min(...out!.quantiles[0]!)).toBeLessThan(0);
  });

  it('a history that never moved still gets a band (a policy rate on hold)', async () => {
    const [out] = await createSelectionForecaster().forecast([
      { values: new Array<number>(300).fill(3.5), horizon: 6, family: 'rate' },
    ]);
    const lo = out!.quantiles[levelIndex(out!.levels, 0.1)]!;
    const hi = out!.quantiles[levelIndex(out!.levels, 0.9)]!;
    // 0.2% of the level per sqrt(month), at the 10% and 90% normal quantiles.
    expect(hi[0]! - 3.5).toBeCloseTo(1.2816 * 0.002 * 3.5, 4);
    expect(3.5 - lo[5]!).toBeCloseTo(1.2816 * 0.002 * 3.5 * Math.sqrt(6), 4);
  });

  it('hands too short a history to drift, and says so', async () => {
    const [out] = await createSelectionForecaster().forecast([{ values: [1, 2, 3, 4, 5], horizon: 3 }]);
    expect(out!.method).toBe('drift');
    expect(out!.fallbackReason).toMatch(/selection needs/);
  });

  it('a warm answer is the cached one, and a caller cannot alter the cache through it', async () => {
    const f = createSelectionForecaster();
    const input = { values: series(300), horizon: 6 };
    const [first] = await f.forecast([input]);
    const snapshot = structuredClone(first!);
    first!.quantiles[0]![0] = -1;
    first!.provenance!.methods.push('x');
    const [second] = await f.forecast([input]);
    expect(second).toEqual(snapshot);
  });

  it('recalibrates the band on its own recent record: after a calmer spell than its 240 errors, the band narrows, bounded', () => {
    // Twenty noisy years, then ten calm ones: the 240 past errors still remember the noise, the last 60 do not.
    const walk = randomWalk(360, 7);
    const y = Float64Array.from(walk, (v, i) => (i < 240 ? v : walk[239]! + 0.1 * (v - walk[239]!)));
    const off = analyseSeries(y, { H: 6, settings: { ...DEFAULT_SELECTION, calibrationWindow: 0 } });
    const on = analyseSeries(y, { H: 6 });
    const lo = SELECTION_LEVELS.indexOf(0.1);
    const hi = SELECTION_LEVELS.indexOf(0.9);
    const width = (a: typeof on, t: number) => a.bandOffsets(t, 6)[5]![hi]! - a.bandOffsets(t, 6)[5]![lo]!;
    const t = 360;
    const ratio = width(on, t) / width(off, t);
    expect(ratio).toBeLessThan(0.99);
    // Bounded below by the floor.
    expect(ratio).toBeGreaterThanOrEqual(DEFAULT_SELECTION.calibrationFloor - 1e-9);
    // The median is the same: calibration only scales the band.
    expect(on.composite(t, 5)).toBe(off.composite(t, 5));
  });

  it('serves the random walk median for a naive-median family (FX), with its own band', async () => {
    const values = series(300);
    const [fx] = await createSelectionForecaster({ cacheEntries: 0 }).forecast([{ values, horizon: 6, family: 'fx' }]);
    const median = fx!.quantiles[SELECTION_LEVELS.indexOf(0.5)]!;
    for (const v of median) expect(v).toBeCloseTo(values.at(-1)!, 9);
    expect(fx!.provenance?.methods).toEqual(['naive']);
    const [other] = await createSelectionForecaster({ cacheEntries: 0 }).forecast([
      { values, horizon: 6, family: 'volatility' },
    ]);
    expect(other!.quantiles[SELECTION_LEVELS.indexOf(0.5)]!.at(-1)).not.toBeCloseTo(values.at(-1)!, 6);
  });

  it('reproduces the golden answers on series shipped in vega-datasets', async () => {
    const golden = JSON.parse(await readFile(new URL('../golden/selection-golden.json', import.meta.url), 'utf8')) as {
      version: string;
      cases: {
        name: string;
        output: { quantiles: number[][]; provenance: { methods: string[]; trackRecord: Record<string, number> } };
      }[];
    };
    expect(golden.version).toBe(SELECTION_VERSION);
    const cases = await goldenInputs();
    const outputs = await createSelectionForecaster({ cacheEntries: 0 }).forecast(cases.map((c) => c.input));
    golden.cases.forEach((g, i) => {
      expect(cases[i]!.name).toBe(g.name);
      const out = outputs[i]!;
      expect(out.provenance!.methods).toEqual(g.output.provenance.methods);
      g.output.quantiles.forEach((row, l) => row.forEach((v, h) => expect(out.quantiles[l]![h]).toBeCloseTo(v, 6)));
      for (const [k, v] of Object.entries(g.output.provenance.trackRecord))
        expect((out.provenance!.trackRecord as unknown as Record<string, number>)[k]).toBeCloseTo(v, 9);
    });
    // The seasonal CO2 record is where structure pays: the selection uses the seasonal method and beats naive.
    expect(outputs[1]!.provenance!.methods).toContain('seasonal-trend');
    expect(outputs[1]!.provenance!.trackRecord!.wqlVsNaive).toBeLessThan(0.8);
  });
});
