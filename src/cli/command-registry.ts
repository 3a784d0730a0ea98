/**
 * Every `riskxpert` command in one list, read by bin/riskxpert.js (which module to load for a command), by the CLI
 * (which commands are one-shot and log quietly) and by the help (a command not in this list is not loaded for it).
 * `module`/`register` name the file and the registrar that add a command needing adapters or workers; core commands
 * are registered by src/cli.ts itself. Plain data, so that bin can read it before loading anything heavy.
 */
export interface CommandEntry {
  name: string;
  /** Runs and exits (ask, etl run...), as opposed to a long-running process (serve, worker, telegram, discord). */
  oneShot: boolean;
  module?: string;
  register?: string;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'ask', oneShot: true },
  { name: 'indicators', oneShot: true },
  { name: 'backtest', oneShot: true },
  { name: 'benchmark', oneShot: true },
  { name: 'serve', oneShot: false, module: 'adapters/http/serve-command', register: 'registerServeCommand' },
  { name: 'etl', oneShot: true, module: 'workers/etl-commands', register: 'registerEtlCommands' },
  { name: 'status', oneShot: true, module: 'workers/etl-commands', register: 'registerEtlCommands' },
  { name: 'worker', oneShot: false, module: 'workers/etl-commands', register: 'registerEtlCommands' },
  {
    name: 'telegram',
    oneShot: false,
    module: 'adapters/telegram/telegram-command',
    register: 'registerTelegramCommand',
  },
  { name: 'discord', oneShot: false, module: 'adapters/discord/discord-commands', register: 'registerDiscordCommands' },
  {
    name: 'discord:register',
    oneShot: true,
    module: 'adapters/discord/discord-commands',
    register: 'registerDiscordCommands',
  },
  { name: 'backup', oneShot: true, module: 'src/cli/store-commands', register: 'registerStoreCommands' },
  { name: 'restore', oneShot: true, module: 'src/cli/store-commands', register: 'registerStoreCommands' },
  { name: 'data', oneShot: true, module: 'src/cli/store-commands', register: 'registerStoreCommands' },
  { name: 'risk', oneShot: true, module: 'src/cli/risk-commands', register: 'registerRiskCommands' },
];

/** The queue library's driver, handed to the composition root by the process entry (src/ never imports it). */
export const QUEUE_DRIVER = { module: 'workers/queue-driver', export: 'bullmqQueueDriver' } as const;

/** The modules (with their registrar) that `command` needs: its own, none for a core command, all for help or a typo. */
export function modulesFor(command: string): { module: string; register: string }[] {
  const entry = COMMANDS.find((c) => c.name === command);
  if (entry) return entry.module && entry.register ? [{ module: entry.module, register: entry.register }] : [];
  const all = new Map<string, string>();
  for (const c of COMMANDS) if (c.module && c.register) all.set(c.module, c.register);
  return [...all].map(([module, register]) => ({ module, register }));
}

export const isOneShot = (command: string) => COMMANDS.find((c) => c.name === command)?.oneShot ?? false;
