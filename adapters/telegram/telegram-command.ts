import { run } from '@grammyjs/runner';
import type { CommandRegistrar } from '../../src/cli.js';
import { RiskXpertError } from '../../src/errors.js';
import { createTelegramBotFromRuntime, registerTelegramCommands } from './create-telegram-bot.js';
import { listenForShutdown } from '../../src/app/shutdown-signal.js';
import { checkTelegramToken, registerMenuWithRetry } from './startup-checks.js';

/** `riskxpert telegram`: long polling with @grammyjs/runner, for development or a single server. */
export const registerTelegramCommand: CommandRegistrar = (program, ctx) => {
  program
    .command('telegram')
    .description('Run the Telegram bot with long polling (use `serve` with a webhook in production)')
    .action(async () => {
      const { botToken, apiRoot } = ctx.config().telegram;
      if (!botToken) throw new RiskXpertError('CONFIG_INVALID', 'riskxpert telegram needs TELEGRAM_BOT_TOKEN.');
      // Before the runtime (model, stores) is built: a wrong token or an unreachable Telegram ends the start in seconds.
      const me = await checkTelegramToken(botToken, { apiRoot });
      const rt = await ctx.runtime();
      const bot = createTelegramBotFromRuntime(rt, me);
      try {
        await bot.api.deleteWebhook(
          undefined,
          AbortSignal.timeout(10_000) as Parameters<typeof bot.api.deleteWebhook>[1],
        );
      } catch (err) {
        await rt.close();
        throw err;
      }
      const stopMenu = new AbortController();
      const menu = registerMenuWithRetry(registerTelegramCommands, bot.api, rt.logger, { signal: stopMenu.signal });
      const runner = run(bot);
      rt.logger.info({ username: bot.botInfo.username }, 'telegram long polling');
      await listenForShutdown().signal;
      stopMenu.abort();
      await menu;
      if (runner.isRunning()) await runner.stop();
      await rt.close();
    });
};
