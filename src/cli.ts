import { Command, InvalidArgumentError, Option } from 'commander';
import { runAsk, type Io } from './cli/ask-command.js';
import { runBacktestCommand } from './forecast/backtest-command.js';
import { loadConfig, type Config } from './config.js';
import { CATALOG } from './data/catalog.js';
import { isRiskXpertError, RiskXpertError } from './errors.js';
import { LOCALES, type Locale } from './locale.js';
import { createLogger, type Logger } from './logger.js';
import { packagePath } from './package-root.js';
import { createRuntime, type Runtime } from './runtime.js';
import type { QueueDriver } from './app/queue-driver.js';
import { isOneShot } from './cli/command-registry.js';

/** What every command gets: config and runtime are built on first use, never at import. */
export interface CliContext {
  env: Record<string, string | undefined>;
  io: Io;
  config(): Config;
  logger(): Logger;
  runtime(): Promise<Runtime>;
  /** Set by a command to the process exit code. */
  exitCode: number;
}

/** Lets a composition root add commands that need adapters or workers (serve, worker, telegram, ...). */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;

/** What the process entry (bin/) hands in besides the commands: the queue library, loaded only when a queue is configured. */
export interface ProcessParts {
  loadQueueDriver?: () => Promise<QueueDriver>;
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1`);
  return n;
};

export async function main(
  argv: string[],
  registrars: CommandRegistrar[] = [],
  env: Record<string, string | undefined> = process.env,
  io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
  parts: ProcessParts = {},
): Promise<number> {
  let config: Config | undefined;
  let logger: Logger | undefined;
  let runtime: Promise<Runtime> | undefined;
  const ctx: CliContext = {
    env,
    io,
    exitCode: 0,
    config: () => (config ??= loadConfig(env)),
    // One-shot commands print answers on the terminal: their logs stay quiet unless LOG_LEVEL asks otherwise.
    logger: () =>
      (logger ??= createLogger({ level: env.LOG_LEVEL || !isOneShot(argv[0] ?? '') ? ctx.config().logLevel : 'warn' })),
    runtime: () =>
      (runtime ??= openRuntime(ctx.config(), ctx.logger(), parts).then((rt) => {
        for (const notice of rt.notices) io.err(`riskxpert: ${notice}\n`);
        return rt;
      })),
  };

  const program = new Command('riskxpert')
    .description('Financial forecasts with prediction intervals, narrated in Korean or English.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

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
        const { createEvaluationMethods } = await import('./forecast/evaluation-methods.js');
        const methods = createEvaluationMethods(config.forecast.modelPath);
        await runBacktestCommand({ ...opts, forecasters: methods }, (line) => io.out(line));
        await methods.model?.close?.();
      },
    );

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
      const { runExchangeBenchmarkCommand } = await import('./forecast/exchange-benchmark.js');
      await runExchangeBenchmarkCommand(
        { csv: opts.csv, modelPath: opts.model, ...(opts.json ? { json: true } : {}) },
        io.out,
      );
    });

  for (const register of registrars) register(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : (e.exitCode ?? 2);
    }
    if (isRiskXpertError(err)) {
      io.err(`riskxpert: ${err.message}\n`);
      return err.code === 'CONFIG_INVALID' ? 2 : 1;
    }
    io.err(`riskxpert: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

async function openRuntime(config: Config, logger: Logger, parts: ProcessParts): Promise<Runtime> {
  const queues = config.queue.redisUrl && parts.loadQueueDriver ? await parts.loadQueueDriver() : undefined;
  return createRuntime(config, { logger, ...(queues ? { queues } : {}) });
}
