import { run } from '@grammyjs/runner';
import type { CommandRegistrar } from '../../src/cli.js';
import { createTelegramBotFromRuntime, registerTelegramCommands } from './create-telegram-bot.js';

/** `riskxpert telegram`: long polling with @grammyjs/runner, for development or a single server. */
export const registerTelegramCommand: CommandRegistrar = (program, ctx) => {
  program
    .command('telegram')
    .description('Run the Telegram bot with long polling (use `serve` with a webhook in production)')
    .action(async () => {
      const rt = await ctx.runtime();
      const bot = createTelegramBotFromRuntime(rt);
      await bot.init();
      await bot.api.deleteWebhook();
      await registerTelegramCommands(bot.api);
      const runner = run(bot);
      rt.logger.info({ username: bot.botInfo.username }, 'telegram long polling');
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      if (runner.isRunning()) await runner.stop();
      await rt.close();
    });
};
