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

const [cli, serve, etl, telegram, discord] = await Promise.all([
  load('src/cli'),
  load('adapters/http/serve-command'),
  load('workers/etl-commands'),
  load('adapters/telegram/telegram-command'),
  load('adapters/discord/discord-commands'),
]);
process.exitCode = await cli.main(process.argv.slice(2), [
  serve.registerServeCommand,
  etl.registerEtlCommands,
  telegram.registerTelegramCommand,
  discord.registerDiscordCommands,
]);
