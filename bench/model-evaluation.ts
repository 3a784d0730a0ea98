import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCsvSeries } from '../src/data/read-csv-series.js';
import { resampleMonthEnd } from '../src/data/resample.js';
import { backtest } from '../src/forecast/backtest.js';
import { createEvaluationMethods } from '../src/forecast/evaluation-methods.js';
import { geometricMean } from '../src/forecast/metrics.js';

/**
 * The MODEL_CARD table: the model against naive on real series, monthly, origins on or after the training
 * cutoff only. Needs the real data folder: npx tsx bench/model-evaluation.ts --data-dir ../shared/data
 */
const SERIES = [
  { name: 'KOSPI', file: 'kospi_ks11_daily_yfinance.csv', dateCol: 'Price', valueCol: 'Close' },
  { name: 'USD/KRW', file: 'fred_DEXKOUS_usdkrw_daily.csv', dateCol: 'observation_date', valueCol: 'DEXKOUS' },
  { name: 'Korea CPI', file: 'fred_KORCPIALLMINMEI_korea_cpi_monthly.csv', dateCol: 'DATE', valueCol: 'KORCPIALLMINMEI' },
  { name: 'US 10y', file: 'us10y_yield_monthly.csv', dateCol: 'Date', valueCol: 'Rate' },
  { name: 'Gold', file: 'gold_monthly.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'WTI', file: 'oil_wti_daily.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'Brent', file: 'oil_brent_daily.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'VIX', file: 'vix_daily.csv', dateCol: 'DATE', valueCol: 'CLOSE' },
];

export async function run(dataDir: string, since = '2016-01-01'): Promise<void> {
  const methods = createEvaluationMethods();
  const rows: string[] = [];
  const ratios = { wql: [] as number[], mase: [] as number[], cov: [] as number[] };
  const perMethodWql: Record<string, number[]> = {};
  for (const s of SERIES) {
    const { points } = readCsvSeries(await readFile(join(dataDir, s.file), 'utf8'), { dateCol: s.dateCol, valueCol: s.valueCol }, s.file);
    const monthly = resampleMonthEnd(points);
    for (const horizon of [3, 6, 12]) {
      const r = await backtest(monthly, methods, { horizon, origins: 10_000, since });
      const m = r.methods.model!;
      const n = r.methods.naive!;
      ratios.wql.push(m.wql / n.wql);
      ratios.mase.push(m.mase / n.mase);
      ratios.cov.push(m.coverage80);
      for (const [name, sc] of Object.entries(r.methods)) (perMethodWql[name] ??= []).push(sc.wql / n.wql);
      rows.push(
        `| ${s.name} | ${horizon} | ${r.origins} | ${(m.wql / n.wql).toFixed(3)} | ${(m.mase / n.mase).toFixed(3)} | ${m.coverage80.toFixed(3)} | ${n.coverage80.toFixed(3)} | ${((r.methods.drift!.wql) / n.wql).toFixed(3)} | ${((r.methods.ets!.wql) / n.wql).toFixed(3)} |`,
      );
    }
  }
  console.log(`Origins: every month-end origin whose first forecast month is on or after ${since} (the training cutoff).\n`);
  console.log('| series | h | origins | model WQL / naive | model MASE / naive | model cov80 | naive cov80 | drift WQL / naive | ets WQL / naive |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log(`| **geometric mean** | | | **${geometricMean(ratios.wql).toFixed(3)}** | **${geometricMean(ratios.mase).toFixed(3)}** | **${mean(ratios.cov).toFixed(3)}** (mean) | | ${geometricMean(perMethodWql.drift!).toFixed(3)} | ${geometricMean(perMethodWql.ets!).toFixed(3)} |`);
  await methods.model?.close?.();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--data-dir');
  const dir = i > 0 ? process.argv[i + 1] : undefined;
  if (!dir) {
    console.error('usage: npx tsx bench/model-evaluation.ts --data-dir ../shared/data');
    process.exit(2);
  }
  await run(dir);
}
