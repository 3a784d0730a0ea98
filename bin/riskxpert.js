#!/usr/bin/env node
// The composition root of every riskxpert process: the core CLI plus the commands that need adapters.
// Runs the compiled build when present (npm pack, Docker), otherwise the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = existsSync(fileURLToPath(new URL('../dist/src/cli.js', import.meta.url)));
if (!compiled) {
  const { register } = await import('tsx/esm/api');
  register();
}
const load = (path) => import(new URL(`../${compiled ? `dist/${path}.js` : `${path}.ts`}`, import.meta.url).href);

// Which module adds which command. A known command loads only its own module, so `riskxpert ask` does not pay for
// express, grammY, discord.js and the workers (about a second and 20 MB); help or anything unknown loads them all.
const owners = {
  serve: ['adapters/http/serve-command', 'registerServeCommand'],
  etl: ['workers/etl-commands', 'registerEtlCommands'],
  status: ['workers/etl-commands', 'registerEtlCommands'],
  worker: ['workers/etl-commands', 'registerEtlCommands'],
  telegram: ['adapters/telegram/telegram-command', 'registerTelegramCommand'],
  discord: ['adapters/discord/discord-commands', 'registerDiscordCommands'],
  'discord:register': ['adapters/discord/discord-commands', 'registerDiscordCommands'],
  backup: ['src/cli/store-commands', 'registerStoreCommands'],
  restore: ['src/cli/store-commands', 'registerStoreCommands'],
  data: ['src/cli/store-commands', 'registerStoreCommands'],
};
const core = new Set(['ask', 'indicators', 'backtest', 'benchmark']);
const command = process.argv[2] ?? '';
const wanted = core.has(command) ? [] : Object.hasOwn(owners, command) ? [owners[command]] : [...new Map(Object.values(owners).map((o) => [o[0], o])).values()];

const [cli, ...modules] = await Promise.all([load('src/cli'), ...wanted.map(([path]) => load(path))]);
process.exitCode = await cli.main(
  process.argv.slice(2),
  modules.map((mod, i) => mod[wanted[i][1]]),
);
