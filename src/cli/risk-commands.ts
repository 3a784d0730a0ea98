import { t } from '../messages/t.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliContext } from '../cli.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { RiskXpertError } from '../errors.js';
import { LOCALES, type Locale } from '../locale.js';
import { reportsDir } from '../risk/risk-services.js';
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
  const read = readSeriesFromCsvText(
    text,
    { valueCol: opts.valueCol, ...(opts.dateCol ? { dateCol: opts.dateCol } : {}) },
    opts.csv,
  );
  const report = backtestVar(read.points, {
    horizonDays: opts.horizonDays,
    level,
    method: opts.method,
    ...(opts.since ? { since: opts.since } : {}),
  });
  if (opts.json) {
    ctx.io.out(`${JSON.stringify(report)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  ctx.io.out(
    `${opts.method} VaR ${level * 100}% over ${opts.horizonDays} day(s): ${report.windows.length} windows ${report.windows[0]!.date} … ${report.windows.at(-1)!.date}\n`,
  );
  ctx.io.out(
    `exceedances ${report.exceedances} (expected ${((1 - level) * report.windows.length).toFixed(1)}), Kupiec p ${report.kupiecP.toFixed(3)}, Christoffersen p ${report.christoffersenP.toFixed(3)}\n`,
  );
  const last = report.windows.at(-1)!;
  ctx.io.out(`last window ${last.date}: VaR ${pct(last.var)}, ES ${pct(last.es)}\n`);
  for (const y of baselByYear(report)) ctx.io.out(`  ${y.year}: ${y.exceedances}/${y.windows} ${y.zone}\n`);
}

type RiskCliCommand = 'risk' | 'plan' | 'profile';

async function runRiskCommand(
  ctx: CliContext,
  command: RiskCliCommand,
  words: string[],
  opts: { user: string; lang?: Locale; json?: boolean },
): Promise<void> {
  const config = ctx.config();
  const { createStockPrices } = await import('../data/stock-prices.js');
  const stocks = createStockPrices({ ...(config.data.dir ? { csvDir: config.data.dir } : {}), kisConfigured: false });
  const rt = await ctx.runtime();
  const series = rt.series;
  const { createRiskServices } = await import('../risk/risk-services.js');
  const services = createRiskServices(config, {
    history: async (id) => (stockCodeOf(id) ? stocks.history(id) : (await series.get(id)).points),
  });
  try {
    const reply = await services.commands.run({
      userId: `cli:${opts.user}`,
      locale: opts.lang ?? 'ko',
      command,
      args: words.join(' '),
    });
    if (opts.json)
      ctx.io.out(
        `${JSON.stringify({ text: reply.text, ...(reply.analysis ? { analysis: reply.analysis } : {}), ...(reply.reportId ? { reportId: reply.reportId } : {}) })}\n`,
      );
    else
      ctx.io.out(
        `${reply.text}\n${reply.reportId ? `${t(opts.lang ?? 'ko', 'risk.report', { url: join(reportsDir(config), `${reply.reportId}.html`) })}\n` : ''}`,
      );
  } finally {
    await services.close();
    await rt.close();
  }
}

/** `riskxpert risk ...`: Value at Risk backtests, portfolio risk, plans and the risk profile. */
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
    .addOption(
      new Option('--method <m>', 'fhs: filtered historical simulation; hs: historical; normal: normal variance')
        .choices([...VAR_METHODS])
        .default('fhs'),
    )
    .option('--json', 'print one JSON object')
    .action(async (opts: BacktestOpts) => runRiskBacktest(opts, ctx));
  for (const [name, description] of [
    [
      'portfolio',
      'Risk of a stated portfolio ("삼성전자 50%, 코스피 30%, 달러 20%"): VaR/ES 1d-12m, score, plan, report',
    ],
    ['plan', 'Response plan and a rebalance proposal (education, not advice) for a stated portfolio'],
    ['profile', 'Set the risk profile: stable|balanced|aggressive [loss limit %], e.g. "balanced 10%"'],
  ] as const) {
    risk
      .command(name)
      .description(description)
      .argument('[words...]', name === 'profile' ? 'appetite and limit' : 'holdings with weights')
      .option('--user <id>', 'whose profile to use', 'local')
      .addOption(new Option('-l, --lang <lang>', 'answer language').choices([...LOCALES]))
      .option('--json', 'print one JSON object')
      .action(async (words: string[], opts: { user: string; lang?: Locale; json?: boolean }) =>
        runRiskCommand(ctx, name === 'portfolio' ? 'risk' : name, words, opts),
      );
  }
}
