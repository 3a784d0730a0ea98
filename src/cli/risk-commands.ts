import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliContext } from '../cli.js';
import { RiskXpertError } from '../errors.js';
import { readSeriesFromCsvText } from '../forecast/csv-series-reader.js';
import { baselByYear, backtestVar } from '../risk/var-backtest.js';
import { VAR_METHODS, type VarMethod } from '../risk/var-models.js';

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number >= 1');
  return n;
};

interface BacktestOpts {
  csv: string;
  valueCol: string;
  dateCol?: string;
  horizonDays: number;
  level: string;
  since?: string;
  method: VarMethod;
  json?: boolean;
}

async function runRiskBacktest(opts: BacktestOpts, ctx: CliContext): Promise<void> {
  const level = Number(opts.level);
  let text: string;
  try {
    text = await readFile(opts.csv, 'utf8');
  } catch (err) {
    throw new RiskXpertError('BAD_REQUEST', `Cannot read ${opts.csv}: ${(err as Error).message}`, { cause: err });
  }
  const read = readSeriesFromCsvText(text, { valueCol: opts.valueCol, ...(opts.dateCol ? { dateCol: opts.dateCol } : {}) }, opts.csv);
  const report = backtestVar(read.points, { horizonDays: opts.horizonDays, level, method: opts.method, ...(opts.since ? { since: opts.since } : {}) });
  if (opts.json) {
    ctx.io.out(`${JSON.stringify(report)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  ctx.io.out(`${opts.method} VaR ${level * 100}% over ${opts.horizonDays} day(s): ${report.windows.length} windows ${report.windows[0]!.date} … ${report.windows.at(-1)!.date}\n`);
  ctx.io.out(`exceedances ${report.exceedances} (expected ${((1 - level) * report.windows.length).toFixed(1)}), Kupiec p ${report.kupiecP.toFixed(3)}, Christoffersen p ${report.christoffersenP.toFixed(3)}\n`);
  const last = report.windows.at(-1)!;
  ctx.io.out(`last window ${last.date}: VaR ${pct(last.var)}, ES ${pct(last.es)}\n`);
  for (const y of baselByYear(report)) ctx.io.out(`  ${y.year}: ${y.exceedances}/${y.windows} ${y.zone}\n`);
}

/** `riskxpert risk ...`: Value at Risk backtests (portfolio commands are added beside it). */
export function registerRiskCommands(program: Command, ctx: CliContext): void {
  const risk = program.command('risk').description('Portfolio risk: Value at Risk, backtests, profile, plans');
  risk
    .command('backtest')
    .description('Rolling out-of-sample VaR/ES on a CSV price series with Kupiec and Christoffersen tests')
    .requiredOption('--csv <file>', 'CSV file')
    .requiredOption('--value-col <name>', 'column with the prices')
    .option('--date-col <name>', 'column with the dates (default: the first column of dates)')
    .requiredOption('--horizon-days <n>', 'loss horizon in observations', positiveInt)
    .addOption(new Option('--level <p>', 'VaR confidence level').choices(['0.95', '0.99']).makeOptionMandatory())
    .option('--since <date>', 'only windows on or after this date (YYYY-MM-DD)')
    .addOption(new Option('--method <m>', 'fhs: filtered historical simulation; hs: historical; normal: normal variance').choices([...VAR_METHODS]).default('fhs'))
    .option('--json', 'print one JSON object')
    .action(async (opts: BacktestOpts) => runRiskBacktest(opts, ctx));
}
