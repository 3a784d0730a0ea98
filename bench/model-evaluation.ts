import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Point } from '../src/data/series.js';
import { readCsvSeries } from '../src/data/read-csv-series.js';
import { resampleMonthEnd } from '../src/data/resample.js';
import { createBaselineForecaster } from '../src/forecast/baselines/index.js';
import { backtest } from '../src/forecast/backtest.js';
import { createCalibratedForecaster } from '../src/forecast/calibrated-forecaster.js';
import { createEvaluationMethods } from '../src/forecast/evaluation-methods.js';
import type { ForecastOutput, Forecaster } from '../src/forecast/forecaster.js';
import { geometricMean } from '../src/forecast/metrics.js';
import { DEFAULT_CALIBRATION, type CalibrationSettings } from '../src/forecast/model-calibration.js';
import { createOnnxForecaster, readModelMetadata } from '../src/forecast/onnx-forecaster.js';

/**
 * The MODEL_CARD table: the served (calibrated) model, the raw model and the baselines against naive on real
 * series, monthly, origins on or after the training cutoff only. Needs the real data folder:
 *   npx tsx bench/model-evaluation.ts --data-dir ../shared/data
 * With --select, the calibration grid on origins 2000–2015 of the same series, each cut before 2016-01-01 so
 * no evaluation data is read at all: the settings in src/forecast/model-calibration.ts were chosen from it.
 */
const SERIES = [
  { name: 'KOSPI', file: 'kospi_ks11_daily_yfinance.csv', dateCol: 'Price', valueCol: 'Close' },
  { name: 'USD/KRW', file: 'fred_DEXKOUS_usdkrw_daily.csv', dateCol: 'observation_date', valueCol: 'DEXKOUS' },
  {
    name: 'Korea CPI',
    file: 'fred_KORCPIALLMINMEI_korea_cpi_monthly.csv',
    dateCol: 'DATE',
    valueCol: 'KORCPIALLMINMEI',
  },
  { name: 'US 10y', file: 'us10y_yield_monthly.csv', dateCol: 'Date', valueCol: 'Rate' },
  { name: 'Gold', file: 'gold_monthly.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'WTI', file: 'oil_wti_daily.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'Brent', file: 'oil_brent_daily.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'VIX', file: 'vix_daily.csv', dateCol: 'DATE', valueCol: 'CLOSE' },
];
const HORIZONS = [3, 6, 12];
const CUTOFF = '2016-01-01';

async function loadMonthly(dataDir: string): Promise<{ name: string; monthly: Point[] }[]> {
  const out: { name: string; monthly: Point[] }[] = [];
  for (const s of SERIES) {
    const { points } = readCsvSeries(
      await readFile(join(dataDir, s.file), 'utf8'),
      { dateCol: s.dateCol, valueCol: s.valueCol },
      s.file,
    );
    out.push({ name: s.name, monthly: resampleMonthEnd(points) });
  }
  return out;
}

export async function run(dataDir: string, since = CUTOFF): Promise<void> {
  const methods = createEvaluationMethods();
  const rows: string[] = [];
  const ratios = { wql: [] as number[], mase: [] as number[], cov: [] as number[] };
  const perMethodWql: Record<string, number[]> = {};
  const perMethodMase: Record<string, number[]> = {};
  const perMethodCov: Record<string, number[]> = {};
  for (const { name, monthly } of await loadMonthly(dataDir)) {
    for (const horizon of HORIZONS) {
      const r = await backtest(monthly, methods, { horizon, origins: 10_000, since });
      const m = r.methods.model!;
      const raw = r.methods['model-raw']!;
      const n = r.methods.naive!;
      ratios.wql.push(m.wql / n.wql);
      ratios.mase.push(m.mase / n.mase);
      ratios.cov.push(m.coverage80);
      for (const [method, sc] of Object.entries(r.methods)) {
        (perMethodWql[method] ??= []).push(sc.wql / n.wql);
        (perMethodMase[method] ??= []).push(sc.mase / n.mase);
        (perMethodCov[method] ??= []).push(sc.coverage80);
      }
      rows.push(
        `| ${name} | ${horizon} | ${r.origins} | ${(m.wql / n.wql).toFixed(3)} | ${(m.mase / n.mase).toFixed(3)} | ${m.coverage80.toFixed(3)} | ${(raw.wql / n.wql).toFixed(3)} | ${(raw.mase / n.mase).toFixed(3)} | ${raw.coverage80.toFixed(3)} | ${n.coverage80.toFixed(3)} | ${(r.methods.drift!.wql / n.wql).toFixed(3)} | ${(r.methods.ets!.wql / n.wql).toFixed(3)} |`,
      );
      if (r.fallbacks.model) console.error(`${name} h${horizon}: the model fell back at ${r.fallbacks.model} origins`);
    }
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const g = (v: Record<string, number[]>, k: string) => geometricMean(v[k]!).toFixed(3);
  console.log(
    `Origins: every month-end origin whose first forecast month is on or after ${since} (the training cutoff).\n`,
  );
  console.log(
    '| series | h | origins | model WQL / naive | model MASE / naive | model cov80 | raw WQL / naive | raw MASE / naive | raw cov80 | naive cov80 | drift WQL / naive | ets WQL / naive |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(
    `| **geometric mean** | | | **${geometricMean(ratios.wql).toFixed(3)}** | **${geometricMean(ratios.mase).toFixed(3)}** | **${mean(ratios.cov).toFixed(3)}** (mean) | ${g(perMethodWql, 'model-raw')} | ${g(perMethodMase, 'model-raw')} | ${mean(perMethodCov['model-raw']!).toFixed(3)} | ${mean(perMethodCov.naive!).toFixed(3)} | ${g(perMethodWql, 'drift')} | ${g(perMethodWql, 'ets')} |`,
  );
  await methods.model?.close?.();
}

/** The raw model, remembering each context's answer: the grid asks for the same contexts many times. */
function memoize(model: Forecaster): Forecaster {
  const cache = new Map<string, ForecastOutput>();
  return {
    id: model.id,
    version: model.version,
    async forecast(inputs, opts) {
      const key = (i: (typeof inputs)[number]) => `${i.horizon}|${i.values.join(',')}`;
      const missing = inputs.filter((i) => !cache.has(key(i)));
      const fresh = missing.length > 0 ? await model.forecast(missing, opts) : [];
      missing.forEach((i, k) => cache.set(key(i), fresh[k]!));
      return inputs.map((i) => cache.get(key(i))!);
    },
  };
}

/** Calibration grid on pre-2016 origins only (see the file comment). */
export async function select(dataDir: string, from = '2000-01-01'): Promise<void> {
  const meta = readModelMetadata('models/metadata.json');
  const raw = memoize(
    createOnnxForecaster({
      modelPath: 'models/forecaster.onnx',
      metadataPath: 'models/metadata.json',
      fallback: createBaselineForecaster('drift'),
    }),
  );
  const grid: Record<string, CalibrationSettings> = {};
  for (const band of ['model-scaled', 'empirical'] as const) {
    for (const model of [0, 0.25, 0.5, 0.75, 1]) {
      for (const ets of [0, 0.25, 0.5]) {
        if (model + ets > 1 + 1e-9) continue;
        const naive = Math.round((1 - model - ets) * 100) / 100;
        grid[`${band} m${model} e${ets} n${naive}`] = { ...DEFAULT_CALIBRATION, band, weights: { model, ets, naive } };
      }
    }
  }
  const methods: Record<string, Forecaster> = { naive: createBaselineForecaster('naive'), raw };
  for (const [name, settings] of Object.entries(grid)) {
    methods[name] = createCalibratedForecaster({
      model: raw,
      contextLength: meta.contextLength,
      minHistory: meta.minHistory,
      maxHorizon: meta.horizon,
      settings,
    });
  }
  const wql: Record<string, number[]> = {};
  const mase: Record<string, number[]> = {};
  const cov: Record<string, number[]> = {};
  for (const { name, monthly } of await loadMonthly(dataDir)) {
    const before = monthly.filter((p) => p.date < CUTOFF);
    for (const horizon of HORIZONS) {
      const r = await backtest(before, methods, { horizon, origins: 10_000, since: from });
      const n = r.methods.naive!;
      for (const [m, s] of Object.entries(r.methods)) {
        (wql[m] ??= []).push(s.wql / n.wql);
        (mase[m] ??= []).push(s.mase / n.mase);
        (cov[m] ??= []).push(s.coverage80);
      }
      console.error(`${name} h${horizon}: ${r.origins} origins ${r.firstOrigin}..${r.lastOrigin}`);
    }
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log(
    `Calibration grid: origins from ${from}, every target before ${CUTOFF}; ${SERIES.length} series x h ${HORIZONS.join('/')}\n`,
  );
  console.log('| settings | WQL / naive | MASE / naive | cov80 | min cov80 | max cov80 |');
  console.log('|---|---|---|---|---|---|');
  const names = Object.keys(methods).sort((a, b) => geometricMean(wql[a]!) - geometricMean(wql[b]!));
  for (const m of names) {
    console.log(
      `| ${m} | ${geometricMean(wql[m]!).toFixed(3)} | ${geometricMean(mase[m]!).toFixed(3)} | ${mean(cov[m]!).toFixed(3)} | ${Math.min(...cov[m]!).toFixed(3)} | ${Math.max(...cov[m]!).toFixed(3)} |`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--data-dir');
  const dir = i > 0 ? process.argv[i + 1] : undefined;
  if (!dir) {
    console.error('usage: npx tsx bench/model-evaluation.ts --data-dir ../shared/data [--select]');
    process.exit(2);
  }
  if (process.argv.includes('--select')) await select(dir);
  else await run(dir);
}
