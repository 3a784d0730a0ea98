import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/forecast/backtest.js';
import { createBaselineForecaster } from '../../src/forecast/baselines/index.js';
import { evaluateExchange, splitBorders } from '../../src/forecast/exchange-benchmark.js';
import { geometricMean, naiveScale, pinball, score, WQL_LEVELS } from '../../src/forecast/metrics.js';

describe('metrics', () => {
  it('pinball loss is asymmetric by level', () => {
    expect(pinball(10, 8, 0.9)).toBeCloseTo(1.8);
    expect(pinball(8, 10, 0.9)).toBeCloseTo(0.2);
    expect(pinball(10, 10, 0.5)).toBe(0);
  });

  it('scores a hand-computed example', () => {
    // one forecast, two steps; all quantiles equal the median except the 10% and 90% ones
    const quantiles = WQL_LEVELS.map((l) => (l === 0.1 ? [9, 18] : l === 0.9 ? [11, 22] : [10, 20]));
    const s = score([{ actual: [12, 20], median: [10, 20], quantiles, scale: 2 }]);
    expect(s.mase).toBeCloseTo((2 / 2 + 0 / 2) / 2);
    expect(s.smape).toBeCloseTo((200 * 2) / 22 / 2);
    expect(s.coverage80).toBe(0.5);
    expect(s.mse).toBeCloseTo(2);
    expect(s.mae).toBeCloseTo(1);
    // WQL: per level sum of 2*pinball / sum|y| (32), averaged over the 9 levels
    let expected = 0;
    for (const [i, level] of WQL_LEVELS.entries())
      expected += (2 * (pinball(12, quantiles[i]![0]!, level) + pinball(20, quantiles[i]![1]!, level))) / 32;
    expect(s.wql).toBeCloseTo(expected / 9);
  });

  it('naive scale and geometric mean', () => {
    expect(naiveScale([1, 3, 2, 2])).toBeCloseTo(1);
    expect(geometricMean([1, 4])).toBeCloseTo(2);
  });
});

describe('rolling-origin backtest', () => {
  const line = Array.from({ length: 80 }, (_, i) => ({
    date: `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
    value: 100 + i,
  }));

  it('uses only data before each origin and the last N origins', async () => {
    const r = await backtest(
      line,
      { naive: createBaselineForecaster('naive'), drift: createBaselineForecaster('drift') },
      { horizon: 3, origins: 10 },
    );
    expect(r.origins).toBe(10);
    expect(r.lastOrigin).toBe(line[77]!.date);
    // naive (the last value) misses a +1/step line by 1, 2, 3; drift is nearly exact
    expect(r.methods.drift!.mase).toBeLessThan(r.methods.naive!.mase);
    expect(r.methods.naive!.mase).toBeGreaterThan(1);
  });

  it('can keep every origin after a date (out-of-training evaluation)', async () => {
    const r = await backtest(
      line,
      { naive: createBaselineForecaster('naive') },
      { horizon: 2, origins: 1000, since: '2015-01-01' },
    );
    expect(r.firstOrigin >= '2015-01-01').toBe(true);
    expect(r.origins).toBe(80 - 2 - 60 + 1);
  });

  it('refuses a series too short for the horizon', async () => {
    await expect(
      backtest(line.slice(0, 3), { naive: createBaselineForecaster('naive') }, { horizon: 6, origins: 5 }),
    ).rejects.toMatchObject({ code: 'SERIES_TOO_SHORT' });
  });
});

describe('Exchange protocol', () => {
  it('uses the TSLib borders', () => {
    expect(splitBorders(7588)).toEqual({ train: [0, 5311], val: [5215, 6071], test: [5975, 7588] });
  });

  it('scores Repeat over every test window exactly as computed by hand', async () => {
    // 2 columns, 400 rows; test = last 80 rows + 96 lookback
    const rows = Array.from({ length: 400 }, (_, t) => `d${t},${Math.sin(t / 7) + t / 50},${t % 11}`);
    const csv = `date,a,b\n${rows.join('\n')}\n`;
    const scores = await evaluateExchange(csv, undefined, [4]);
    const raw = rows.map((r) => r.split(',').slice(1).map(Number));
    const b = splitBorders(400);
    let se = 0;
    let count = 0;
    let windows = 0;
    for (let c = 0; c < 2; c += 1) {
      const train = raw.slice(0, b.train[1]).map((r) => r[c]!);
      const mean = train.reduce((s, v) => s + v, 0) / train.length;
      const std = Math.sqrt(train.reduce((s, v) => s + (v - mean) ** 2, 0) / train.length);
      const z = (t: number) => (raw[t]![c]! - mean) / std;
      for (let t = b.test[0]; t + 96 + 4 <= 400; t += 1) {
        windows += 1;
        for (let h = 0; h < 4; h += 1) {
          se += (z(t + 95) - z(t + 96 + h)) ** 2;
          count += 1;
        }
      }
    }
    expect(scores.horizons['4']!.windows).toBe(windows);
    expect(scores.horizons['4']!.repeat.mse).toBeCloseTo(se / count, 10);
  });

  it('passes every window to the model and scores its output', async () => {
    const rows = Array.from({ length: 300 }, (_, t) => `d${t},${t}`);
    const calls: number[] = [];
    const scores = await evaluateExchange(
      `date,a\n${rows.join('\n')}\n`,
      {
        async predict(inputs) {
          calls.push(inputs.length);
          // a perfect forecaster for a straight line in z units
          return inputs.map((x) => Float32Array.from({ length: 8 }, (_, h) => x[95]! + (x[95]! - x[94]!) * (h + 1)));
        },
      },
      [8],
    );
    expect(calls).toEqual([scores.horizons['8']!.windows]);
    expect(scores.horizons['8']!.model!.mse).toBeLessThan(1e-6);
    expect(scores.horizons['8']!.repeat.mse).toBeGreaterThan(0);
  });
});
