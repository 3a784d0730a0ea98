import { Command } from 'commander';
import type { Io } from './cli/ask-command.js';
import type { CliContext, CommandRegistrar } from './cli/cli-context.js';
import { loadConfig, type Config } from './config.js';
import { isRiskXpertError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { createRuntime, type Runtime } from './runtime.js';
import type { QueueDriver } from './app/queue-driver.js';
import {
  registerAskCommand,
  registerBacktestCommand,
  registerBenchmarkCommand,
  registerIndicatorsCommand,
} from './cli/core-commands.js';
import { isOneShot } from './cli/command-registry.js';

export type { CliContext, CommandRegistrar } from './cli/cli-context.js';

/** What the process entry (bin/) hands in besides the commands: the queue library, loaded only when a queue is configured. */
export interface ProcessParts {
  loadQueueDriver?: () => Promise<QueueDriver>;
}

export async function main(
  argv: string[],
  registrars: CommandRegistrar[] = [],
  env: Record<string, string | undefined> = process.env,
  io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
  parts: ProcessParts = {},
): Promise<number> {
  const ctx = createCliContext(argv, env, io, parts);
  const program = new Command('riskxpert')
    .description('Financial forecasts with prediction intervals, narrated in Korean or English.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();
  const core = [registerAskCommand, registerIndicatorsCommand, registerBacktestCommand, registerBenchmarkCommand];
  for (const register of [...core, ...registrars]) register(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    return exitCodeOf(err, io);
  }
}

function createCliContext(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
  parts: ProcessParts,
): CliContext {
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
  return ctx;
}

/** Commander's own exits (help, version, usage errors) keep their codes; our own errors print their message alone. */
function exitCodeOf(err: unknown, io: Io): number {
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

async function openRuntime(config: Config, logger: Logger, parts: ProcessParts): Promise<Runtime> {
  const queues = config.queue.redisUrl && parts.loadQueueDriver ? await parts.loadQueueDriver() : undefined;
  return createRuntime(config, { logger, ...(queues ? { queues } : {}) });
}
