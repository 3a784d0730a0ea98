import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import type { Io } from './ask-command.js';

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
