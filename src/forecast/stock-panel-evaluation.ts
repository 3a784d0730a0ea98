import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsvSeries } from '../data/read-csv-series.js';
import { resampleMonthEnd } from '../data/resample.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { RiskXpertError } from '../errors.js';
import type { SeriesStore } from '../store/series-store.js';
import {
  bootstrapGeoMean,
  evaluateSeries,
  geoMean,
  type EvalCell,
  type EvalSeries,
} from './selection/panel-evaluation.js';

/** The file names `riskxpert` reads stock prices from (RISKXPERT_DATA_DIR): stock-<6-digit code>.csv, `date,value`. */
const STOCK_FILE = /^stock-(\d{6})\.csv$/u;

/** Every stock-XXXXXX.csv of a folder as a monthly equity series (month-end closes), in code order. */
export async function readStockFolder(dir: string): Promise<EvalSeries[]> {
  const files = (await readdir(dir)).filter((f) => STOCK_FILE.test(f)).sort();
  if (files.length === 0) throw new RiskXpertError('SERIES_NOT_FOUND', `No stock-XXXXXX.csv files in ${dir}.`);
  return Promise.all(
    files.map(async (file) => {
      const { points } = readCsvSeries(
        await readFile(join(dir, file), 'utf8'),
        { dateCol: 'date', valueCol: 'value' },
        file,
      );
      return {
        name: `stock:${STOCK_FILE.exec(file)![1]!}`,
        family: 'equity' as const,
        monthly: resampleMonthEnd(points.filter((p) => p.value > 0)),
      };
    }),
  );
}

/** Every stock the ETL loaded into the series store (`stock:<code>` ids), as monthly equity series. */
export async function readStockStore(store: Pick<SeriesStore, 'status' | 'read'>): Promise<EvalSeries[]> {
  const ids = (await store.status())
    .filter((s) => stockCodeOf(s.indicatorId) && s.points > 0)
    .map((s) => s.indicatorId)
    .sort();
  if (ids.length === 0)
    throw new RiskXpertError(
      'SERIES_NOT_FOUND',
      'No stock prices in the store: the worker loads a stock when it is asked about (or `riskxpert data import --indicator stock:<code>`).',
    );
  const out: EvalSeries[] = [];
  for (const id of ids) {
    const stored = await store.read(id);
    if (stored)
      out.push({ name: id, family: 'equity', monthly: resampleMonthEnd(stored.points.filter((p) => p.value > 0)) });
  }
  return out;
}

export interface StockPanelResult {
  cells: EvalCell[];
  /** Series with no scored origin (too short a history before `from`), named so the table does not hide them. */
  skipped: string[];
  /** Geometric mean over stocks and horizons of WQL / naive, and its 90% year-block bootstrap interval. */
  geoMean: number;
  interval: [number, number];
  coverage: { min: number; max: number; mean: number };
}

/**
 * The served forecaster on a panel of stocks, with the protocol of the forecaster's own evaluation (FORECASTING.md):
 * at each month-end origin from `from`, the equities-family forecast is scored at the h-step target against the
 * random walk whose band comes from its own past errors (WQL ratio), and the 80% band's hit rate is counted.
 * Nothing is tuned here: the settings are the served ones.
 */
export function evaluateStockPanel(
  series: readonly EvalSeries[],
  options: { horizons?: readonly number[]; from?: string } = {},
): StockPanelResult {
  const horizons = options.horizons ?? [3, 6, 12];
  const period = { from: options.from ?? '2016-01' };
  const cells: EvalCell[] = [];
  const skipped: string[] = [];
  for (const s of series) {
    let scored: EvalCell[] = [];
    try {
      scored = evaluateSeries(s, horizons, [period])[0]!.filter((c) => c.origins > 0);
    } catch (err) {
      // The menu needs a few years of monthly history before its first origin; a shorter series has nothing to score.
      if (!(err instanceof RangeError)) throw err;
    }
    if (scored.length === 0) skipped.push(s.name);
    cells.push(...scored);
  }
  if (cells.length === 0)
    throw new RiskXpertError(
      'SERIES_TOO_SHORT',
      `No stock has a scored origin from ${period.from} on (too little history before it).`,
    );
  const covs = cells.map((c) => c.coverage);
  return {
    cells,
    skipped,
    geoMean: geoMean(cells),
    interval: bootstrapGeoMean(cells),
    coverage: { min: Math.min(...covs), max: Math.max(...covs), mean: covs.reduce((a, b) => a + b, 0) / covs.length },
  };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

/** The result as a Markdown table (docs/stocks.md prints this). */
export function stockPanelTable(result: StockPanelResult): string {
  const rows = result.cells.map(
    (c) =>
      `| ${c.series} | ${c.horizon} | ${c.origins} | ${f3(c.ratio)} | ${f2(c.coverage)} | ${f2(c.naiveCoverage)} |`,
  );
  return [
    '| series | h | origins | WQL / naive | cov80 | naive cov80 |',
    '|---|---|---|---|---|---|',
    ...rows,
    `| **geometric mean** | | | **${f3(result.geoMean)}** (90% year-block ${f3(result.interval[0])}–${f3(result.interval[1])}) | ${f2(result.coverage.min)}–${f2(result.coverage.max)} (mean ${f2(result.coverage.mean)}) | |`,
    ...(result.skipped.length
      ? ['', `Not scored (too little history before the first origin): ${result.skipped.join(', ')}.`]
      : []),
  ].join('\n');
}
