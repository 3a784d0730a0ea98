import { readFile } from 'node:fs/promises';
import { readCsvSeries } from '../data/read-csv-series.js';
import { resampleMonthEnd, resampleWeekEnd } from '../data/resample.js';
import { RiskXpertError } from '../errors.js';
import { backtest, type BacktestResult } from '../forecast/backtest.js';
import type { Forecaster } from '../forecast/forecaster.js';
import type { Io } from './ask-command.js';

export interface BacktestCommandOptions {
  csv: string;
  valueCol: string;
  dateCol?: string;
  resample?: 'M' | 'W';
  horizon: number;
  origins: number;
  since?: string;
  json?: boolean;
  /** "model" first, then the baselines by name. */
  methods: Record<string, Forecaster>;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** `riskxpert backtest`: rolling-origin scores of the model and every baseline on any CSV. */
export async function runBacktestCommand(options: BacktestCommandOptions, io: Io): Promise<BacktestResult> {
  let text: string;
  try {
    text = await readFile(options.csv, 'utf8');
  } catch (err) {
    throw new RiskXpertError('BAD_REQUEST', `Cannot read ${options.csv}: ${(err as Error).message}`, { cause: err });
  }
  const { points } = readCsvSeries(text, { valueCol: options.valueCol, ...(options.dateCol ? { dateCol: options.dateCol } : {}) }, options.csv);
  const series = options.resample === 'M' ? resampleMonthEnd(points) : options.resample === 'W' ? resampleWeekEnd(points) : points;
  const result = await backtest(series, options.methods, {
    horizon: options.horizon,
    origins: options.origins,
    seasonPeriod: options.resample === 'W' ? 52 : 12,
    ...(options.since ? { since: options.since } : {}),
  });

  if (options.json) {
    const methods = Object.fromEntries(
      Object.entries(result.methods).map(([name, s]) => [name, { mase: s.mase, smape: s.smape, wql: s.wql, coverage80: s.coverage80 }]),
    );
    io.out(`${JSON.stringify({ horizon: result.horizon, origins: result.origins, methods })}\n`);
    return result;
  }
  const naive = result.methods.naive;
  io.out(`${options.csv} · ${options.valueCol}${options.resample ? ` · resampled ${options.resample}` : ''} · ${series.length} points\n`);
  io.out(`horizon ${result.horizon}, ${result.origins} rolling origins (${result.firstOrigin} .. ${result.lastOrigin})\n\n`);
  const head = ['method', 'MASE', 'sMAPE%', 'WQL', 'cov80', 'MASE/naive', 'WQL/naive'];
  const rows = Object.entries(result.methods).map(([name, s]) => [
    name,
    f3(s.mase),
    s.smape.toFixed(2),
    f3(s.wql),
    s.coverage80.toFixed(3),
    naive ? f3(s.mase / naive.mase) : '',
    naive ? f3(s.wql / naive.wql) : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  io.out(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  return result;
}
