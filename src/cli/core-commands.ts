import { InvalidArgumentError, Option } from 'commander';
import type { CommandRegistrar } from './cli-context.js';
import { runBacktestCommand } from '../forecast/backtest-command.js';
import { CATALOG } from '../data/catalog.js';
import { RiskXpertError } from '../errors.js';
import { LOCALES, type Locale } from '../locale.js';
import { packagePath } from '../package-root.js';
import { runAsk } from './ask-command.js';

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1`);
  return n;
};

/** `riskxpert ask`: one answer in the terminal; Ctrl-C aborts the answer instead of killing the process mid-write. */
export const registerAskCommand: CommandRegistrar = (program, ctx) => {
  const { io } = ctx;
  program
    .command('ask')
    .description('Answer a question such as "앞으로 6개월 코스피 어때?" in the terminal')
    .argument('<question...>', 'the question, in Korean or English')
    .option('-i, --indicator <id>', `indicator id (${CATALOG.map((i) => i.id).join(', ')})`)
    .option('-m, --months <n>', 'horizon in months, 1..24', positiveInt('--months'))
    .addOption(new Option('-l, --lang <lang>', 'answer language').choices([...LOCALES]))
    .option('--json', 'print one JSON object instead of text')
    .option('--chart <file>', 'write the chart PNG to this file')
    .action(
      async (
        words: string[],
        opts: { indicator?: string; months?: number; lang?: Locale; json?: boolean; chart?: string },
      ) => {
        const rt = await ctx.runtime();
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        try {
          ctx.exitCode = await runAsk(
            rt.engine,
            { question: words.join(' '), ...opts, deadlineMs: rt.config.answer.deadlineMs },
            io,
            controller.signal,
          );
        } finally {
          process.off('SIGINT', onSigint);
          await rt.close();
        }
      },
    );
};

export const registerIndicatorsCommand: CommandRegistrar = (program, ctx) => {
  const { io } = ctx;
  program
    .command('indicators')
    .description('List the indicators RiskXpert can forecast, with their aliases')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rt = await ctx.runtime();
      const available = new Set(await rt.series.available());
      await rt.close();
      if (opts.json) {
        io.out(
          `${JSON.stringify(
            CATALOG.map((i) => ({ ...i, available: available.has(i.id) })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      for (const i of CATALOG) {
        io.out(
          `${available.has(i.id) ? '●' : '○'} ${i.id.padEnd(15)} ${i.nameKo} / ${i.nameEn} [${i.unit}, ${i.frequency}] — ${i.aliases.slice(0, 4).join(', ')}\n`,
        );
      }
      io.out('\n● data available now   ○ needs data (RISKXPERT_DATA_DIR or the ETL worker)\n');
    });
};

export const registerBacktestCommand: CommandRegistrar = (program, ctx) => {
  const { io } = ctx;
  program
    .command('backtest')
    .description('Rolling-origin evaluation of the model and every baseline on a CSV (MASE, sMAPE, WQL, 80% coverage)')
    .requiredOption('--csv <file>', 'CSV file')
    .requiredOption('--value-col <name>', 'column with the values')
    .option('--date-col <name>', 'column with the dates (default: the first column whose values parse as dates)')
    .addOption(new Option('--resample <freq>', 'resample to month ends (M) or week ends (W) first').choices(['M', 'W']))
    .requiredOption('--horizon <h>', 'steps ahead', positiveInt('--horizon'))
    .option('--origins <n>', 'rolling origins (the last ones)', positiveInt('--origins'), 60)
    .option('--since <date>', 'only origins on or after this date (YYYY-MM-DD)')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        csv: string;
        valueCol: string;
        dateCol?: string;
        resample?: 'M' | 'W';
        horizon: number;
        origins: number;
        since?: string;
        json?: boolean;
      }) => {
        const config = ctx.config();
        const { createEvaluationMethods } = await import('../forecast/evaluation-methods.js');
        const methods = createEvaluationMethods(config.forecast.modelPath);
        await runBacktestCommand({ ...opts, forecasters: methods }, (line) => io.out(line));
        await methods.model?.close?.();
      },
    );
};

export const registerBenchmarkCommand: CommandRegistrar = (program, ctx) => {
  const { io } = ctx;
  program
    .command('benchmark')
    .description('Published benchmarks; `benchmark exchange` runs the long-horizon Exchange protocol')
    .argument('<name>', 'benchmark name (exchange)')
    .requiredOption('--csv <file>', 'exchange_rate.csv')
    .option('--model <file>', 'ONNX model trained under the protocol', packagePath('models', 'exchange.onnx'))
    .option('--json', 'print one JSON object')
    .action(async (name: string, opts: { csv: string; model: string; json?: boolean }) => {
      if (name !== 'exchange')
        throw new RiskXpertError('BAD_REQUEST', `Unknown benchmark "${name}"; available: exchange.`);
      const { runExchangeBenchmarkCommand } = await import('../forecast/exchange-benchmark.js');
      await runExchangeBenchmarkCommand(
        { csv: opts.csv, modelPath: opts.model, ...(opts.json ? { json: true } : {}) },
        io.out,
      );
    });
};
