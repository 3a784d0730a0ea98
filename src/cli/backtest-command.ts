import { runBacktestCommand as runForecastBacktestCommand, type BacktestReport } from '../forecast/backtest-command.js';
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

/** `riskxpert backtest`: the command lives in src/forecast/backtest-command.ts; this keeps the CLI's Io shape. */
export async function runBacktestCommand(options: BacktestCommandOptions, io: Io): Promise<BacktestReport> {
  return runForecastBacktestCommand(options, (line) => io.out(line));
}
