import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/data/series.js';
import { backtest, summarizeRelative } from '../../src/forecast/backtest.js';
import {
  backtestCommandOptionsSchema,
  keyForecasters,
  runBacktestCommand,
} from '../../src/forecast/backtest-command.js';
import { createBaselineForecaster } from '../../src/forecast/baselines/index.js';
import { readSeriesCsv } from '../../src/forecast/csv-series-reader.js';
import type { ForecastInput, Forecaster } from '../../src/forecast/forecaster.js';
import { naiveScale, WQL_LEVELS } from '../../src/forecast/metrics.js';
import { normalQuantile } from '../../src/forecast/baselines/empirical-quantiles.js';

const SP500 = fileURLToPath(new URL('../../node_modules/vega-datasets/data/sp500.csv', import.meta.url));

const monthly = (values: number[]): Point[] =>
  values.map((value, i) => ({
    date: `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
    value,
  }));

/** -30, -29, ..., 49: a line that crosses zero, so every baseline works in levels. */
const line = monthly(Array.from({ length: 80 }, (_, t) => -30 + t));

function spy(inner: Forecaster, id = inner.id): Forecaster & { calls: ForecastInput[][] } {
  const calls: ForecastInput[][] = [];
  return {
    id,
    version: 'spy',
    calls,
    async forecast(inputs, opts) {
      calls.push(inputs.map((i) => ({ ...i, values: [...i.values] })));
      return inner.forecast(inputs, opts);
    },
  };
}

describe('rolling-origin backtest (synthetic, known answers)', () => {
  it('scores naive and drift on a straight line exactly as computed by hand', async () => {
    const r = await backtest(
      line,
      { naive: createBaselineForecaster('naive'), drift: createBaselineForecaster('drift') },
      { horizon: 3, origins: 10 },
    );
    expect(r.origins).toBe(10);
    expect(r.firstOrigin).toBe(line[68]!.date); // origins t = 68..77: the last 10 whose 3 steps are observed
    expect(r.lastOrigin).toBe(line[77]!.date);
    const naive = r.methods.naive!;
    // naive misses a +1/step line by 1, 2, 3 at every origin; the in-sample naive MAE (the scale) is 1
    expect(naive.mase).toBeCloseTo(2, 12);
    expect(naive.mae).toBeCloseTo(2, 12);
    expect(naive.mse).toBeCloseTo((1 + 4 + 9) / 3, 12);
    let smape = 0;
    for (let t = 68; t <= 77; t += 1)
      for (let h = 1; h <= 3; h += 1) smape += (200 * h) / (Math.abs(-30 + t - 1 + h) + Math.abs(-30 + t - 1));
    expect(naive.smape).toBeCloseTo(smape / 30, 10);
    // a never-missing history gives naive only its minimal band, which the line leaves at once
    expect(naive.coverage80).toBe(0);
    // drift extends the line exactly
    expect(r.methods.drift!.mase).toBeLessThan(1e-9);
    expect(r.methods.drift!.coverage80).toBe(1);
    // drift's band is then the minimal one, z_k * 0.002 * max|history| * sqrt(h) around the exact median
    let loss = 0;
    let sumAbs = 0;
    for (let t = 68; t <= 77; t += 1) {
      for (let h = 1; h <= 3; h += 1) {
        sumAbs += Math.abs(-30 + t - 1 + h);
        for (const k of WQL_LEVELS)
          loss += 2 * Math.min(k, 1 - k) * Math.abs(normalQuantile(k)) * 0.002 * Math.max(30, t - 31) * Math.sqrt(h);
      }
    }
    expect(r.methods.drift!.wql).toBeCloseTo(loss / sumAbs / WQL_LEVELS.length, 12);
    expect(r.relativeToNaive!.naive).toEqual({ mase: 1, smape: 1, wql: 1, mse: 1, mae: 1 });
    expect(r.relativeToNaive!.drift!.mase).toBeLessThan(1e-9);
    expect(r.fallbacks).toEqual({ naive: 0, drift: 0 });
  });

  it('calls each forecaster once with every origin, each seeing only the data before it', async () => {
    const f = spy(createBaselineForecaster('naive'));
    await backtest(line, { naive: f }, { horizon: 4, origins: 7 });
    expect(f.calls).toHaveLength(1);
    const inputs = f.calls[0]!;
    expect(inputs.map((i) => i.values.length)).toEqual([70, 71, 72, 73, 74, 75, 76]);
    for (const i of inputs) {
      expect(i.values).toEqual(line.slice(0, i.values.length).map((p) => p.value));
      expect(i.horizon).toBe(4);
    }
  });

  it('keeps only origins whose first forecast date is on or after `since`', async () => {
    const r = await backtest(
      line,
      { naive: createBaselineForecaster('naive') },
      { horizon: 2, origins: 1000, since: '2015-01-01' },
    );
    expect(r.firstOrigin).toBe('2015-01-28');
    expect(r.origins).toBe(80 - 2 - 60 + 1);
  });

  it('counts the origins where a method fell back', async () => {
    const r = await backtest(
      line.slice(0, 30),
      { 'seasonal-naive': createBaselineForecaster('seasonal-naive') },
      { horizon: 6, origins: 10 },
    );
    // origins t = 15..24 have fewer than 12 + 6 points up to t = 17
    expect(r.fallbacks['seasonal-naive']).toBe(3);
  });

  it('refuses a series too short for the horizon and bad options with typed errors', async () => {
    const naive = { naive: createBaselineForecaster('naive') };
    await expect(backtest(line.slice(0, 3), naive, { horizon: 6, origins: 5 })).rejects.toMatchObject({
      code: 'SERIES_TOO_SHORT',
    });
    await expect(backtest(line, naive, { horizon: 0 })).rejects.toMatchObject({ code: 'HORIZON_OUT_OF_RANGE' });
    await expect(backtest(line, naive, { horizon: 2, since: '2100-01-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(backtest(line, {}, { horizon: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('summarises several backtests by the geometric mean of ratios to naive', async () => {
    const methods = { naive: createBaselineForecaster('naive'), ets: createBaselineForecaster('ets') };
    const noisy = monthly(Array.from({ length: 120 }, (_, t) => 100 + 10 * Math.sin(t / 3) + t / 4));
    const a = await backtest(noisy, methods, { horizon: 3, origins: 30 });
    const b = await backtest(noisy, methods, { horizon: 6, origins: 30 });
    const s = summarizeRelative([a, b]);
    expect(s.naive).toMatchObject({ wql: 1, mase: 1, count: 2 });
    expect(s.ets!.wql).toBeCloseTo(
      Math.sqrt((a.methods.ets!.wql / a.methods.naive!.wql) * (b.methods.ets!.wql / b.methods.naive!.wql)),
      12,
    );
    expect(s.ets!.coverage80).toBeCloseTo((a.methods.ets!.coverage80 + b.methods.ets!.coverage80) / 2, 12);
  });
});

describe('backtest on the monthly S&P 500 of vega-datasets', () => {
  it('reads the file (dates like "Jan 1 2000") and scores naive exactly as an independent loop does', async () => {
    const { points } = await readSeriesCsv(SP500, { valueCol: 'price' });
    expect(points[0]).toEqual({ date: '2000-01-01', value: 1394.46 });
    const values = points.map((p) => p.value);
    const r = await backtest(points, { naive: createBaselineForecaster('naive') }, { horizon: 3, origins: 24 });
    let scaled = 0;
    let n = 0;
    for (let t = values.length - 3 - 23; t <= values.length - 3; t += 1) {
      const scale = naiveScale(values.slice(0, t));
      for (let h = 0; h < 3; h += 1) {
        scaled += Math.abs(values[t + h]! - values[t - 1]!) / scale;
        n += 1;
      }
    }
    expect(r.origins).toBe(24);
    expect(r.methods.naive!.n).toBe(72);
    expect(r.methods.naive!.mase).toBeCloseTo(scaled / n, 10);
    expect(r.methods.naive!.coverage80).toBeGreaterThan(0.4);
  });

  it('JSON output has exactly {horizon, origins, methods: {model, baselines...: {mase, smape, wql, coverage80}}}', async () => {
    const model = spy(createBaselineForecaster('drift'), 'patchtst-test');
    const lines: string[] = [];
    const report = await runBacktestCommand(
      {
        csv: SP500,
        valueCol: 'price',
        resample: 'M',
        horizon: 3,
        origins: 24,
        json: true,
        forecasters: [
          model,
          ...(['naive', 'seasonal-naive', 'drift', 'ets'] as const).map((n) => createBaselineForecaster(n)),
        ],
      },
      (l) => lines.push(l),
    );
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!) as {
      horizon: number;
      origins: number;
      methods: Record<string, Record<string, number>>;
    };
    expect(Object.keys(parsed)).toEqual(['horizon', 'origins', 'methods']);
    expect(parsed.horizon).toBe(3);
    expect(parsed.origins).toBe(24);
    expect(Object.keys(parsed.methods)).toEqual(['model', 'naive', 'seasonal-naive', 'drift', 'ets']);
    for (const [name, m] of Object.entries(parsed.methods)) {
      expect(Object.keys(m)).toEqual(['mase', 'smape', 'wql', 'coverage80']);
      for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
      expect(m.mase).toBe(report.methods[name]!.mase);
    }
    // the model is drift under another id: identical scores
    expect(parsed.methods.model).toEqual(parsed.methods.drift);
    expect(model.calls).toHaveLength(1);
    expect(report.points).toBe(123);
    expect(report.dateCol).toBe('date');
    expect(report.lastOrigin).toBe('2010-01-31'); // month ends after resampling
  });

  it('prints a table with every score and its ratio to naive', async () => {
    let text = '';
    await runBacktestCommand(
      {
        csv: SP500,
        valueCol: 'price',
        horizon: 6,
        origins: 12,
        forecasters: { naive: createBaselineForecaster('naive'), ets: createBaselineForecaster('ets') },
      },
      (l) => (text += l),
    );
    expect(text).toMatch(/horizon 6, 12 rolling origins/u);
    expect(text).toMatch(
      /method\s+MASE\s+sMAPE%\s+WQL\s+cov80\s+MASE\/naive\s+sMAPE\/naive\s+WQL\/naive\s+cov80-naive/u,
    );
    expect(text).toMatch(/\nnaive\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+1\.000\s+1\.000\s+1\.000\s+\+0\.000/u);
    expect(text).toMatch(/\nets\s/u);
  });

  it('validates its options and names forecasters without clashes', async () => {
    expect(backtestCommandOptionsSchema.safeParse({ csv: 'a.csv', valueCol: 'v', horizon: '6' }).success).toBe(true);
    await expect(
      runBacktestCommand({ csv: SP500, valueCol: 'price', horizon: 0, forecasters: [] }, () => {}),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      runBacktestCommand(
        { csv: SP500, valueCol: 'nope', horizon: 3, forecasters: [createBaselineForecaster('naive')] },
        () => {},
      ),
    ).rejects.toMatchObject({
      code: 'SERIES_INVALID',
    });
    await expect(
      runBacktestCommand(
        { csv: '/nonexistent.csv', valueCol: 'v', horizon: 3, forecasters: [createBaselineForecaster('naive')] },
        () => {},
      ),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(() => keyForecasters([createBaselineForecaster('naive'), createBaselineForecaster('naive')])).toThrow(
      /both be reported as "naive"/u,
    );
  });
});
